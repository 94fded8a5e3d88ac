package wechat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// The official account's own credentials (as opposed to a user's web
// authorization): the access token that server-side APIs take, and the
// jsapi_ticket that signs JS-SDK configs. Both live about two hours and
// WeChat limits how often a day they may be fetched, so callers keep them
// in Tickets rather than fetching per request.

// Error codes meaning the access token itself was refused.
const (
	ErrCodeInvalidToken = 40014
)

// IsTokenError reports whether WeChat refused the access token (invalid,
// expired or replaced): fetching a fresh one may help.
func IsTokenError(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case ErrCodeInvalidSecret, ErrCodeInvalidToken, ErrCodeTokenExpired:
		// 40001 is "invalid credential": a bad secret at the token
		// endpoint, a bad access token everywhere else.
		return e.Path != stableTokenPath
	}
	return false
}

const (
	stableTokenPath = "/cgi-bin/stable_token"
	ticketPath      = "/cgi-bin/ticket/getticket"
)

// StableToken fetches the official account's access token from
// /cgi-bin/stable_token (grant client_credential, force_refresh false).
// Unlike /cgi-bin/token, which mints a new token on every call and
// retires the previous one five minutes later, it answers the current
// token while it is valid, so several processes (or another system using
// the same account) can each cache it without invalidating the others'.
// It returns the token and how long WeChat says it lives.
func (c *Client) StableToken(ctx context.Context) (string, time.Duration, error) {
	body, err := json.Marshal(map[string]any{"grant_type": "client_credential", "appid": c.cfg.AppID,
		"secret": c.cfg.AppSecret, "force_refresh": false})
	if err != nil {
		return "", 0, fmt.Errorf("wechat %s: encode request: %w", stableTokenPath, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.APIBase+stableTokenPath, bytes.NewReader(body))
	if err != nil {
		return "", 0, fmt.Errorf("wechat %s: build request failed", stableTokenPath)
	}
	req.Header.Set("Content-Type", "application/json")
	var out struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := c.do(req, stableTokenPath, &out); err != nil {
		return "", 0, err
	}
	if out.AccessToken == "" || out.ExpiresIn <= 0 {
		return "", 0, fmt.Errorf("wechat %s: answer without access_token or expires_in", stableTokenPath)
	}
	return out.AccessToken, time.Duration(out.ExpiresIn) * time.Second, nil
}

// JSAPITicket fetches the jsapi_ticket with an access token
// (/cgi-bin/ticket/getticket?type=jsapi) and how long it lives. A refused
// token is an *APIError with IsTokenError true.
func (c *Client) JSAPITicket(ctx context.Context, accessToken string) (string, time.Duration, error) {
	var out struct {
		Ticket    string `json:"ticket"`
		ExpiresIn int    `json:"expires_in"`
	}
	q := url.Values{"access_token": {accessToken}, "type": {"jsapi"}}
	if err := c.get(ctx, ticketPath, q, &out); err != nil {
		return "", 0, err
	}
	if out.Ticket == "" || out.ExpiresIn <= 0 {
		return "", 0, fmt.Errorf("wechat %s: answer without ticket or expires_in", ticketPath)
	}
	return out.Ticket, time.Duration(out.ExpiresIn) * time.Second, nil
}
