package referral

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image/color"
	"strings"
	"time"

	qrcode "github.com/skip2/go-qrcode"
)

// VisitTTL is how long an anonymous visit waits for its shopper to log in.
const VisitTTL = 30 * 24 * time.Hour

// Visit is an anonymous shopper's pending referral, kept in a signed cookie
// until they log in.
type Visit struct {
	Code      string `json:"c"`
	Source    Source `json:"s"`
	ProductID int64  `json:"p,omitempty"`
	IssuedAt  int64  `json:"t"` // unix seconds
}

// SignVisit encodes v as payload.mac (HMAC-SHA256 with key), cookie-safe.
func SignVisit(key []byte, v Visit) string {
	raw, _ := json.Marshal(v)
	payload := base64.RawURLEncoding.EncodeToString(raw)
	return payload + "." + visitMAC(key, payload)
}

// ParseVisit verifies and decodes a signed visit; ok is false for a
// tampered, malformed or expired value.
func ParseVisit(key []byte, signed string, now time.Time) (v Visit, ok bool) {
	payload, mac, found := strings.Cut(signed, ".")
	if !found || !hmac.Equal([]byte(mac), []byte(visitMAC(key, payload))) {
		return v, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil || json.Unmarshal(raw, &v) != nil {
		return v, false
	}
	issued := time.Unix(v.IssuedAt, 0)
	if now.Sub(issued) > VisitTTL || issued.After(now.Add(time.Minute)) || !ValidSource(v.Source) {
		return v, false
	}
	return v, true
}

func visitMAC(key []byte, payload string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("fx_ref:" + payload))
	return hex.EncodeToString(m.Sum(nil))
}

// ShopLink is a distributor's shop link; with productID > 0, the product link.
func ShopLink(baseURL, code string, productID int64) string {
	link := strings.TrimRight(baseURL, "/") + "/s/" + code
	if productID > 0 {
		link += fmt.Sprintf("?p=%d", productID)
	}
	return link
}

// QRPNG renders content as a 256x256 PNG QR code (medium error correction)
// and returns it with a strong ETag derived from the content.
func QRPNG(content string) (png []byte, etag string, err error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return nil, "", fmt.Errorf("qr encode: %w", err)
	}
	q.ForegroundColor, q.BackgroundColor = color.Black, color.White
	png, err = q.PNG(256)
	if err != nil {
		return nil, "", fmt.Errorf("qr png: %w", err)
	}
	sum := sha256.Sum256(append([]byte("qr256m:"), content...))
	return png, `"` + hex.EncodeToString(sum[:12]) + `"`, nil
}
