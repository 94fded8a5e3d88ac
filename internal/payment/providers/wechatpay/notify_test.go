package wechatpay_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/payment/providers/wechatpay/wechatfake"
)

func TestParseNotificationKinds(t *testing.T) {
	t.Parallel()
	for _, m := range []mode{modePublicKey, modeCert, modeCombined} {
		t.Run(string(m), func(t *testing.T) {
			e := newEnv(t, m)
			ctx := context.Background()
			e.paidTrade(t, "PNOTIFY0001", 1999)
			mustRefund(t, e, wechatpay.RefundRequest{OutTradeNo: "PNOTIFY0001", OutRefundNo: "RNOTIFY", Amount: 999, Total: 1999})
			if err := e.fake.CompleteRefund("RNOTIFY"); err != nil {
				t.Fatal(err)
			}
			if _, err := e.client.Transfer(ctx, transferReq("TNOTIFY0001", 1234, "")); err != nil {
				t.Fatal(err)
			}
			if err := e.fake.ConfirmTransfer("TNOTIFY0001"); err != nil {
				t.Fatal(err)
			}
			var opts []wechatfake.NotifyOption
			if m == modeCombined {
				opts = append(opts, wechatfake.SignedByCert()) // still trusted during the switch-over
			}
			pay, _ := e.fake.PaymentNotification("PNOTIFY0001", opts...)
			ref, _ := e.fake.RefundNotification("RNOTIFY", opts...)
			tr, _ := e.fake.TransferNotification("TNOTIFY0001", opts...)

			n := mustParse(t, e, pay)
			if n.Kind != wechatpay.KindPayment || n.EventType != "TRANSACTION.SUCCESS" || n.Trade.Status != wechatpay.StatusRefunded ||
				n.Trade.Amount != 1999 || n.Trade.PayerTotal != 1999 || n.Trade.OutTradeNo != "PNOTIFY0001" || n.Trade.TransactionID == "" {
				t.Errorf("payment notification = %+v / %+v", n, n.Trade)
			}
			n = mustParse(t, e, ref)
			if n.Kind != wechatpay.KindRefund || n.Refund.Status != wechatpay.RefundSuccess || n.Refund.Amount != 999 ||
				n.Refund.Total != 1999 || n.Refund.OutRefundNo != "RNOTIFY" || n.Refund.SuccessTime.IsZero() {
				t.Errorf("refund notification = %+v / %+v", n, n.Refund)
			}
			n = mustParse(t, e, tr)
			if n.Kind != wechatpay.KindTransfer || n.Transfer.State != wechatpay.TransferSuccess || n.Transfer.Amount != 1234 ||
				n.Transfer.OutBillNo != "TNOTIFY0001" || !n.Transfer.Final() {
				t.Errorf("transfer notification = %+v / %+v", n, n.Transfer)
			}
		})
	}
}

func mustParse(t *testing.T, e *env, n *wechatfake.Notification) *wechatpay.Notification {
	t.Helper()
	if n == nil {
		t.Fatal("fake built no notification")
	}
	got, err := e.client.ParseNotification(context.Background(), n.Request(notifyURL))
	if err != nil {
		t.Fatalf("ParseNotification: %v", err)
	}
	return got
}

func TestParseNotificationRejects(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	e.paidTrade(t, "PREJECT0001", 1999)
	wrongKey := e.cfg
	wrongKey.APIv3Key = "ZYXWVUTSRQPONMLKJIHGFEDCBA543210"
	wrongKeyClient, err := wechatpay.New(context.Background(), wrongKey)
	if err != nil {
		t.Fatal(err)
	}
	other := otherMerchantNotification(t)
	tests := []struct {
		name   string
		build  func() *wechatfake.Notification
		client *wechatpay.Client
		want   error
	}{
		{"body tampered", edit(e, func(n *wechatfake.Notification) {
			n.Body = []byte(strings.Replace(string(n.Body), `"TRANSACTION.SUCCESS"`, `"TRANSACTION.SUCCESZ"`, 1))
		}), nil, wechatpay.ErrNotificationSignature},
		{"signature tampered", edit(e, func(n *wechatfake.Notification) { n.Header.Set("Wechatpay-Signature", "bm90IGEgc2lnbmF0dXJl") }), nil, wechatpay.ErrNotificationSignature},
		{"unknown serial", edit(e, func(n *wechatfake.Notification) { n.Header.Set("Wechatpay-Serial", "PUB_KEY_ID_OTHER") }), nil, wechatpay.ErrNotificationSignature},
		{"no signature", edit(e, func(n *wechatfake.Notification) { n.Header.Del("Wechatpay-Signature") }), nil, wechatpay.ErrNotificationSignature},
		{"no timestamp", edit(e, func(n *wechatfake.Notification) { n.Header.Del("Wechatpay-Timestamp") }), nil, wechatpay.ErrNotificationMalformed},
		{"stale", edit(e, nil, wechatfake.At(time.Now().Add(-6*time.Minute))), nil, wechatpay.ErrNotificationStale},
		{"from the future", edit(e, nil, wechatfake.At(time.Now().Add(6*time.Minute))), nil, wechatpay.ErrNotificationStale},
		{"wrong APIv3 key", edit(e, nil), wrongKeyClient, wechatpay.ErrNotificationDecrypt},
		{"not JSON", edit(e, func(n *wechatfake.Notification) { n.Body = []byte("<xml>hello</xml>") }), nil, wechatpay.ErrNotificationMalformed},
		{"another merchant", func() *wechatfake.Notification { return other }, nil, wechatpay.ErrNotificationMerchant},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := e.client
			if tt.client != nil {
				c = tt.client
			}
			n := tt.build()
			_, err := c.ParseNotification(context.Background(), n.Request(notifyURL))
			if !errors.Is(err, tt.want) || !errors.Is(err, wechatpay.ErrInvalidNotification) {
				t.Fatalf("ParseNotification = %v, want %v", err, tt.want)
			}
			assertNoLeak(t, err.Error(), n)
		})
	}
}

