package testkit

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"fenxiao/internal/httpapi"
	"fenxiao/internal/platform/session"
)

// Client is an HTTP client with its own cookie jar that sends the CSRF
// token it was given on state-changing requests.
type Client struct {
	t    testing.TB
	base string
	http *http.Client
	CSRF string
}

// Client returns an anonymous client.
func (a *App) Client() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{t: a.t, base: a.Server.URL, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// SessionClient returns a client logged in as subjectID of the given kind,
// with a session made directly through the session service.
func (a *App) SessionClient(kind session.Kind, subjectID int64) *Client {
	a.t.Helper()
	token, sess, err := a.Sessions.Create(Ctx(), kind, subjectID, "127.0.0.1", "testkit")
	if err != nil {
		a.t.Fatalf("create session: %v", err)
	}
	c := a.Client()
	name := httpapi.ShopCookie
	if kind == session.KindAdmin {
		name = httpapi.AdminCookie
	}
	req, _ := http.NewRequest(http.MethodGet, a.Server.URL, nil)
	c.http.Jar.SetCookies(req.URL, []*http.Cookie{{Name: name, Value: token, Path: "/"}})
	c.CSRF = sess.CSRFToken
	return c
}

// Response is a finished HTTP exchange.
type Response struct {
	t      testing.TB
	Status int
	Header http.Header
	Body   []byte
}

// Do sends a request. body may be nil, a string/[]byte (sent raw as JSON)
// or any value (marshalled to JSON).
func (c *Client) Do(method, path string, body any) *Response {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			c.t.Fatalf("marshal body: %v", err)
		}
		r = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		c.t.Fatalf("new request: %v", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.Send(req)
}

// Send sends a prepared request (for uploads and custom headers), adding the
// CSRF header when the client has one and the request has none.
func (c *Client) Send(req *http.Request) *Response {
	c.t.Helper()
	if c.CSRF != "" && req.Header.Get(httpapi.CSRFHeader) == "" {
		req.Header.Set(httpapi.CSRFHeader, c.CSRF)
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	out := &Response{t: c.t, Status: res.StatusCode, Header: res.Header, Body: b}
	var withCSRF struct {
		CSRF string `json:"csrf_token"`
	}
	if json.Unmarshal(b, &withCSRF) == nil && withCSRF.CSRF != "" {
		c.CSRF = withCSRF.CSRF
	}
	return out
}

// URL is the server's base URL.
func (c *Client) URL() string { return c.base }

// HTTP is the underlying client (shares the cookie jar).
func (c *Client) HTTP() *http.Client { return c.http }

// JSON decodes the body into dst, failing the test if it cannot.
func (r *Response) JSON(dst any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body, dst); err != nil {
		r.t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// errorEnvelope is the body's error envelope (empty if none).
func (r *Response) errorEnvelope() (e struct {
	Error struct {
		Code   string `json:"code"`
		Reason string `json:"reason"`
	} `json:"error"`
}) {
	json.Unmarshal(r.Body, &e)
	return e
}

// ErrorCode returns error.code of an error envelope ("" if none).
func (r *Response) ErrorCode() string { return r.errorEnvelope().Error.Code }

// ErrorReason returns error.reason of an error envelope ("" if none).
func (r *Response) ErrorReason() string { return r.errorEnvelope().Error.Reason }

// Expect fails the test unless the status matches (and, for errors, the
// body is the error envelope).
func (r *Response) Expect(status int) *Response {
	r.t.Helper()
	if r.Status != status {
		r.t.Fatalf("status %d, want %d; body: %s", r.Status, status, r.Body)
	}
	if status >= 400 && r.ErrorCode() == "" {
		r.t.Fatalf("error response without error envelope: %s", r.Body)
	}
	return r
}
