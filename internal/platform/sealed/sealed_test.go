package sealed_test

import (
	"strings"
	"testing"

	"fenxiao/internal/platform/sealed"
)

func box(t testing.TB, secret, purpose string) *sealed.Box {
	t.Helper()
	b, err := sealed.New(secret, purpose)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSealRoundTripsAndHidesThePlainText(t *testing.T) {
	t.Parallel()
	b := box(t, "a-server-secret-of-at-least-32-chars", "payout_accounts.account")
	for _, plain := range []string{"13812348000", "张三", "6222 0202 0000 0000 123", strings.Repeat("x", 4096)} {
		s := b.Seal(plain)
		if strings.Contains(s, plain) || !sealed.IsSealed(s) {
			t.Fatalf("sealed %q = %q", plain, s)
		}
		if s == b.Seal(plain) {
			t.Fatal("two seals of one value are equal: the nonce is not random")
		}
		got, err := b.Open(s)
		if err != nil || got != plain {
			t.Fatalf("open = %q, %v; want %q", got, err, plain)
		}
	}
	if s := b.Seal(""); s != "" {
		t.Fatalf("empty sealed to %q", s)
	}
	if got, err := b.Open(""); got != "" || err != nil {
		t.Fatalf("open empty = %q, %v", got, err)
	}
}

func TestOpenRefusesWhatItDidNotSeal(t *testing.T) {
	t.Parallel()
	b := box(t, "a-server-secret-of-at-least-32-chars", "payout_accounts.account")
	s := b.Seal("13812348000")
	flipped := []byte(s)
	flipped[len(flipped)-3] ^= 1
	tests := []struct {
		name string
		box  *sealed.Box
		in   string
	}{
		{"other purpose", box(t, "a-server-secret-of-at-least-32-chars", "payout_accounts.real_name"), s},
		{"other secret", box(t, "another-server-secret-of-32-chars!!", "payout_accounts.account"), s},
		{"tampered", b, string(flipped)},
		{"plain text", b, "13812348000"},
		{"bad base64", b, "v1.###"},
		{"too short", b, "v1.AAAA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := tt.box.Open(tt.in); err != sealed.ErrOpen {
				t.Fatalf("open = %q, %v; want ErrOpen", got, err)
			}
		})
	}
}

func TestDigestIsKeyedAndStable(t *testing.T) {
	t.Parallel()
	a := box(t, "a-server-secret-of-at-least-32-chars", "p")
	if a.Digest("x") != a.Digest("x") || a.Digest("x") == a.Digest("y") {
		t.Fatal("digest not stable or not distinct")
	}
	if a.Digest("x") == box(t, "another-server-secret-of-32-chars!!", "p").Digest("x") {
		t.Fatal("digest does not depend on the secret")
	}
}

func FuzzOpenNeverPanics(f *testing.F) {
	b := box(f, "a-server-secret-of-at-least-32-chars", "p")
	f.Add(b.Seal("hello"))
	f.Add("v1.")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		if plain, err := b.Open(s); err == nil && s != "" && b.Seal(plain) == "" {
			t.Fatal("opened a value to nothing")
		}
	})
}
