package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

type sessionBody struct {
	Admin     adminauth.Admin `json:"admin"`
	CSRFToken string          `json:"csrf_token"`
}

func login(c *testkit.Client, username, password string) *testkit.Response {
	return c.Do("POST", "/api/admin/login", map[string]string{"username": username, "password": password})
}

func TestAdminLogin(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		id, username, password := a.NewAdmin(t, adminauth.RoleOperator)

		c := a.Client()
		res := login(c, strings.ToUpper(username), password).Expect(http.StatusOK)
		var body sessionBody
		res.JSON(&body)
		if body.Admin.ID != id || body.Admin.Role != adminauth.RoleOperator || body.CSRFToken == "" {
			t.Fatalf("login answered %s", res.Body)
		}
		if strings.Contains(string(res.Body), "argon2") || strings.Contains(string(res.Body), "password_hash") {
			t.Fatalf("login response leaks the hash: %s", res.Body)
		}
		cookie := res.Header.Get("Set-Cookie")
		if !strings.Contains(cookie, "fx_admin=") || !strings.Contains(cookie, "HttpOnly") {
			t.Fatalf("admin cookie not set properly: %q", cookie)
		}
		var me sessionBody
		c.Do("GET", "/api/admin/me", nil).Expect(http.StatusOK).JSON(&me)
		if me.Admin.Username != username || me.CSRFToken != body.CSRFToken || me.Admin.LastLoginAt == nil {
			t.Fatalf("me: %+v", me)
		}

		// Wrong password and unknown user are indistinguishable.
		wrong := login(a.Client(), username, password+"x").Expect(http.StatusUnauthorized)
		unknown := login(a.Client(), "nobody-here", password).Expect(http.StatusUnauthorized)
		if string(wrong.Body) != string(unknown.Body) {
			t.Fatalf("wrong password %s vs unknown user %s", wrong.Body, unknown.Body)
		}
		if e := errorOf(t, wrong); e.Code != "unauthenticated" || e.Reason != "invalid_credentials" {
			t.Fatalf("wrong password: %+v", e)
		}
		if wrong.Header.Get("Set-Cookie") != "" {
			t.Fatal("a failed login set a cookie")
		}

		// Logout ends the session.
		c.Do("POST", "/api/admin/logout", nil).Expect(http.StatusOK)
		c.Do("GET", "/api/admin/me", nil).Expect(http.StatusUnauthorized)
	})
}

func TestAdminLoginBadInput(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		tests := []struct {
			name  string
			body  any
			field string
		}{
			{name: "malformed JSON", body: `{"username": "a",`},
			{name: "unknown field", body: `{"username":"a","password":"b","remember":true}`, field: "remember"},
			{name: "wrong type", body: `{"username":1,"password":"b"}`, field: "username"},
			{name: "missing password", body: `{"username":"alice"}`, field: "password"},
			{name: "missing username", body: `{"password":"0123456789"}`, field: "username"},
			{name: "empty body", body: ``},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res := a.Client().Do("POST", "/api/admin/login", tt.body).Expect(http.StatusBadRequest)
				e := errorOf(t, res)
				if e.Code != "invalid" {
					t.Fatalf("code %q", e.Code)
				}
				if tt.field != "" && e.Fields[tt.field] == "" {
					t.Fatalf("no message for field %q: %s", tt.field, res.Body)
				}
			})
		}
	})
}

func TestAdminLockout(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		clock := database.Now()
		a.Admins.SetClock(func() time.Time { return clock })
		id, username, password := a.NewAdmin(t, adminauth.RoleSuper)

		// A success in between resets the count: 4 + 4 failures lock nothing.
		for i := 0; i < 4; i++ {
			login(a.Client(), username, "wrong-password").Expect(http.StatusUnauthorized)
		}
		login(a.Client(), username, password).Expect(http.StatusOK)
		if got := failedLogins(t, a, id); got != 0 {
			t.Fatalf("failed_logins %d after a success", got)
		}
		a.Admins.ResetLoginThrottle(testkit.Ctx(), "127.0.0.1", username)
		for i := 0; i < 5; i++ {
			res := login(a.Client(), username, "wrong-password").Expect(http.StatusUnauthorized)
			if e := errorOf(t, res); e.Reason != "invalid_credentials" {
				t.Fatalf("failure %d: %+v", i+1, e)
			}
		}
		// Locked: even the right password is refused, with a clear reason.
		res := login(a.Client(), username, password).Expect(http.StatusTooManyRequests)
		e := errorOf(t, res)
		if e.Reason != "locked" || e.RetryAfter < 14*60 || e.RetryAfter > 15*60 || res.Header.Get("Retry-After") == "" {
			t.Fatalf("locked login: %+v (Retry-After %q)", e, res.Header.Get("Retry-After"))
		}

		clock = clock.Add(14 * time.Minute)
		login(a.Client(), username, password).Expect(http.StatusTooManyRequests)
		clock = clock.Add(time.Minute + time.Second)
		a.Admins.ResetLoginThrottle(testkit.Ctx(), "127.0.0.1", username)
		login(a.Client(), username, password).Expect(http.StatusOK)
		ad, err := a.Admins.Get(testkit.Ctx(), id)
		if err != nil || ad.LockedUntil != nil || ad.FailedLogins != 0 {
			t.Fatalf("after a successful login: %+v (%v)", ad, err)
		}
	})
}

