package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"fenxiao/internal/platform/config"
	"fenxiao/internal/testkit"
)

// A client must not pick its own IP with X-Forwarded-For unless the request
// came through a configured proxy: per-IP rate limits depend on it. The
// admin login throttle is keyed by client IP, so spoofed headers must not
// give an attacker fresh buckets.
func TestForwardedForIsIgnoredWithoutTrustedProxies(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		proxies string
		want    int // status of the 12th attempt with a new spoofed IP each time
	}{
		{"no proxies configured", "", http.StatusTooManyRequests},
		{"loopback is a trusted proxy", "127.0.0.1", http.StatusUnauthorized},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := testkit.NewApp(t, testkit.FreshDatabaseURL(t, "sqlite"), func(c *config.Config) { c.TrustedProxies = tc.proxies })
			c := a.Client()
			var last int
			for i := 0; i < 12; i++ {
				req, _ := http.NewRequest("POST", c.URL()+"/api/admin/login", strings.NewReader(`{"username":"nobody`+string(rune('a'+i))+`","password":"wrong-password-1"}`))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Forwarded-For", "203.0.113."+string(rune('1'+i%9)))
				last = c.Send(req).Status
			}
			if last != tc.want {
				t.Fatalf("12th login attempt: status %d, want %d", last, tc.want)
			}
		})
	}
}
