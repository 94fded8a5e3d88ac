// Package wechattest is a fake of WeChat's web-authorization endpoints for
// tests. It speaks the real protocol: codes are single use and expire after
// five minutes, errors come as HTTP 200 {"errcode":N,"errmsg":"..."}, and
// /sns/userinfo needs a snsapi_userinfo token.
package wechattest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"
)

// User is a WeChat user the fake knows.
type User struct {
	OpenID     string
	UnionID    string
	Nickname   string
	HeadImgURL string
}

type grant struct {
	openid  string
	scope   string
	expires time.Time
}

// Server is a running fake. Close it when done.
type Server struct {
	*httptest.Server
	AppID     string
	AppSecret string

	mu       sync.Mutex
	users    map[string]User
	codes    map[string]grant
	tokens   map[string]grant
	failNext *errBody
	calls    map[string]int
	js       jsState // the official account's access token and jsapi_ticket (jssdk.go)
}

type errBody struct {
	Code int    `json:"errcode"`
	Msg  string `json:"errmsg"`
}

// New starts a fake for one official account.
func New(appID, appSecret string) *Server {
	s := &Server{AppID: appID, AppSecret: appSecret, users: map[string]User{},
		codes: map[string]grant{}, tokens: map[string]grant{}, calls: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /sns/oauth2/access_token", s.accessToken)
	mux.HandleFunc("GET /sns/userinfo", s.userInfo)
	s.js = newJSState()
	mux.HandleFunc("POST /cgi-bin/stable_token", s.stableToken)
	mux.HandleFunc("GET /cgi-bin/ticket/getticket", s.getTicket)
	s.Server = httptest.NewServer(mux)
	return s
}

// AddUser registers a user who can authorize.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[u.OpenID] = u
}

// IssueCode is what WeChat does when openid agrees to scope: it mints a
// single-use code valid for five minutes.
func (s *Server) IssueCode(openid, scope string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	code := randomHex(16)
	s.codes[code] = grant{openid: openid, scope: scope, expires: time.Now().Add(5 * time.Minute)}
	return code
}

// Approve plays WeChat's authorize page for openid: it checks authorizeURL
// the way WeChat does and returns the code and the state WeChat would append
// to redirect_uri.
func (s *Server) Approve(authorizeURL, openid string) (code, state string, err error) {
	u, err := url.Parse(authorizeURL)
	if err != nil {
		return "", "", err
	}
	q := u.Query()
	switch {
	case u.Path != "/connect/oauth2/authorize":
		return "", "", errors.New("wrong authorize path " + u.Path)
	case u.Fragment != "wechat_redirect":
		return "", "", errors.New("authorize URL must end with #wechat_redirect")
	case q.Get("appid") != s.AppID:
		return "", "", errors.New("wrong appid")
	case q.Get("response_type") != "code":
		return "", "", errors.New("response_type must be code")
	case q.Get("scope") != "snsapi_base" && q.Get("scope") != "snsapi_userinfo":
		return "", "", errors.New("bad scope " + q.Get("scope"))
	case q.Get("redirect_uri") == "":
		return "", "", errors.New("missing redirect_uri")
	}
	s.mu.Lock()
	_, known := s.users[openid]
	s.mu.Unlock()
	if !known {
		return "", "", errors.New("unknown user " + openid)
	}
	return s.IssueCode(openid, q.Get("scope")), q.Get("state"), nil
}

// FailNext makes the next API call answer with errcode/errmsg.
func (s *Server) FailNext(errcode int, errmsg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = &errBody{Code: errcode, Msg: errmsg}
}

// Calls counts requests per API path.
func (s *Server) Calls(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[path]
}

func (s *Server) accessToken(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed(w, r) {
		return
	}
	switch {
	case q.Get("appid") != s.AppID:
		writeErr(w, 40013, "invalid appid")
		return
	case q.Get("secret") != s.AppSecret:
		writeErr(w, 40125, "invalid appsecret")
		return
	case q.Get("grant_type") != "authorization_code":
		writeErr(w, 40002, "invalid grant_type")
		return
	case q.Get("code") == "":
		writeErr(w, 41008, "missing code")
		return
	}
	g, ok := s.codes[q.Get("code")]
	if !ok {
		writeErr(w, 40029, "invalid code")
		return
	}
	delete(s.codes, q.Get("code"))
	if time.Now().After(g.expires) {
		writeErr(w, 40029, "invalid code")
		return
	}
	token := randomHex(24)
	s.tokens[token] = grant{openid: g.openid, scope: g.scope, expires: time.Now().Add(2 * time.Hour)}
	out := map[string]any{"access_token": token, "expires_in": 7200, "refresh_token": randomHex(24),
		"openid": g.openid, "scope": g.scope}
	if u := s.users[g.openid]; u.UnionID != "" {
		out["unionid"] = u.UnionID
	}
	writeJSON(w, out)
}

func (s *Server) userInfo(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed(w, r) {
		return
	}
	g, ok := s.tokens[q.Get("access_token")]
	switch {
	case !ok:
		writeErr(w, 40001, "invalid credential, access_token is invalid or not latest")
		return
	case time.Now().After(g.expires):
		writeErr(w, 42001, "access_token expired")
		return
	case g.openid != q.Get("openid"):
		writeErr(w, 40003, "invalid openid")
		return
	case !strings.Contains(g.scope, "snsapi_userinfo"):
		writeErr(w, 48001, "api unauthorized")
		return
	}
	u := s.users[g.openid]
	out := map[string]any{"openid": u.OpenID, "nickname": u.Nickname, "sex": 0, "province": "", "city": "",
		"country": "", "headimgurl": u.HeadImgURL, "privilege": []string{}}
	if u.UnionID != "" {
		out["unionid"] = u.UnionID
	}
	writeJSON(w, out)
}

// failed counts the call and answers a queued failure. Caller holds s.mu.
func (s *Server) failed(w http.ResponseWriter, r *http.Request) bool {
	s.calls[r.URL.Path]++
	if s.failNext == nil {
		return false
	}
	e := s.failNext
	s.failNext = nil
	writeErr(w, e.Code, e.Msg)
	return true
}

func writeErr(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, errBody{Code: code, Msg: msg + ", rid: fake"})
}

func writeJSON(w http.ResponseWriter, v any) {
	// WeChat answers errors with 200 too, and often with a text/plain type.
	w.Header().Set("Content-Type", "text/plain")
	json.NewEncoder(w).Encode(v)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
