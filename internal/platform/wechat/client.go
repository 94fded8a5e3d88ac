// Package wechat is a client for WeChat official-account web authorization
// (网页授权, OAuth2): the authorize page URL, exchanging a code for an
// access token and openid, and reading the user's public profile.
//
// WeChat reports failures as HTTP 200 with {"errcode":N,"errmsg":"..."};
// the client turns those into *APIError so callers can tell a bad code
// (the user's problem) from an outage or a misconfiguration (ours).
package wechat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Scopes of web authorization.
const (
	// ScopeBase silently yields the openid (and unionid when bound to an open platform).
	ScopeBase = "snsapi_base"
	// ScopeUserInfo asks the user's consent and additionally yields nickname and avatar.
	ScopeUserInfo = "snsapi_userinfo"
)

const (
	defaultAPIBase  = "https://api.weixin.qq.com"
	defaultOpenBase = "https://open.weixin.qq.com"
	// maxBody bounds what we read from WeChat; real answers are a few hundred bytes.
	maxBody = 64 << 10
)

// Config names the official account and, for tests, where WeChat lives.
type Config struct {
	AppID     string
	AppSecret string
	APIBase   string // default https://api.weixin.qq.com
	OpenBase  string // default https://open.weixin.qq.com
	Timeout   time.Duration
}

// Client talks to WeChat. It is safe for concurrent use.
type Client struct {
	cfg  Config
	http *http.Client
}

// New returns a client; empty bases default to WeChat's real hosts.
func New(cfg Config) *Client {
	if cfg.APIBase == "" {
		cfg.APIBase = defaultAPIBase
	}
	if cfg.OpenBase == "" {
		cfg.OpenBase = defaultOpenBase
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	cfg.APIBase = strings.TrimRight(cfg.APIBase, "/")
	cfg.OpenBase = strings.TrimRight(cfg.OpenBase, "/")
	return &Client{cfg: cfg, http: &http.Client{Timeout: cfg.Timeout}}
}

// AppID is the official account this client authorizes for.
func (c *Client) AppID() string { return c.cfg.AppID }

// AuthorizeURL is the WeChat page the browser is sent to. WeChat redirects
// back to redirectURI?code=CODE&state=STATE once the user has agreed.
func (c *Client) AuthorizeURL(redirectURI, scope, state string) string {
	// WeChat insists on this parameter order and the #wechat_redirect fragment.
	return c.cfg.OpenBase + "/connect/oauth2/authorize?appid=" + url.QueryEscape(c.cfg.AppID) +
		"&redirect_uri=" + url.QueryEscape(redirectURI) + "&response_type=code&scope=" +
		url.QueryEscape(scope) + "&state=" + url.QueryEscape(state) + "#wechat_redirect"
}

// Token is the answer to a code exchange.
type Token struct {
	AccessToken  string `json:"access_token"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
	OpenID       string `json:"openid"`
	Scope        string `json:"scope"`
	UnionID      string `json:"unionid,omitempty"`
}

// HasUserInfo reports whether the token may read the user's profile.
func (t *Token) HasUserInfo() bool { return strings.Contains(t.Scope, ScopeUserInfo) }

// UserInfo is the user's public profile (snsapi_userinfo only).
type UserInfo struct {
	OpenID     string `json:"openid"`
	Nickname   string `json:"nickname"`
	HeadImgURL string `json:"headimgurl"`
	UnionID    string `json:"unionid,omitempty"`
}

// ExchangeCode trades an authorization code for a token and the openid.
// A bad, expired or reused code is an *APIError with IsCodeError() true.
func (c *Client) ExchangeCode(ctx context.Context, code string) (*Token, error) {
	q := url.Values{"appid": {c.cfg.AppID}, "secret": {c.cfg.AppSecret}, "code": {code}, "grant_type": {"authorization_code"}}
	var t Token
	if err := c.get(ctx, "/sns/oauth2/access_token", q, &t); err != nil {
		return nil, err
	}
	if t.OpenID == "" || t.AccessToken == "" {
		return nil, errors.New("wechat access_token: answer without openid or access_token")
	}
	return &t, nil
}

// UserInfo reads the profile of openid with a snsapi_userinfo token.
func (c *Client) UserInfo(ctx context.Context, accessToken, openid string) (*UserInfo, error) {
	q := url.Values{"access_token": {accessToken}, "openid": {openid}, "lang": {"zh_CN"}}
	var u UserInfo
	if err := c.get(ctx, "/sns/userinfo", q, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// get calls WeChat and decodes the answer into dst, or returns *APIError.
// Errors never include the URL: its query holds the app secret and the code.
func (c *Client) get(ctx context.Context, path string, q url.Values, dst any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.cfg.APIBase+path+"?"+q.Encode(), nil)
	if err != nil {
		return fmt.Errorf("wechat %s: build request failed", path)
	}
	return c.do(req, path, dst)
}

// do sends req and decodes WeChat's answer into dst, or returns *APIError.
func (c *Client) do(req *http.Request, path string, dst any) error {
	res, err := c.http.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return fmt.Errorf("wechat %s: %w", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxBody))
	if err != nil {
		return fmt.Errorf("wechat %s: read answer: %w", path, err)
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("wechat %s: HTTP %d", path, res.StatusCode)
	}
	var apiErr APIError
	if json.Unmarshal(body, &apiErr) == nil && apiErr.Code != 0 {
		apiErr.Path = path
		return &apiErr
	}
	if err := json.Unmarshal(body, dst); err != nil {
		return fmt.Errorf("wechat %s: answer is not the expected JSON", path)
	}
	return nil
}
