package wechat_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/platform/wechat"
	"fenxiao/internal/platform/wechat/wechattest"
)

func newFake(t *testing.T) (*wechattest.Server, *wechat.Client) {
	t.Helper()
	fake := wechattest.New("wxapp123", "app-secret-xyz")
	t.Cleanup(fake.Close)
	fake.AddUser(wechattest.User{OpenID: "o-alice", UnionID: "u-alice", Nickname: "爱丽丝", HeadImgURL: "https://img.example/a.png"})
	fake.AddUser(wechattest.User{OpenID: "o-bob", Nickname: "Bob"})
	c := wechat.New(wechat.Config{AppID: fake.AppID, AppSecret: fake.AppSecret, APIBase: fake.URL, OpenBase: fake.URL})
	return fake, c
}

func TestAuthorizeURLIsWhatWeChatExpects(t *testing.T) {
	t.Parallel()
	c := wechat.New(wechat.Config{AppID: "wxapp123", AppSecret: "s"})
	got := c.AuthorizeURL("https://shop.example/auth/wechat?x=1", wechat.ScopeUserInfo, "st-1")
	want := "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxapp123&redirect_uri=https%3A%2F%2Fshop.example%2Fauth%2Fwechat%3Fx%3D1&response_type=code&scope=snsapi_userinfo&state=st-1#wechat_redirect"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestExchangeAndUserInfo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fake, c := newFake(t)

	code, state, err := fake.Approve(c.AuthorizeURL("https://shop.example/cb", wechat.ScopeUserInfo, "s1"), "o-alice")
	if err != nil || state != "s1" {
		t.Fatalf("approve: %v %q", err, state)
	}
	tok, err := c.ExchangeCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	if tok.OpenID != "o-alice" || tok.UnionID != "u-alice" || !tok.HasUserInfo() || tok.ExpiresIn != 7200 {
		t.Fatalf("token %+v", tok)
	}
	u, err := c.UserInfo(ctx, tok.AccessToken, tok.OpenID)
	if err != nil || u.Nickname != "爱丽丝" || u.HeadImgURL != "https://img.example/a.png" {
		t.Fatalf("userinfo %+v %v", u, err)
	}

	// A code is single use: WeChat answers 40163.
	if _, err := c.ExchangeCode(ctx, code); !wechat.IsCodeError(err) {
		t.Fatalf("reused code: %v", err)
	}

	// snsapi_base tokens cannot read the profile.
	base, err := c.ExchangeCode(ctx, fake.IssueCode("o-bob", wechat.ScopeBase))
	if err != nil || base.HasUserInfo() || base.UnionID != "" {
		t.Fatalf("base token %+v %v", base, err)
	}
	_, err = c.UserInfo(ctx, base.AccessToken, base.OpenID)
	var apiErr *wechat.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != wechat.ErrCodeUnauthorized || apiErr.IsCodeError() {
		t.Fatalf("userinfo with base scope: %v", err)
	}
}

func TestErrorsAreMapped(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	fake, c := newFake(t)
	tests := []struct {
		name     string
		client   *wechat.Client
		code     string
		failNext int
		codeErr  bool
		errcode  int
	}{
		{name: "invalid code", client: c, code: "nope", codeErr: true, errcode: wechat.ErrCodeInvalidCode},
		{name: "wrong secret", client: wechat.New(wechat.Config{AppID: fake.AppID, AppSecret: "bad", APIBase: fake.URL}),
			code: fake.IssueCode("o-bob", wechat.ScopeBase), errcode: wechat.ErrCodeInvalidSecret2},
		{name: "system busy", client: c, code: fake.IssueCode("o-bob", wechat.ScopeBase), failNext: wechat.ErrCodeSystemBusy, errcode: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.failNext != 0 {
				fake.FailNext(tt.failNext, "system error")
			}
			_, err := tt.client.ExchangeCode(ctx, tt.code)
			var apiErr *wechat.APIError
			if !errors.As(err, &apiErr) || apiErr.Code != tt.errcode {
				t.Fatalf("err %v, want errcode %d", err, tt.errcode)
			}
			if wechat.IsCodeError(err) != tt.codeErr {
				t.Fatalf("IsCodeError = %v", !tt.codeErr)
			}
			if strings.Contains(err.Error(), fake.AppSecret) || strings.Contains(err.Error(), "bad") {
				t.Fatalf("error leaks the secret: %v", err)
			}
		})
	}
}

// A hanging WeChat must not hang the request, and the error must not carry
// the URL (its query holds the app secret and the code).
func TestTimeoutAndNoSecretInErrors(t *testing.T) {
	t.Parallel()
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}))
	defer slow.Close()
	c := wechat.New(wechat.Config{AppID: "wx", AppSecret: "top-secret", APIBase: slow.URL, Timeout: 100 * time.Millisecond})
	start := time.Now()
	_, err := c.ExchangeCode(context.Background(), "the-code")
	if err == nil || time.Since(start) > time.Second {
		t.Fatalf("err %v after %v", err, time.Since(start))
	}
	var uerr *url.Error
	if errors.As(err, &uerr) || strings.Contains(err.Error(), "top-secret") || strings.Contains(err.Error(), "the-code") {
		t.Fatalf("error leaks the request URL: %v", err)
	}

	notJSON := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>")) }))
	defer notJSON.Close()
	c = wechat.New(wechat.Config{AppID: "wx", AppSecret: "s", APIBase: notJSON.URL})
	if _, err := c.ExchangeCode(context.Background(), "c"); err == nil {
		t.Fatal("non-JSON answer accepted")
	}
}