// edit builds a fresh payment notification and lets the test spoil it.
func edit(e *env, spoil func(*wechatfake.Notification), opts ...wechatfake.NotifyOption) func() *wechatfake.Notification {
	return func() *wechatfake.Notification {
		n, err := e.fake.PaymentNotification("PREJECT0001", opts...)
		if err != nil {
			panic(err)
		}
		if spoil != nil {
			spoil(n)
		}
		return n
	}
}

// otherMerchantNotification is genuinely signed and encrypted with our keys
// but addressed to another mchid.
func otherMerchantNotification(t *testing.T) *wechatfake.Notification {
	k := keys()
	fake := wechatfake.New(wechatfake.Config{MchID: "1900000999", AppID: appID, MerchantSerial: mchSerial, MerchantKey: &k.merchant.PublicKey,
		APIv3Key: apiV3Key, PublicKeyID: pubKeyID, PublicKey: k.wechatPub})
	srv := httptest.NewServer(fake)
	defer srv.Close()
	cfg := wechatpay.Config{MchID: "1900000999", AppID: appID, MchCertSerial: mchSerial, MchPrivateKeyPEM: wechatfake.PrivateKeyPEM(k.merchant),
		APIv3Key: apiV3Key, NotifyURL: notifyURL, PublicKeyID: pubKeyID, PublicKeyPEM: wechatfake.PublicKeyPEM(&k.wechatPub.PublicKey)}
	c, err := wechatpay.New(context.Background(), cfg, wechatpay.WithHTTPClient(wechatfake.NewHTTPClient(srv.URL)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Prepay(context.Background(), wechatpay.PrepayRequest{Method: wechatpay.MethodNative, OutTradeNo: "POTHER00001", Description: "x", Amount: 1}); err != nil {
		t.Fatal(err)
	}
	if err := fake.MarkPaid("POTHER00001"); err != nil {
		t.Fatal(err)
	}
	n, err := fake.PaymentNotification("POTHER00001")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// assertNoLeak checks that an error's text repeats nothing from the
// request: the SDK's own error embeds a dump of it.
func assertNoLeak(t *testing.T, msg string, n *wechatfake.Notification) {
	t.Helper()
	for _, h := range []string{"Wechatpay-Signature", "Wechatpay-Nonce", "Wechatpay-Serial", "Wechatpay-Timestamp"} {
		if v := n.Header.Get(h); len(v) > 3 && strings.Contains(msg, v) {
			t.Errorf("error text %q contains header %s", msg, h)
		}
	}
	for _, s := range []string{"Wechatpay", "ciphertext", "associated_data", "Header", "Body", "{"} {
		if strings.Contains(msg, s) {
			t.Errorf("error text %q contains %q", msg, s)
		}
	}
}

func TestNotificationDeliveredOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	e.paidTrade(t, "PHTTP000001", 1)
	var got *wechatpay.Notification
	shop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := e.client.ParseNotification(r.Context(), r)
		if err != nil {
			wechatpay.Nack(w, http.StatusBadRequest, "invalid notification")
			return
		}
		got = n
		wechatpay.Ack(w)
	}))
	defer shop.Close()
	n, err := e.fake.PaymentNotification("PHTTP000001")
	if err != nil {
		t.Fatal(err)
	}
	if status, err := n.Post(context.Background(), shop.Client(), shop.URL); err != nil || status != http.StatusNoContent {
		t.Fatalf("Post = %d, %v; want 204", status, err)
	}
	if got == nil || got.Trade.Status != wechatpay.StatusPaid || got.Trade.Amount != 1 {
		t.Errorf("shop saw %+v", got)
	}
	n.Header.Set("Wechatpay-Signature", "AAAA")
	if status, _ := n.Post(context.Background(), shop.Client(), shop.URL); status != http.StatusBadRequest {
		t.Errorf("forged delivery answered %d, want 400 so WeChat would retry", status)
	}
}

// TestParseNotificationSurvivesSignedGarbage: the SDK (v0.2.21) panics on
// a correctly signed body whose resource is null or whose nonce is not 12
// bytes; ParseNotification must refuse those instead.
func TestParseNotificationSurvivesSignedGarbage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	for _, body := range []string{
		`{"event_type":"TRANSACTION.SUCCESS","resource":null}`,
		`{"event_type":"TRANSACTION.SUCCESS","resource":{"algorithm":"AEAD_AES_256_GCM","nonce":"short","ciphertext":"AAAA"}}`,
		`{"event_type":"TRANSACTION.SUCCESS","resource":{"algorithm":"AEAD_AES_256_GCM","nonce":"0123456789ab","ciphertext":"AAAA"}}`,
	} {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		r := httptest.NewRequest(http.MethodPost, notifyURL, strings.NewReader(body))
		r.Header.Set("Wechatpay-Timestamp", ts)
		r.Header.Set("Wechatpay-Nonce", "n0nce")
		r.Header.Set("Wechatpay-Serial", pubKeyID)
		r.Header.Set("Wechatpay-Signature", signWithWechatKey(t, ts+"\nn0nce\n"+body+"\n"))
		if _, err := e.client.ParseNotification(context.Background(), r); !errors.Is(err, wechatpay.ErrInvalidNotification) {
			t.Errorf("ParseNotification(%s) = %v, want ErrInvalidNotification", body, err)
		}
	}
}
