package wechattest

import (
	"encoding/json"
	"net/http"
	"time"
)

// The official account's own credentials, as WeChat hands them out:
// /cgi-bin/stable_token answers the current access token while it is
// valid (force_refresh false) with the seconds it has left, and
// /cgi-bin/ticket/getticket?type=jsapi the current jsapi_ticket.

type jsState struct {
	token        string
	tokenExpires time.Time
	ticket       string
	ticketTTL    time.Duration
	latency      time.Duration
}

func newJSState() jsState {
	return jsState{ticket: randomHex(32), ticketTTL: 2 * time.Hour}
}

// SetLatency makes the token and ticket endpoints answer after d, so
// tests can overlap concurrent callers.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.js.latency = d
}

func (s *Server) pause() {
	s.mu.Lock()
	d := s.js.latency
	s.mu.Unlock()
	time.Sleep(d)
}

// SetJSAPITicket makes ticket the current jsapi_ticket, answered with
// expires_in ttl.
func (s *Server) SetJSAPITicket(ticket string, ttl time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.js.ticket, s.js.ticketTTL = ticket, ttl
}

// RevokeAccessToken makes WeChat forget the current access token (as when
// another system forces a refresh): calls with it get errcode 40001 and
// stable_token issues a new one.
func (s *Server) RevokeAccessToken() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.js.token = ""
}

func (s *Server) stableToken(w http.ResponseWriter, r *http.Request) {
	var req struct {
		GrantType    string `json:"grant_type"`
		AppID        string `json:"appid"`
		Secret       string `json:"secret"`
		ForceRefresh bool   `json:"force_refresh"`
	}
	s.pause()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed(w, r) {
		return
	}
	switch {
	case json.NewDecoder(r.Body).Decode(&req) != nil:
		writeErr(w, 47001, "data format error")
		return
	case req.GrantType != "client_credential":
		writeErr(w, 40002, "invalid grant_type")
		return
	case req.AppID != s.AppID:
		writeErr(w, 40013, "invalid appid")
		return
	case req.Secret != s.AppSecret:
		writeErr(w, 40125, "invalid appsecret")
		return
	}
	now := time.Now()
	if s.js.token == "" || req.ForceRefresh || !now.Before(s.js.tokenExpires) {
		s.js.token, s.js.tokenExpires = randomHex(24), now.Add(2*time.Hour)
	}
	writeJSON(w, map[string]any{"access_token": s.js.token, "expires_in": int(s.js.tokenExpires.Sub(now).Seconds())})
}

func (s *Server) getTicket(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.pause()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed(w, r) {
		return
	}
	switch {
	case q.Get("access_token") == "" || q.Get("access_token") != s.js.token:
		writeErr(w, 40001, "invalid credential, access_token is invalid or not latest")
		return
	case !time.Now().Before(s.js.tokenExpires):
		writeErr(w, 42001, "access_token expired")
		return
	case q.Get("type") != "jsapi":
		writeErr(w, 40097, "invalid args")
		return
	}
	writeJSON(w, map[string]any{"errcode": 0, "errmsg": "ok", "ticket": s.js.ticket, "expires_in": int(s.js.ticketTTL.Seconds())})
}