func failedLogins(t *testing.T, a *testkit.App, id int64) int {
	t.Helper()
	var n int
	if err := a.DB.Gorm.Raw("SELECT failed_logins FROM admin_users WHERE id = ?", id).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAdminLoginRateLimitPerIP(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		_, username, password := a.NewAdmin(t, adminauth.RoleOperator)
		// Spread over many usernames so only the per-IP limit can trip.
		for i := 0; i < 10; i++ {
			login(a.Client(), fmt.Sprintf("guess%d", i), "whatever-password").Expect(http.StatusUnauthorized)
		}
		res := login(a.Client(), username, password).Expect(http.StatusTooManyRequests)
		if e := errorOf(t, res); e.Code != "rate_limited" || e.Reason == "locked" || res.Header.Get("Retry-After") == "" {
			t.Fatalf("11th attempt: %+v, Retry-After %q", e, res.Header.Get("Retry-After"))
		}
	})
}

func TestAdminLoginRateLimitPerUsername(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		// An unknown username has no lockout row; the username limit still holds.
		for i := 0; i < 10; i++ {
			login(a.Client(), "ghost", "whatever-password").Expect(http.StatusUnauthorized)
			a.Admins.ResetLoginThrottle(testkit.Ctx(), "127.0.0.1", "") // keep the IP counter out of it
		}
		login(a.Client(), "ghost", "whatever-password").Expect(http.StatusTooManyRequests)
	})
}

func TestDisabledAdminCannotLogIn(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		super := a.AdminClient(t, adminauth.RoleSuper)
		id, username, password := a.NewAdmin(t, adminauth.RoleOperator)
		op := a.LoginAdmin(t, username, password)

		super.Do("PATCH", fmt.Sprintf("/api/admin/admins/%d", id), map[string]any{"disabled": true}).Expect(http.StatusOK)
		op.Do("GET", "/api/admin/me", nil).Expect(http.StatusUnauthorized) // session revoked
		res := login(a.Client(), username, password).Expect(http.StatusForbidden)
		if e := errorOf(t, res); e.Reason != "disabled" {
			t.Fatalf("disabled login: %+v", e)
		}
		// Without the right password a disabled account looks like any other.
		res = login(a.Client(), username, "wrong-password").Expect(http.StatusUnauthorized)
		if e := errorOf(t, res); e.Reason != "invalid_credentials" {
			t.Fatalf("disabled, wrong password: %+v", e)
		}

		super.Do("PATCH", fmt.Sprintf("/api/admin/admins/%d", id), map[string]any{"disabled": false}).Expect(http.StatusOK)
		a.LoginAdmin(t, username, password).Do("GET", "/api/admin/me", nil).Expect(http.StatusOK)
	})
}

func TestAdminCSRFAndSessionKinds(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		super := a.AdminClient(t, adminauth.RoleSuper)
		body := map[string]string{"username": "carol", "password": "carols-password", "role": "operator"}

		token := super.CSRF
		super.CSRF = ""
		res := super.Do("POST", "/api/admin/admins", body).Expect(http.StatusForbidden)
		if e := errorOf(t, res); e.Reason != "csrf" {
			t.Fatalf("no CSRF header: %+v", e)
		}
		super.CSRF = "not-the-token"
		super.Do("POST", "/api/admin/admins", body).Expect(http.StatusForbidden)
		if _, err := a.Admins.ByUsername(testkit.Ctx(), "carol"); err == nil {
			t.Fatal("a request refused for CSRF still created the admin")
		}
		super.CSRF = token
		super.Do("POST", "/api/admin/admins", body).Expect(http.StatusOK)

		// A shopper's session never opens admin routes, even with the same id.
		shop := a.SessionClient(session.KindShop, 1)
		shop.Do("GET", "/api/admin/me", nil).Expect(http.StatusUnauthorized)
		shop.Do("POST", "/api/admin/logout", nil).Expect(http.StatusUnauthorized)
		a.Client().Do("GET", "/api/admin/me", nil).Expect(http.StatusUnauthorized)
	})
}

