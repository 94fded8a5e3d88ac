package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"fenxiao/internal/platform/config"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/platform/wechat/wechattest"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

// memShopper is the shopper JSON the member endpoints answer with.
type memShopper struct {
	ID           int64   `json:"id"`
	Phone        *string `json:"phone"`
	Nickname     string  `json:"nickname"`
	AvatarURL    string  `json:"avatar_url"`
	Status       string  `json:"status"`
	WeChatLinked bool    `json:"wechat_linked"`
}

type memShopperResp struct {
	Shopper   memShopper `json:"shopper"`
	Created   bool       `json:"created"`
	CSRFToken string     `json:"csrf_token"`
}

var memAdminSeq atomic.Int64

// memAdmin inserts an admin row and returns a client with a session for it.
func memAdmin(t *testing.T, a *testkit.App, role adminauth.Role) *testkit.Client {
	t.Helper()
	now := database.Now()
	ad := adminauth.Admin{Username: fmt.Sprintf("mem-%s-%d", role, memAdminSeq.Add(1)), PasswordHash: "x", Role: role, CreatedAt: now, UpdatedAt: now}
	if err := a.DB.Gorm.Create(&ad).Error; err != nil {
		t.Fatalf("create admin: %v", err)
	}
	return a.SessionClient(session.KindAdmin, ad.ID)
}

// memRequestCode asks for a code and returns it from the dev inbox.
func memRequestCode(t *testing.T, a *testkit.App, c *testkit.Client, phone string) string {
	t.Helper()
	c.Do("POST", "/api/shop/auth/sms-code", map[string]string{"phone": phone}).Expect(http.StatusOK)
	return a.LatestSMSCode(t, phone)
}

// memLogin logs c in with the SMS flow and resets the send limits.
func memLogin(t *testing.T, a *testkit.App, c *testkit.Client, phone string) memShopperResp {
	t.Helper()
	code := memRequestCode(t, a, c, phone)
	var out memShopperResp
	c.Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": code}).Expect(http.StatusOK).JSON(&out)
	if err := a.Members.ResetSMSLimits(testkit.Ctx(), phone, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	return out
}

func memMe(t *testing.T, c *testkit.Client) memShopperResp {
	t.Helper()
	var out memShopperResp
	c.Do("GET", "/api/shop/me", nil).Expect(http.StatusOK).JSON(&out)
	return out
}

// memWeChatApp starts a fake WeChat with a few users and an app using it.
func memWeChatApp(t *testing.T, dbURL string) (*testkit.App, *wechattest.Server) {
	t.Helper()
	fake := wechattest.New("wxtestapp", "wx-test-secret")
	t.Cleanup(fake.Close)
	fake.AddUser(wechattest.User{OpenID: "o-alice", UnionID: "u-alice", Nickname: "爱丽丝", HeadImgURL: "https://thirdwx.qlogo.cn/alice.png"})
	fake.AddUser(wechattest.User{OpenID: "o-bob", Nickname: "Bob", HeadImgURL: "https://thirdwx.qlogo.cn/bob.png"})
	fake.AddUser(wechattest.User{OpenID: "o-carol", Nickname: "Carol"})
	a := testkit.NewApp(t, dbURL, func(c *config.Config) {
		c.WeChat = config.WeChat{AppID: fake.AppID, AppSecret: fake.AppSecret, APIBase: fake.URL, OpenBase: fake.URL}
	})
	return a, fake
}

// memAuthorize starts an authorization on c and has openid approve it.
func memAuthorize(t *testing.T, fake *wechattest.Server, c *testkit.Client, scope, openid string) (code, state string) {
	t.Helper()
	var res struct {
		URL string `json:"url"`
	}
	c.Do("GET", "/api/shop/auth/wechat/authorize?scope="+scope+"&redirect=/h5/login/wechat", nil).Expect(http.StatusOK).JSON(&res)
	if !strings.HasPrefix(res.URL, fake.URL+"/connect/oauth2/authorize?appid="+fake.AppID+"&") {
		t.Fatalf("authorize url %s", res.URL)
	}
	code, state, err := fake.Approve(res.URL, openid)
	if err != nil {
		t.Fatalf("approve: %v", err)
	}
	return code, state
}

func wechatUser(openid, unionid, nickname string) wechattest.User {
	return wechattest.User{OpenID: openid, UnionID: unionid, Nickname: nickname}
}
