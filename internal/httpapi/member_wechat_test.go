package httpapi_test

import (
	"net/http"
	"testing"
	"time"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/wechat"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/testkit"
)

func TestWeChatLogin(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a, fake := memWeChatApp(t, dbURL)
		login := func(c *testkit.Client, code, state string) *testkit.Response {
			return c.Do("POST", "/api/shop/auth/wechat/login", map[string]string{"code": code, "state": state})
		}

		t.Run("snsapi_base creates a plain account, then finds it", func(t *testing.T) {
			c := a.Client()
			code, state := memAuthorize(t, fake, c, wechat.ScopeBase, "o-bob")
			var res memShopperResp
			login(c, code, state).Expect(http.StatusOK).JSON(&res)
			if !res.Created || res.CSRFToken == "" || !res.Shopper.WeChatLinked || res.Shopper.Phone != nil ||
				res.Shopper.Nickname != "微信用户" || res.Shopper.AvatarURL != "" {
				t.Fatalf("login %+v", res)
			}
			if me := memMe(t, c); me.Shopper.ID != res.Shopper.ID {
				t.Fatalf("me %+v", me)
			}
			if fake.Calls("/sns/userinfo") != 0 {
				t.Fatal("snsapi_base must not read the profile")
			}
			c2 := a.Client()
			code, state = memAuthorize(t, fake, c2, wechat.ScopeBase, "o-bob")
			var again memShopperResp
			login(c2, code, state).Expect(http.StatusOK).JSON(&again)
			if again.Created || again.Shopper.ID != res.Shopper.ID {
				t.Fatalf("second login %+v", again)
			}
			// The WeChat code is single use.
			code2, state2 := memAuthorize(t, fake, c2, wechat.ScopeBase, "o-bob")
			login(c2, code2, state2).Expect(http.StatusOK)
			_, state3 := memAuthorize(t, fake, c2, wechat.ScopeBase, "o-bob")
			expectError(t, login(c2, code2, state3), 400, "invalid", "wechat_code_invalid")
		})

		t.Run("snsapi_userinfo takes nickname and avatar", func(t *testing.T) {
			c := a.Client()
			code, state := memAuthorize(t, fake, c, wechat.ScopeUserInfo, "o-alice")
			var res memShopperResp
			login(c, code, state).Expect(http.StatusOK).JSON(&res)
			if !res.Created || res.Shopper.Nickname != "爱丽丝" || res.Shopper.AvatarURL != "https://thirdwx.qlogo.cn/alice.png" {
				t.Fatalf("login %+v", res)
			}
			var ident member.WeChatIdentity
			a.DB.Gorm.Where("shopper_id = ?", res.Shopper.ID).Take(&ident)
			if ident.OpenID != "o-alice" || ident.AppID != fake.AppID || ident.UnionID == nil || *ident.UnionID != "u-alice" {
				t.Fatalf("identity %+v", ident)
			}
		})

		t.Run("bad code", func(t *testing.T) {
			c := a.Client()
			_, state := memAuthorize(t, fake, c, wechat.ScopeBase, "o-carol")
			expectError(t, login(c, "not-a-code", state), 400, "invalid", "wechat_code_invalid")
		})

		t.Run("bad state", func(t *testing.T) {
			c := a.Client()
			code, _ := memAuthorize(t, fake, c, wechat.ScopeBase, "o-carol")
			expectError(t, login(c, code, "forged-state"), 400, "invalid", "bad_state")
			// A browser that did not start the authorization cannot finish it.
			code, state := memAuthorize(t, fake, c, wechat.ScopeBase, "o-carol")
			expectError(t, login(a.Client(), code, state), 400, "invalid", "bad_state")
			// The state cookie is good for one attempt only.
			expectError(t, login(c, "typo", state), 400, "invalid", "wechat_code_invalid")
			expectError(t, login(c, code, state), 400, "invalid", "bad_state")
			// And it expires.
			code, state = memAuthorize(t, fake, c, wechat.ScopeBase, "o-carol")
			a.Members.SetClock(func() time.Time { return database.Now().Add(member.StateTTL + time.Minute) })
			defer a.Members.SetClock(database.Now)
			expectError(t, login(c, code, state), 400, "invalid", "bad_state")
		})

		t.Run("WeChat outage is 503", func(t *testing.T) {
			c := a.Client()
			code, state := memAuthorize(t, fake, c, wechat.ScopeBase, "o-carol")
			fake.FailNext(wechat.ErrCodeSystemBusy, "system error")
			expectError(t, login(c, code, state), 503, "unavailable", "wechat_error")
		})

		t.Run("bad authorize parameters", func(t *testing.T) {
			c := a.Client()
			e := expectError(t, c.Do("GET", "/api/shop/auth/wechat/authorize?scope=snsapi_login", nil), 400, "invalid", "")
			if e.Fields["scope"] == "" {
				t.Fatalf("%+v", e)
			}
			for _, redirect := range []string{"//evil.example/x", "https://evil.example/", "/\\evil.example"} {
				e = expectError(t, c.Do("GET", "/api/shop/auth/wechat/authorize?redirect="+redirect, nil), 400, "invalid", "")
				if e.Fields["redirect"] == "" {
					t.Fatalf("%s: %+v", redirect, e)
				}
			}
		})

		t.Run("same person through another official account (unionid)", func(t *testing.T) {
			id := a.NewShopper(t, "13812340001")
			u := "u-dave"
			a.DB.Gorm.Create(&member.WeChatIdentity{ShopperID: id, AppID: "wx-mini-program", OpenID: "o-dave-mp", UnionID: &u, CreatedAt: database.Now()})
			fake.AddUser(wechatUser("o-dave", "u-dave", "Dave"))
			c := a.Client()
			code, state := memAuthorize(t, fake, c, wechat.ScopeBase, "o-dave")
			var res memShopperResp
			login(c, code, state).Expect(http.StatusOK).JSON(&res)
			if res.Created || res.Shopper.ID != id {
				t.Fatalf("login %+v, want shopper %d", res, id)
			}
			var n int64
			a.DB.Gorm.Model(&member.WeChatIdentity{}).Where("shopper_id = ?", id).Count(&n)
			if n != 2 {
				t.Fatalf("%d identities", n)
			}
		})
	})
}

func TestWeChatUnconfigured(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := a.Client()
		expectError(t, c.Do("GET", "/api/shop/auth/wechat/authorize?scope=snsapi_base", nil), 503, "unavailable", "wechat_unavailable")
		expectError(t, c.Do("POST", "/api/shop/auth/wechat/login", map[string]string{"code": "c", "state": "s"}), 503, "unavailable", "wechat_unavailable")
		sc := a.ShopperClient(t, "13812348000")
		expectError(t, sc.Do("POST", "/api/shop/me/wechat", map[string]string{"code": "c", "state": "s"}), 503, "unavailable", "wechat_unavailable")
		e := expectError(t, c.Do("POST", "/api/shop/auth/wechat/login", `{"code":1,"state":"s"}`), 400, "invalid", "")
		if e.Fields["code"] == "" {
			t.Fatalf("%+v", e)
		}
	})
}
