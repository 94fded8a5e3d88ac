package wechat

import (
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"fenxiao/internal/platform/apperr"
)

// ShareAPIs are the JS-SDK interfaces the H5 share menu uses: the current
// ones (JS-SDK 1.4+) and the older ones for WeChat clients that lack them.
var ShareAPIs = []string{"updateAppMessageShareData", "updateTimelineShareData", "onMenuShareAppMessage", "onMenuShareTimeline"}

// maxPageURL bounds the page URL a client asks a signature for.
const maxPageURL = 2048

// JSConfig is what the page passes to wx.config.
type JSConfig struct {
	AppID     string   `json:"app_id"`
	Timestamp int64    `json:"timestamp"`
	NonceStr  string   `json:"nonce_str"`
	Signature string   `json:"signature"`
	JSAPIList []string `json:"js_api_list"`
}

// Signature is the JS-SDK config signature: the hex SHA-1 of
// "jsapi_ticket=T&noncestr=N&timestamp=TS&url=U", fields in that
// (alphabetical) order, values raw (not URL-encoded), url without its
// #fragment, exactly as the page's location shows it.
func Signature(ticket, nonce string, timestamp int64, pageURL string) string {
	sum := sha1.Sum([]byte("jsapi_ticket=" + ticket + "&noncestr=" + nonce +
		"&timestamp=" + strconv.FormatInt(timestamp, 10) + "&url=" + pageURL))
	return hex.EncodeToString(sum[:])
}

// JSSDK signs JS-SDK configs for the shop's own pages.
type JSSDK struct {
	tickets *Tickets // nil: no official account configured
	host    string   // the only host pages may be on
	log     *slog.Logger
	now     func() time.Time
}

// NewJSSDK signs for pages on baseURL's host with tickets (nil when no
// official account is configured: every call then says so).
func NewJSSDK(tickets *Tickets, baseURL string, log *slog.Logger) *JSSDK {
	if log == nil {
		log = slog.Default()
	}
	j := &JSSDK{tickets: tickets, log: log, now: time.Now}
	if u, err := url.Parse(baseURL); err == nil {
		j.host = strings.ToLower(u.Host)
	}
	if tickets != nil {
		j.now = tickets.now
	}
	return j
}

// Config signs pageURL (a #fragment is dropped, as WeChat requires) for
// wx.config with ShareAPIs. Errors: conflict reason wechat_not_configured
// (no AppID/AppSecret), invalid (field url: missing, too long, not http(s)
// or not on the shop's host), unavailable reason wechat_error (WeChat
// refused or did not answer; logged).
func (j *JSSDK) Config(ctx context.Context, pageURL string) (*JSConfig, error) {
	if j.tickets == nil {
		return nil, apperr.Conflict("WeChat sharing is not configured: set FENXIAO_WECHAT_APP_ID and FENXIAO_WECHAT_APP_SECRET").
			WithReason("wechat_not_configured")
	}
	pageURL, _, _ = strings.Cut(pageURL, "#")
	if err := j.checkURL(pageURL); err != nil {
		return nil, err
	}
	ticket, err := j.tickets.JSAPITicket(ctx)
	if err != nil {
		return nil, j.unavailable(ctx, err)
	}
	nonce := newNonce()
	ts := j.now().Unix()
	return &JSConfig{AppID: j.tickets.AppID(), Timestamp: ts, NonceStr: nonce,
		Signature: Signature(ticket, nonce, ts, pageURL), JSAPIList: append([]string(nil), ShareAPIs...)}, nil
}

// checkURL accepts only http(s) pages of the shop: WeChat would refuse a
// signature for any host outside the account's JS-SDK domains anyway, and
// signing other sites' pages is nobody's business.
func (j *JSSDK) checkURL(pageURL string) error {
	bad := func(msg string) error { return apperr.InvalidField("url", msg) }
	if pageURL == "" {
		return bad("is required: the page URL without its #fragment")
	}
	if len(pageURL) > maxPageURL {
		return bad("must be at most 2048 characters")
	}
	u, err := url.Parse(pageURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
		return bad("must be an http(s) URL of a page of this shop")
	}
	if j.host == "" || strings.ToLower(u.Host) != j.host {
		return bad("must be a page of this shop (" + j.host + ")")
	}
	return nil
}

// unavailable logs why WeChat failed and tells the client in plain words.
func (j *JSSDK) unavailable(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	j.log.WarnContext(ctx, "wechat js-sdk ticket failed", "err", err)
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apperr.Unavailable("WeChat refused to issue a JS-SDK ticket (errcode %d); sharing settings are unavailable, try again later", apiErr.Code).
			WithReason("wechat_error")
	}
	return apperr.Unavailable("WeChat could not be reached for a JS-SDK ticket; sharing settings are unavailable, try again later").
		WithReason("wechat_error")
}

const nonceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newNonce is 16 random letters and digits.
func newNonce() string {
	b := make([]byte, 16)
	rand.Read(b)
	for i := range b {
		b[i] = nonceChars[int(b[i])%len(nonceChars)]
	}
	return string(b)
}
