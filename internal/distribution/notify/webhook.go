package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Webhook headers. The signature is Stripe-style:
// X-Fenxiao-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>.
// Receivers recompute it over the raw body, compare in constant time and
// reject stale t to stop replays. X-Fenxiao-Delivery is the notification
// id, stable across retries, for receiver-side deduplication.
const (
	SignatureHeader = "X-Fenxiao-Signature"
	DeliveryHeader  = "X-Fenxiao-Delivery"
)

// WebhookChannel POSTs notifications as signed JSON to one URL.
type WebhookChannel struct {
	url    string
	secret []byte
	client *http.Client
	now    func() time.Time
}

// NewWebhookChannel returns a channel posting to url, signed with secret.
func NewWebhookChannel(url, secret string) *WebhookChannel {
	return &WebhookChannel{url: url, secret: []byte(secret), client: &http.Client{Timeout: 10 * time.Second}, now: time.Now}
}

// WebhookPayload is the JSON body. It carries ids, amounts and masked
// values only: no phone numbers, openids or payout accounts.
type WebhookPayload struct {
	ID                 int64          `json:"id"`
	Kind               Kind           `json:"kind"`
	RecipientShopperID int64          `json:"recipient_shopper_id"`
	Title              string         `json:"title"`
	Body               string         `json:"body"`
	Data               map[string]any `json:"data"`
	CreatedAt          time.Time      `json:"created_at"`
}

// Name implements Channel.
func (w *WebhookChannel) Name() string { return "webhook" }

// Deliver implements Channel: any non-2xx answer is an error (retried).
func (w *WebhookChannel) Deliver(ctx context.Context, n Notification) error {
	data, _ := maskValue(map[string]any(n.Data)).(map[string]any)
	if data == nil {
		data = map[string]any{}
	}
	body, err := json.Marshal(WebhookPayload{ID: n.ID, Kind: n.Kind, RecipientShopperID: n.RecipientShopperID,
		Title: maskText(n.Title), Body: maskText(n.Body), Data: data, CreatedAt: n.CreatedAt})
	if err != nil {
		return fmt.Errorf("encode webhook: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("webhook request: %w", err)
	}
	ts := strconv.FormatInt(w.now().Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(SignatureHeader, "t="+ts+",v1="+sign(w.secret, ts, body))
	req.Header.Set(DeliveryHeader, strconv.FormatInt(n.ID, 10))
	res, err := w.client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook post: %w", err)
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("webhook answered %d", res.StatusCode)
	}
	return nil
}

func sign(secret []byte, ts string, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte("."))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}
