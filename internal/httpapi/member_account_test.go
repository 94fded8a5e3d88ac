package httpapi_test

import (
	"net/http"
	"testing"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/wechat"
	"fenxiao/internal/testkit"
)

func TestLinkPhoneAndWeChat(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a, fake := memWeChatApp(t, dbURL)
		link := func(c *testkit.Client, openid string) *testkit.Response {
			code, state := memAuthorize(t, fake, c, wechat.ScopeUserInfo, openid)
			return c.Do("POST", "/api/shop/me/wechat", map[string]string{"code": code, "state": state})
		}

		// A phone shopper links WeChat; WeChat login then finds the same account.
		phoneA := a.ShopperClient(t, "13811110001")
		meA := memMe(t, phoneA)
		var linked memShopperResp
		link(phoneA, "o-bob").Expect(http.StatusOK).JSON(&linked)
		if !linked.Shopper.WeChatLinked || linked.Shopper.Nickname != "Bob" || linked.Shopper.AvatarURL == "" {
			t.Fatalf("after link %+v", linked)
		}
		link(phoneA, "o-bob").Expect(http.StatusOK) // linking the same identity again is a no-op
		wc := a.Client()
		code, state := memAuthorize(t, fake, wc, wechat.ScopeBase, "o-bob")
		var viaWeChat memShopperResp
		wc.Do("POST", "/api/shop/auth/wechat/login", map[string]string{"code": code, "state": state}).Expect(http.StatusOK).JSON(&viaWeChat)
		if viaWeChat.Shopper.ID != meA.Shopper.ID || viaWeChat.Created {
			t.Fatalf("wechat login found %+v, want shopper %d", viaWeChat, meA.Shopper.ID)
		}

		// Another shopper cannot take that identity; A cannot add a second one.
		phoneB := a.ShopperClient(t, "13811110002")
		expectError(t, link(phoneB, "o-bob"), 409, "conflict", "wechat_taken")
		expectError(t, link(phoneA, "o-carol"), 409, "conflict", "wechat_already_linked")

		// A WeChat-only shopper links a new phone; SMS login then finds them.
		wcc := a.Client()
		code, state = memAuthorize(t, fake, wcc, wechat.ScopeBase, "o-carol")
		var carol memShopperResp
		wcc.Do("POST", "/api/shop/auth/wechat/login", map[string]string{"code": code, "state": state}).Expect(http.StatusOK).JSON(&carol)
		smsCode := memRequestCode(t, a, wcc, "13811110003")
		var withPhone memShopperResp
		wcc.Do("POST", "/api/shop/me/phone", map[string]string{"phone": "13811110003", "code": smsCode}).Expect(http.StatusOK).JSON(&withPhone)
		if withPhone.Shopper.Phone == nil || *withPhone.Shopper.Phone != "13811110003" || !withPhone.Shopper.WeChatLinked {
			t.Fatalf("after phone link %+v", withPhone)
		}
		a.Members.ResetSMSLimits(testkit.Ctx(), "13811110003", "127.0.0.1")
		if again := memLogin(t, a, a.Client(), "13811110003"); again.Shopper.ID != carol.Shopper.ID {
			t.Fatalf("sms login found %d, want %d", again.Shopper.ID, carol.Shopper.ID)
		}

		// Nor can anyone take a phone that belongs to another account, even
		// with the right code; the code stays usable for its owner.
		a.Members.ResetSMSLimits(testkit.Ctx(), "13811110001", "127.0.0.1")
		smsCode = memRequestCode(t, a, wcc, "13811110001")
		expectError(t, wcc.Do("POST", "/api/shop/me/phone", map[string]string{"phone": "13811110001", "code": smsCode}), 409, "conflict", "phone_taken")
		if me := memMe(t, wcc); *me.Shopper.Phone != "13811110003" {
			t.Fatalf("phone changed to %v", *me.Shopper.Phone)
		}
		a.Client().Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": "13811110001", "code": smsCode}).Expect(http.StatusOK)

		// A wrong code links nothing.
		a.Members.ResetSMSLimits(testkit.Ctx(), "13811110004", "127.0.0.1")
		wrong := "000000"
		if memRequestCode(t, a, phoneB, "13811110004") == wrong {
			wrong = "111111"
		}
		expectError(t, phoneB.Do("POST", "/api/shop/me/phone", map[string]string{"phone": "13811110004", "code": wrong}), 400, "invalid", "code_wrong")
		if me := memMe(t, phoneB); *me.Shopper.Phone != "13811110002" {
			t.Fatalf("phone changed to %v", *me.Shopper.Phone)
		}

		// The service maps the unique-index race the same way.
		_, err := a.Members.CreateWithPhone(testkit.Ctx(), "13811110002")
		if e, ok := apperr.As(err); !ok || e.Reason != "phone_taken" {
			t.Fatalf("duplicate phone: %v", err)
		}
	})
}

func TestProfileIsPrivateAndValidated(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		alice := a.ShopperClient(t, "13822220001")
		bob := a.ShopperClient(t, "13822220002")

		var res memShopperResp
		alice.Do("PATCH", "/api/shop/me", map[string]string{"nickname": "  小爱  ", "avatar_url": "https://img.example/a.png"}).Expect(http.StatusOK).JSON(&res)
		if res.Shopper.Nickname != "小爱" || res.Shopper.AvatarURL != "https://img.example/a.png" {
			t.Fatalf("patched %+v", res)
		}
		alice.Do("PATCH", "/api/shop/me", map[string]string{"avatar_url": ""}).Expect(http.StatusOK).JSON(&res)
		if res.Shopper.Nickname != "小爱" || res.Shopper.AvatarURL != "" {
			t.Fatalf("partial patch %+v", res)
		}
		if b := memMe(t, bob); b.Shopper.Nickname == "小爱" || *b.Shopper.Phone != "13822220002" {
			t.Fatalf("bob sees %+v", b)
		}

		tests := []struct {
			name  string
			body  any
			field string
		}{
			{"empty nickname", `{"nickname":"   "}`, "nickname"},
			{"long nickname", `{"nickname":"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三"}`, "nickname"},
			{"control characters", `{"nickname":"a\u0007b"}`, "nickname"},
			{"javascript avatar", `{"avatar_url":"javascript:alert(1)"}`, "avatar_url"},
			{"relative avatar", `{"avatar_url":"/x.png"}`, "avatar_url"},
			{"wrong type", `{"nickname":5}`, "nickname"},
			{"unknown field", `{"nickname":"x","status":"active"}`, "status"},
			{"phone is not editable here", `{"phone":"13822220009"}`, "phone"},
			{"malformed", `{"nickname":`, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := expectError(t, alice.Do("PATCH", "/api/shop/me", tt.body), 400, "invalid", "")
				if tt.field != "" && e.Fields[tt.field] == "" {
					t.Fatalf("no message for %s: %+v", tt.field, e)
				}
			})
		}
		if me := memMe(t, alice); me.Shopper.Nickname != "小爱" {
			t.Fatalf("bad input changed the profile: %+v", me)
		}

		// Without the CSRF header a change is refused.
		alice.CSRF = ""
		expectError(t, alice.Do("PATCH", "/api/shop/me", map[string]string{"nickname": "x"}), 403, "forbidden", "csrf")
		expectError(t, a.Client().Do("GET", "/api/shop/me", nil), 401, "unauthenticated", "")
	})
}
