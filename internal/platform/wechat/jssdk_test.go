package wechat_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/wechat"
	"fenxiao/internal/platform/wechat/wechattest"
)

// The example of WeChat's JS-SDK documentation (附录1 签名算法).
func TestSignatureMatchesWeChatsDocumentedExample(t *testing.T) {
	t.Parallel()
	got := wechat.Signature("sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
		"Wm3WZYTPz0wzccnW", 1414587457, "http://mp.weixin.qq.com?params=value")
	if got != "0f9de62fce790f9a083d5c99e95740ceb90c27ed" {
		t.Fatalf("signature %s", got)
	}
}

const (
	stablePath = "/cgi-bin/stable_token"
	ticketPath = "/cgi-bin/ticket/getticket"
)

// jsWorld is a fake WeChat, a settable clock and a JS-SDK for
// https://shop.example.
type jsWorld struct {
	fake  *wechattest.Server
	clock *fakeClock
	sdk   *wechat.JSSDK
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newJSWorld(t *testing.T, secret string) *jsWorld {
	t.Helper()
	fake := wechattest.New("wxapp123", "app-secret-xyz")
	t.Cleanup(fake.Close)
	clock := &fakeClock{t: time.Unix(1_800_000_000, 0)}
	c := wechat.New(wechat.Config{AppID: fake.AppID, AppSecret: secret, APIBase: fake.URL, OpenBase: fake.URL})
	tickets := wechat.NewTickets(c, wechat.WithTicketsClock(clock.now))
	return &jsWorld{fake: fake, clock: clock, sdk: wechat.NewJSSDK(tickets, "https://Shop.Example/", nil)}
}

// config signs pageURL and checks the answer against the fake's ticket.
func (w *jsWorld) config(t *testing.T, ticket, pageURL, signedURL string) *wechat.JSConfig {
	t.Helper()
	cfg, err := w.sdk.Config(context.Background(), pageURL)
	if err != nil {
		t.Fatalf("config %s: %v", pageURL, err)
	}
	want := wechat.Signature(ticket, cfg.NonceStr, cfg.Timestamp, signedURL)
	if cfg.Signature != want || cfg.AppID != "wxapp123" || cfg.Timestamp != w.clock.now().Unix() || len(cfg.NonceStr) != 16 ||
		strings.Join(cfg.JSAPIList, ",") != strings.Join(wechat.ShareAPIs, ",") {
		t.Fatalf("config %+v, want signature %s over %s", cfg, want, signedURL)
	}
	return cfg
}

func (w *jsWorld) calls(t *testing.T, stable, ticket int) {
	t.Helper()
	if s, k := w.fake.Calls(stablePath), w.fake.Calls(ticketPath); s != stable || k != ticket {
		t.Fatalf("WeChat called: stable_token %d, getticket %d; want %d, %d", s, k, stable, ticket)
	}
}

func TestTicketIsCachedSharedAndRefetchedBeforeExpiry(t *testing.T) {
	t.Parallel()
	w := newJSWorld(t, "app-secret-xyz")
	w.fake.SetJSAPITicket("ticket-1", 7200*time.Second)
	w.fake.SetLatency(50 * time.Millisecond) // so the burst overlaps the fetch

	// A cold burst fetches once: one token, one ticket.
	var wg sync.WaitGroup
	var failed atomic.Int32
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := w.sdk.Config(context.Background(), "https://shop.example/p/1"); err != nil {
				failed.Add(1)
			}
		}()
	}
	wg.Wait()
	if failed.Load() != 0 {
		t.Fatalf("%d of the burst failed", failed.Load())
	}
	w.calls(t, 1, 1)
	w.fake.SetLatency(0)

	// Later requests reuse it until five minutes before it expires...
	w.clock.add(7200*time.Second - 5*time.Minute - time.Second)
	w.config(t, "ticket-1", "https://shop.example/p/2?from=share", "https://shop.example/p/2?from=share")
	w.calls(t, 1, 1)
	// ...then fetch both again.
	w.fake.SetJSAPITicket("ticket-2", 7200*time.Second)
	w.clock.add(time.Second)
	w.config(t, "ticket-2", "https://shop.example/p/2", "https://shop.example/p/2")
	w.calls(t, 2, 2)
}

