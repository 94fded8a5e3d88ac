package httpapi_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/platform/config"
	"fenxiao/internal/platform/wechat"
	"fenxiao/internal/platform/wechat/wechattest"
	"fenxiao/internal/testkit"
)

type jssdkBody struct {
	AppID     string   `json:"app_id"`
	Timestamp int64    `json:"timestamp"`
	NonceStr  string   `json:"nonce_str"`
	Signature string   `json:"signature"`
	JSAPIList []string `json:"js_api_list"`
}

// The shop is http://shop.test (testkit's FENXIAO_BASE_URL). Caching
// across expiry is proven in internal/platform/wechat with a clock.
func TestWeChatJSSDKConfig(t *testing.T) {
	t.Parallel()
	fake := wechattest.New("wxjsapp", "wx-js-secret")
	t.Cleanup(fake.Close)
	fake.SetJSAPITicket("jsapi-ticket-1", 7200*time.Second)
	a := testkit.NewApp(t, testkit.FreshDatabaseURL(t, "sqlite"), func(c *config.Config) {
		c.WeChat = config.WeChat{AppID: fake.AppID, AppSecret: fake.AppSecret, APIBase: fake.URL, OpenBase: fake.URL}
	})
	anonymous := a.Client() // shoppers share before logging in

	tests := []struct {
		name, page   string
		status       int
		signed       string // the URL the signature must cover
		code, reason string
	}{
		{name: "home page", page: "http://shop.test/", status: 200, signed: "http://shop.test/"},
		{name: "query kept, fragment dropped", page: "http://shop.test/h5/p/7?from=timeline&d=S1#/detail", status: 200,
			signed: "http://shop.test/h5/p/7?from=timeline&d=S1"},
		{name: "missing url", page: "", status: 400, code: "invalid"},
		{name: "another host", page: "https://evil.example/h5/", status: 400, code: "invalid"},
		{name: "look-alike host", page: "http://shop.test.evil.example/", status: 400, code: "invalid"},
		{name: "not http", page: "javascript:alert(1)", status: 400, code: "invalid"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := anonymous.Do("GET", "/api/shop/wechat/jssdk?url="+url.QueryEscape(tc.page), nil).Expect(tc.status)
			if tc.status != 200 {
				if e := errorOf(t, res); e.Code != tc.code || e.Fields["url"] == "" {
					t.Fatalf("error %s", res.Body)
				}
				return
			}
			var got jssdkBody
			res.JSON(&got)
			want := wechat.Signature("jsapi-ticket-1", got.NonceStr, got.Timestamp, tc.signed)
			if got.AppID != "wxjsapp" || got.Signature != want || len(got.NonceStr) != 16 ||
				time.Since(time.Unix(got.Timestamp, 0)).Abs() > time.Minute || !strings.Contains(strings.Join(got.JSAPIList, ","), "updateAppMessageShareData") {
				t.Fatalf("config %s, want signature %s", res.Body, want)
			}
			if res.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control %q: a signed config must not be cached", res.Header.Get("Cache-Control"))
			}
		})
	}
	// Every request above shared one token and one ticket.
	if s, k := fake.Calls("/cgi-bin/stable_token"), fake.Calls("/cgi-bin/ticket/getticket"); s != 1 || k != 1 {
		t.Fatalf("WeChat called: stable_token %d, getticket %d; want 1, 1", s, k)
	}
}

func TestWeChatJSSDKErrors(t *testing.T) {
	t.Parallel()
	t.Run("WeChat refuses", func(t *testing.T) {
		fake := wechattest.New("wxjsapp", "wx-js-secret")
		t.Cleanup(fake.Close)
		a := testkit.NewApp(t, testkit.FreshDatabaseURL(t, "sqlite"), func(c *config.Config) {
			c.WeChat = config.WeChat{AppID: fake.AppID, AppSecret: fake.AppSecret, APIBase: fake.URL, OpenBase: fake.URL}
		})
		fake.FailNext(40164, "invalid ip 203.0.113.9, not in whitelist")
		res := a.Client().Do("GET", "/api/shop/wechat/jssdk?url="+url.QueryEscape("http://shop.test/"), nil)
		expectError(t, res, 503, "unavailable", "wechat_error")
		if !strings.Contains(string(res.Body), "40164") || strings.Contains(string(res.Body), "203.0.113.9") || strings.Contains(string(res.Body), "wx-js-secret") {
			t.Fatalf("message %s", res.Body)
		}
	})
	t.Run("not configured", func(t *testing.T) {
		a := testkit.NewApp(t, testkit.FreshDatabaseURL(t, "sqlite"))
		res := a.Client().Do("GET", "/api/shop/wechat/jssdk?url="+url.QueryEscape("http://shop.test/"), nil)
		expectError(t, res, 409, "conflict", "wechat_not_configured")
		if !strings.Contains(string(res.Body), "FENXIAO_WECHAT_APP_ID") {
			t.Fatalf("message %s does not say what to set", res.Body)
		}
	})
}
