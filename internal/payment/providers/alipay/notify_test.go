package alipay_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/alipay/alipayfake"
	"fenxiao/internal/platform/money"
)

func TestDecodeNotification(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	e.openTrade(t, "PNOTIFY0001", 1999)
	if err := e.fake.MarkPaidWithDiscount("PNOTIFY0001", 99); err != nil {
		t.Fatal(err)
	}
	paid, err := e.fake.PaymentNotification("PNOTIFY0001")
	if err != nil {
		t.Fatal(err)
	}
	n, err := e.client.ParseNotification(ctx, alipayfake.NotificationRequest(notifyURL, paid))
	if err != nil {
		t.Fatalf("ParseNotification: %v", err)
	}
	if n.Status != alipay.StatusPaid || n.Amount != 1999 || n.BuyerPayAmount != 1900 || n.OutTradeNo != "PNOTIFY0001" ||
		n.TradeNo == "" || n.IsRefund() || n.PaidAt.IsZero() || n.SellerID != sellerID {
		t.Errorf("payment notification = %+v", n)
	}
	for i, amount := range []money.Fen{999, 1000} { // partial, then the rest
		no := []string{"RN1", "RN2"}[i]
		if _, err := e.client.TradeRefund(ctx, alipay.RefundRequest{OutTradeNo: "PNOTIFY0001", OutRequestNo: no, Amount: amount}); err != nil {
			t.Fatal(err)
		}
	}
	refunded, err := e.fake.RefundNotification("PNOTIFY0001", "RN2")
	if err != nil {
		t.Fatal(err)
	}
	n, err = e.client.DecodeNotification(ctx, refunded)
	if err != nil {
		t.Fatalf("DecodeNotification: %v", err)
	}
	if !n.IsRefund() || n.OutBizNo != "RN2" || n.RefundFee != 1999 || n.Status != alipay.StatusClosed || n.RefundedAt.IsZero() {
		t.Errorf("refund notification = %+v", n)
	}
}

func TestDecodeNotificationRejects(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.paidTrade(t, "PREJECT0001", 1999)
	otherApp := otherAppNotification(t)
	tests := []struct {
		name  string
		spoil func(v url.Values) url.Values
		want  error
	}{
		{"amount changed", func(v url.Values) url.Values { v.Set("total_amount", "0.01"); return v }, alipay.ErrNotificationSignature},
		{"status changed", func(v url.Values) url.Values { v.Set("trade_status", "TRADE_FINISHED"); return v }, alipay.ErrNotificationSignature},
		{"field added", func(v url.Values) url.Values { v.Set("passback_params", "x"); return v }, alipay.ErrNotificationSignature},
		{"signature replaced", func(v url.Values) url.Values { v.Set("sign", "c2lnbmF0dXJl"); return v }, alipay.ErrNotificationSignature},
		{"signature not base64", func(v url.Values) url.Values { v.Set("sign", "%%%"); return v }, alipay.ErrNotificationSignature},
		{"unsigned", func(v url.Values) url.Values { v.Del("sign"); return v }, alipay.ErrNotificationSignature},
		{"another app", func(url.Values) url.Values { return otherApp }, alipay.ErrNotificationApp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := e.fake.PaymentNotification("PREJECT0001")
			if err != nil {
				t.Fatal(err)
			}
			v = tt.spoil(v)
			_, err = e.client.DecodeNotification(context.Background(), v)
			if !errors.Is(err, tt.want) || !errors.Is(err, alipay.ErrInvalidNotification) {
				t.Fatalf("DecodeNotification = %v, want %v", err, tt.want)
			}
			for _, leak := range []string{v.Get("sign"), v.Get("total_amount"), v.Get("trade_no"), "PREJECT0001"} {
				if leak != "" && strings.Contains(err.Error(), leak) {
					t.Errorf("error text %q repeats %q", err, leak)
				}
			}
		})
	}
}

// otherAppNotification is signed by Alipay's key but for another app id.
func otherAppNotification(t *testing.T) url.Values {
	k := keys()
	fake := alipayfake.New(alipayfake.Config{AppID: "2021009999999999", AppPublicKey: &k.app.PublicKey, AlipayKey: k.alipay, SellerID: sellerID})
	srv := httptest.NewServer(fake)
	defer srv.Close()
	cfg := alipay.Config{AppID: "2021009999999999", PrivateKey: alipayfake.PrivateKeyPEM(k.app), AlipayPublicKey: alipayfake.PublicKeyPEM(&k.alipay.PublicKey),
		Production: true, Gateway: srv.URL + "/gateway.do", NotifyURL: notifyURL}
	c, err := alipay.New(cfg, alipay.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := c.WapPayURL(alipay.PayRequest{OutTradeNo: "POTHER00001", Subject: "x", Amount: 1999})
	resp, err := srv.Client().Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := fake.MarkPaid("POTHER00001"); err != nil {
		t.Fatal(err)
	}
	v, err := fake.PaymentNotification("POTHER00001")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestParseNotificationUsesTheBodyOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.paidTrade(t, "PFORM000001", 500)
	v, err := e.fake.PaymentNotification("PFORM000001")
	if err != nil {
		t.Fatal(err)
	}
	// A query string on the notify URL is not signed: r.Form would include it.
	r := alipayfake.NotificationRequest(notifyURL+"?shop=1", v)
	if _, err := e.client.ParseNotification(context.Background(), r); err != nil {
		t.Fatalf("ParseNotification: %v", err)
	}
	if _, err := e.client.DecodeNotification(context.Background(), r.Form); err == nil {
		t.Error("r.Form (body + query) verified; the test no longer shows why PostForm matters")
	}
	// An unsigned alipay_cert_sn must not send public-key mode looking for certificates.
	v.Set("alipay_cert_sn", "0123456789abcdef")
	if _, err := e.client.DecodeNotification(context.Background(), v); err != nil {
		t.Errorf("with a stray alipay_cert_sn: %v", err)
	}
}

func TestNotificationDeliveredOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.paidTrade(t, "PHTTP000001", 1)
	var got *alipay.Notification
	shop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := e.client.ParseNotification(r.Context(), r)
		if err != nil {
			http.Error(w, "fail", http.StatusBadRequest)
			return
		}
		got = n
		alipay.Ack(w)
	}))
	defer shop.Close()
	v, err := e.fake.PaymentNotification("PHTTP000001")
	if err != nil {
		t.Fatal(err)
	}
	status, body, err := alipayfake.PostNotification(context.Background(), shop.Client(), shop.URL, v)
	if err != nil || status != http.StatusOK || body != "success" {
		t.Fatalf("delivery = %d %q %v; want 200 \"success\"", status, body, err)
	}
	if got == nil || got.Amount != 1 || got.Status != alipay.StatusPaid {
		t.Errorf("shop saw %+v", got)
	}
	v.Set("total_amount", "100.00")
	if _, body, _ := alipayfake.PostNotification(context.Background(), shop.Client(), shop.URL, v); body == "success" {
		t.Error("a forged notification was acknowledged")
	}
}
