package httpapi_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/platform/config"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/testkit"
)

func TestSMSLoginFlow(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := a.Client()
		const phone = "13812348000"

		var sent member.CodeSent
		c.Do("POST", "/api/shop/auth/sms-code", map[string]string{"phone": phone}).Expect(http.StatusOK).JSON(&sent)
		if sent.ExpiresIn != 300 || sent.ResendAfter != 60 {
			t.Fatalf("sent %+v", sent)
		}

		// An admin reads the code in the dev inbox.
		var inbox struct {
			Items []member.DevMessage `json:"items"`
		}
		memAdmin(t, a, adminauth.RoleOperator).Do("GET", "/api/admin/dev/sms-inbox?phone="+phone, nil).Expect(http.StatusOK).JSON(&inbox)
		if len(inbox.Items) != 1 || inbox.Items[0].Phone != phone {
			t.Fatalf("inbox %+v", inbox)
		}
		code := a.LatestSMSCode(t, phone)
		if !strings.Contains(inbox.Items[0].Body, code) {
			t.Fatalf("inbox body %q lacks the code", inbox.Items[0].Body)
		}

		// Only a keyed hash of the code is stored.
		var stored struct{ CodeHash string }
		a.DB.Gorm.Table("sms_codes").Select("code_hash").Where("phone = ?", phone).Take(&stored)
		if len(stored.CodeHash) != 64 || strings.Contains(stored.CodeHash, code) {
			t.Fatalf("stored code hash %q", stored.CodeHash)
		}

		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		expectError(t, c.Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": wrong}), 400, "invalid", "code_wrong")

		var login memShopperResp
		c.Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": code}).Expect(http.StatusOK).JSON(&login)
		if !login.Created || login.CSRFToken == "" || login.Shopper.Phone == nil || *login.Shopper.Phone != phone || login.Shopper.Status != "active" {
			t.Fatalf("login %+v", login)
		}
		me := memMe(t, c)
		if me.Shopper.ID != login.Shopper.ID || *me.Shopper.Phone != phone || me.CSRFToken != login.CSRFToken {
			t.Fatalf("me %+v", me)
		}

		// Single use.
		expectError(t, a.Client().Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": code}), 400, "invalid", "code_expired")

		// One account per phone: logging in again finds it.
		a.Members.ResetSMSLimits(testkit.Ctx(), phone, "127.0.0.1")
		again := memLogin(t, a, a.Client(), phone)
		if again.Shopper.ID != login.Shopper.ID || again.Created {
			t.Fatalf("second login %+v", again)
		}

		// Logout ends the session.
		c.Do("POST", "/api/shop/logout", nil).Expect(http.StatusOK)
		expectError(t, c.Do("GET", "/api/shop/me", nil), 401, "unauthenticated", "")
	})
}

func TestSMSCodeExpiresAndIsSuperseded(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := a.Client()
		const phone = "13900001111"

		code := memRequestCode(t, a, c, phone)
		a.Members.SetClock(func() time.Time { return database.Now().Add(5*time.Minute + time.Second) })
		expectError(t, c.Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": code}), 400, "invalid", "code_expired")
		a.Members.SetClock(func() time.Time { return database.Now().Add(4*time.Minute + 50*time.Second) })

		// A newer code replaces the older one.
		a.Members.ResetSMSLimits(testkit.Ctx(), phone, "127.0.0.1")
		first := memRequestCode(t, a, c, phone)
		a.Members.ResetSMSLimits(testkit.Ctx(), phone, "127.0.0.1")
		second := memRequestCode(t, a, c, phone)
		if first != second {
			expectError(t, c.Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": first}), 400, "invalid", "")
		}
		c.Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": second}).Expect(http.StatusOK)
	})
}

