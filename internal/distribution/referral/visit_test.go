package referral_test

import (
	"strings"
	"testing"
	"time"

	"fenxiao/internal/distribution/referral"
)

func TestVisitCookieSignature(t *testing.T) {
	t.Parallel()
	key := []byte("k1")
	now := time.Unix(1_800_000_000, 0)
	v := referral.Visit{Code: "ABC2345", Source: referral.SourceQR, ProductID: 7, IssuedAt: now.Unix()}
	signed := referral.SignVisit(key, v)
	if got, ok := referral.ParseVisit(key, signed, now); !ok || got != v {
		t.Fatalf("round trip: %+v %v", got, ok)
	}
	payload, mac, _ := strings.Cut(signed, ".")
	forged := referral.SignVisit([]byte("other"), referral.Visit{Code: "EVIL234", Source: referral.SourceLink, IssuedAt: now.Unix()})
	fPayload, _, _ := strings.Cut(forged, ".")
	cases := map[string]string{
		"wrong key":        forged,
		"swapped payload":  fPayload + "." + mac,
		"flipped mac":      payload + "." + strings.Repeat("0", len(mac)),
		"no mac":           payload,
		"garbage":          "%%%.xyz",
		"empty":            "",
		"mac of other key": payload + "." + strings.SplitN(referral.SignVisit([]byte("k2"), v), ".", 2)[1],
	}
	for name, s := range cases {
		if _, ok := referral.ParseVisit(key, s, now); ok {
			t.Errorf("%s accepted", name)
		}
	}
	if _, ok := referral.ParseVisit(key, signed, now.Add(referral.VisitTTL+time.Second)); ok {
		t.Error("expired visit accepted")
	}
}