func TestForcedPasswordChange(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		super := a.AdminClient(t, adminauth.RoleSuper)
		super.Do("POST", "/api/admin/admins", map[string]string{"username": "dave", "password": "temporary-pass", "role": "operator"}).Expect(http.StatusOK)

		c := a.Client()
		var body sessionBody
		login(c, "dave", "temporary-pass").Expect(http.StatusOK).JSON(&body)
		if !body.Admin.MustChangePassword {
			t.Fatal("a new account is not asked to change its password")
		}
		other := a.LoginAdmin(t, "dave", "temporary-pass") // a second device

		res := c.Do("GET", "/api/admin/audit-log", nil).Expect(http.StatusForbidden)
		if e := errorOf(t, res); e.Reason != "password_change_required" {
			t.Fatalf("pending change: %+v", e)
		}
		c.Do("GET", "/api/admin/me", nil).Expect(http.StatusOK)

		bad := []struct {
			body  any
			field string
		}{
			{map[string]string{"current_password": "wrong-password", "new_password": "brand-new-pass"}, "current_password"},
			{map[string]string{"current_password": "temporary-pass", "new_password": "short"}, "new_password"},
			{map[string]string{"current_password": "temporary-pass", "new_password": "temporary-pass"}, "new_password"},
			{map[string]string{"current_password": "temporary-pass"}, "new_password"},
			{`{"current_password":"temporary-pass","new_password":"brand-new-pass","x":1}`, "x"},
		}
		for _, b := range bad {
			res := c.Do("POST", "/api/admin/me/password", b.body).Expect(http.StatusBadRequest)
			if e := errorOf(t, res); e.Fields[b.field] == "" {
				t.Fatalf("%v: no message for %s: %s", b.body, b.field, res.Body)
			}
		}

		oldCSRF := c.CSRF
		c.Do("POST", "/api/admin/me/password", map[string]string{"current_password": "temporary-pass", "new_password": "brand-new-pass"}).
			Expect(http.StatusOK).JSON(&body)
		if body.Admin.MustChangePassword || body.CSRFToken == "" || body.CSRFToken == oldCSRF {
			t.Fatalf("after the change: %+v", body)
		}
		c.Do("GET", "/api/admin/audit-log", nil).Expect(http.StatusOK)        // this client carries on
		other.Do("GET", "/api/admin/me", nil).Expect(http.StatusUnauthorized) // other sessions ended
		login(a.Client(), "dave", "temporary-pass").Expect(http.StatusUnauthorized)
		a.LoginAdmin(t, "dave", "brand-new-pass")

		entries := auditEntries(t, super, "admin.change_password")
		if len(entries) != 1 || entries[0].ActorName != "dave" {
			t.Fatalf("password change audit: %+v", entries)
		}
	})
}

type auditEntry struct {
	ActorName  string `json:"actor_name"`
	Action     string `json:"action"`
	TargetType string `json:"target_type"`
	TargetID   string `json:"target_id"`
	Before     string `json:"before"`
	After      string `json:"after"`
}

func auditEntries(t *testing.T, c *testkit.Client, action string) []auditEntry {
	t.Helper()
	var page struct {
		Items []auditEntry `json:"items"`
	}
	c.Do("GET", "/api/admin/audit-log?action="+action, nil).Expect(http.StatusOK).JSON(&page)
	for _, e := range page.Items {
		if strings.Contains(e.Before+e.After, "argon2") || strings.Contains(e.Before+e.After, "hash") {
			t.Fatalf("audit entry leaks a password hash: %+v", e)
		}
	}
	return page.Items
}

// decodeSnapshot reads an audit before/after JSON value.
func decodeSnapshot(t *testing.T, s string) map[string]any {
	t.Helper()
	if s == "" {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("audit snapshot %q: %v", s, err)
	}
	return m
}