func TestSMSCodeWrongAttemptLimit(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := a.Client()
		const phone = "13700002222"
		code := memRequestCode(t, a, c, phone)
		wrong := "123456"
		if code == wrong {
			wrong = "654321"
		}
		for i := 1; i <= 4; i++ {
			expectError(t, c.Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": wrong}), 400, "invalid", "code_wrong")
		}
		expectError(t, c.Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": wrong}), 400, "invalid", "code_locked")
		// Even the right code no longer works.
		expectError(t, c.Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": code}), 400, "invalid", "code_locked")
		expectError(t, c.Do("GET", "/api/shop/me", nil), 401, "unauthenticated", "")

		// A new code works.
		a.Members.ResetSMSLimits(testkit.Ctx(), phone, "127.0.0.1")
		memLogin(t, a, c, phone)
		memMe(t, c)
	})
}

func TestSMSRateLimits(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := a.Client()
		send := func(phone string) *testkit.Response {
			return c.Do("POST", "/api/shop/auth/sms-code", map[string]string{"phone": phone})
		}
		retryAfter := func(r *testkit.Response, max int) {
			t.Helper()
			n, err := strconv.Atoi(r.Header.Get("Retry-After"))
			if err != nil || n < 1 || n > max {
				t.Fatalf("Retry-After %q, want 1..%d", r.Header.Get("Retry-After"), max)
			}
		}

		// One per minute per phone.
		send("13600000000").Expect(http.StatusOK)
		r := send("13600000000")
		expectError(t, r, 429, "rate_limited", "sms_cooldown")
		retryAfter(r, 60)

		// Ten per day per phone (the cooldown switched off to get there).
		p := member.DefaultSMSPolicy()
		p.Cooldown = 0
		a.Members.SetSMSPolicy(p)
		for i := 0; i < 10; i++ {
			send("13600000001").Expect(http.StatusOK)
		}
		r = send("13600000001")
		expectError(t, r, 429, "rate_limited", "sms_daily_limit")
		retryAfter(r, 24*3600)
		a.Members.SetSMSPolicy(member.DefaultSMSPolicy())

		// Twenty per hour per IP, whatever the phones: 2 + 11 requests so
		// far, 7 more pass, then the IP is refused even for a fresh phone.
		for i := 0; i < 7; i++ {
			send("1350000000" + strconv.Itoa(i)).Expect(http.StatusOK)
		}
		r = send("13588888888")
		expectError(t, r, 429, "rate_limited", "sms_ip_limit")
		retryAfter(r, 3600)
		var n int64
		a.DB.Gorm.Table("dev_sms_inbox").Where("phone = ?", "13588888888").Count(&n)
		if n != 0 {
			t.Fatal("a refused request still sent a message")
		}
	})
}

func TestSMSBadInput(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := a.Client()
		tests := []struct {
			name, path string
			body       any
			field      string
		}{
			{"short phone", "/api/shop/auth/sms-code", `{"phone":"1381234800"}`, "phone"},
			{"not a mobile prefix", "/api/shop/auth/sms-code", `{"phone":"12812348000"}`, "phone"},
			{"country code", "/api/shop/auth/sms-code", `{"phone":"+8613812348000"}`, "phone"},
			{"missing phone", "/api/shop/auth/sms-code", `{}`, "phone"},
			{"phone as number", "/api/shop/auth/sms-code", `{"phone":13812348000}`, "phone"},
			{"unknown field", "/api/shop/auth/sms-code", `{"phone":"13812348000","email":"x@y.z"}`, "email"},
			{"malformed", "/api/shop/auth/sms-code", `{"phone":`, ""},
			{"login code not digits", "/api/shop/auth/sms-login", `{"phone":"13812348000","code":"abc123"}`, "code"},
			{"login code missing", "/api/shop/auth/sms-login", `{"phone":"13812348000"}`, "code"},
			{"login bad phone", "/api/shop/auth/sms-login", `{"phone":"123","code":"123456"}`, "phone"},
			{"login code as number", "/api/shop/auth/sms-login", `{"phone":"13812348000","code":123456}`, "code"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := expectError(t, c.Do("POST", tt.path, tt.body), 400, "invalid", "")
				if tt.field != "" && e.Fields[tt.field] == "" {
					t.Fatalf("no message for field %s: %+v", tt.field, e)
				}
			})
		}
		var n int64
		a.DB.Gorm.Table("sms_codes").Count(&n)
		if n != 0 {
			t.Fatalf("%d codes issued for bad input", n)
		}
	})
}

func TestSMSUnavailableInProductionAndNoDevInbox(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL, func(c *config.Config) {
			c.Env, c.SandboxPayments, c.BaseURL = config.Production, false, "https://shop.example"
		})
		expectError(t, a.Client().Do("POST", "/api/shop/auth/sms-code", map[string]string{"phone": "13812348000"}), 503, "unavailable", "sms_unavailable")
		expectError(t, memAdmin(t, a, adminauth.RoleSuper).Do("GET", "/api/admin/dev/sms-inbox", nil), 404, "not_found", "")
	})
}