// When WeChat revokes the access token before its time, the ticket fetch
// gets 40001, fetches a new token once and succeeds.
func TestRevokedTokenIsFetchedAgainOnce(t *testing.T) {
	t.Parallel()
	w := newJSWorld(t, "app-secret-xyz")
	w.fake.SetJSAPITicket("short", 600*time.Second) // renewed after 300 s, the token after 115 min
	w.config(t, "short", "https://shop.example/", "https://shop.example/")
	w.fake.RevokeAccessToken()
	w.fake.SetJSAPITicket("next", 7200*time.Second)
	w.clock.add(301 * time.Second)
	w.config(t, "next", "https://shop.example/", "https://shop.example/")
	w.calls(t, 2, 3)
}

func TestURLsOutsideTheShopAreRefused(t *testing.T) {
	t.Parallel()
	w := newJSWorld(t, "app-secret-xyz")
	w.fake.SetJSAPITicket("t", 7200*time.Second)
	long := "https://shop.example/?q=" + strings.Repeat("a", 2048)
	for _, u := range []string{"", "https://evil.example/p", "https://shop.example.evil.example/", "https://shop.example:8443/",
		"javascript:alert(1)", "ftp://shop.example/", "https://user@shop.example/", "//shop.example/p", "/p/1", long, "#only-a-fragment"} {
		_, err := w.sdk.Config(context.Background(), u)
		if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeInvalid || e.Fields["url"] == "" {
			t.Errorf("url %.40q: %v", u, err)
		}
	}
	w.calls(t, 0, 0)
	// The fragment is not signed; the host is compared without case.
	w.config(t, "t", "https://SHOP.example/p/1?a=1#/cart", "https://SHOP.example/p/1?a=1")
}

func TestWeChatErrorsAreUnavailableAndBackOff(t *testing.T) {
	t.Parallel()
	w := newJSWorld(t, "app-secret-xyz")
	w.fake.SetJSAPITicket("t", 7200*time.Second)
	w.fake.FailNext(-1, "system error")
	_, err := w.sdk.Config(context.Background(), "https://shop.example/")
	if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeUnavailable || e.Reason != "wechat_error" || !strings.Contains(e.Message, "errcode -1") {
		t.Fatalf("system busy: %v", err)
	}
	w.calls(t, 1, 0)
	// Within the backoff the failure is answered without calling WeChat.
	if _, err := w.sdk.Config(context.Background(), "https://shop.example/"); !apperr.Is(err, apperr.CodeUnavailable) {
		t.Fatalf("during backoff: %v", err)
	}
	w.calls(t, 1, 0)
	w.clock.add(11 * time.Second)
	w.config(t, "t", "https://shop.example/", "https://shop.example/")
	w.calls(t, 2, 1)

	// A wrong secret is refused at the token endpoint; the message names
	// the code, never the secret.
	bad := newJSWorld(t, "wrong-secret")
	_, err = bad.sdk.Config(context.Background(), "https://shop.example/")
	if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeUnavailable || !strings.Contains(e.Message, "40125") || strings.Contains(e.Message, "wrong-secret") {
		t.Fatalf("wrong secret: %v", err)
	}
}

func TestNotConfiguredSaysSo(t *testing.T) {
	t.Parallel()
	sdk := wechat.NewJSSDK(nil, "https://shop.example", nil)
	_, err := sdk.Config(context.Background(), "https://shop.example/")
	if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeConflict || e.Reason != "wechat_not_configured" {
		t.Fatalf("not configured: %v", err)
	}
}
