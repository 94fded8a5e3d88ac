package session_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fenxiao/internal/platform/session"
	"fenxiao/internal/testkit"
)

// A User-Agent is client input: a long one cut in the middle of a UTF-8
// character, or one that is not UTF-8 at all, must not make the login fail
// (PostgreSQL refuses invalid UTF-8 in text columns).
func TestCreateStoresAnyUserAgent(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		cases := []struct{ name, ua, want string }{
			{"plain", "Mozilla/5.0", "Mozilla/5.0"},
			{"long ascii", strings.Repeat("a", 300), strings.Repeat("a", 255)},
			{"cut inside a character", "a" + strings.Repeat("微", 100), "a" + strings.Repeat("微", 84)},
			{"invalid utf-8", "Mozilla\xff\xfe/5.0", "Mozilla/5.0"},
		}
		for i, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				token, sess, err := a.Sessions.Create(testkit.Ctx(), session.KindShop, int64(i+1), "127.0.0.1", tc.ua)
				if err != nil {
					t.Fatalf("create: %v", err)
				}
				if sess.UserAgent != tc.want || !utf8.ValidString(sess.UserAgent) {
					t.Fatalf("user agent = %q, want %q", sess.UserAgent, tc.want)
				}
				got, err := a.Sessions.Lookup(testkit.Ctx(), session.KindShop, token)
				if err != nil {
					t.Fatalf("lookup: %v", err)
				}
				if got.UserAgent != tc.want {
					t.Fatalf("stored user agent = %q, want %q", got.UserAgent, tc.want)
				}
			})
		}
	})
}
