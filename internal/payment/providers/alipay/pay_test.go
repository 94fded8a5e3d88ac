package alipay_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/providers/alipay"
)

func TestPaymentURLs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	expires := time.Date(2025, 6, 1, 10, 30, 0, 0, time.UTC) // 18:30 in Beijing
	tests := []struct {
		method, apiName, product, no, expire string
	}{
		{alipay.MethodWap, "alipay.trade.wap.pay", "QUICK_WAP_WAY", "PWAP0000001", "2025-06-01 18:30"},
		{alipay.MethodPage, "alipay.trade.page.pay", "FAST_INSTANT_TRADE_PAY", "PPAGE000001", "2025-06-01 18:30:00"},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			p, err := e.client.Create(context.Background(), payment.Attempt{OutTradeNo: tt.no, Method: tt.method, Amount: 1999,
				Description: "Order " + tt.no, ExpiresAt: expires})
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			raw, _ := p["pay_url"].(string)
			u, err := url.Parse(raw)
			if err != nil || !strings.HasPrefix(raw, e.cfg.Gateway+"?") {
				t.Fatalf("pay_url = %q", raw)
			}
			q := u.Query()
			var biz map[string]string
			if err := json.Unmarshal([]byte(q.Get("biz_content")), &biz); err != nil {
				t.Fatal(err)
			}
			if q.Get("method") != tt.apiName || q.Get("notify_url") != notifyURL || q.Get("return_url") != returnURL ||
				biz["total_amount"] != "19.99" || biz["product_code"] != tt.product || biz["time_expire"] != tt.expire {
				t.Errorf("query = %v, biz = %v", q, biz)
			}
			// Opening the URL is when Alipay learns of the trade.
			resp, err := e.http.Get(raw)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("cashier: %v %v", resp, err)
			}
			resp.Body.Close()
			if tr, ok := e.fake.Trade(tt.no); !ok || tr.Total != 1999 || tr.Status != "WAIT_BUYER_PAY" {
				t.Errorf("fake trade = %+v, %v", tr, ok)
			}
		})
	}
}

func TestTamperedPaymentURLIsRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	raw, err := e.client.WapPayURL(alipay.PayRequest{OutTradeNo: "PTAMPER0001", Subject: "Order", Amount: 1999})
	if err != nil {
		t.Fatal(err)
	}
	// A shopper editing the amount in the URL breaks the signature.
	forged := strings.Replace(raw, url.QueryEscape(`"total_amount":"19.99"`), url.QueryEscape(`"total_amount":"0.01"`), 1)
	if forged == raw {
		t.Fatal("test did not change the URL")
	}
	resp, err := e.http.Get(forged)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("cashier answered %d, want 400", resp.StatusCode)
	}
	if _, ok := e.fake.Trade("PTAMPER0001"); ok {
		t.Error("a forged URL created a trade")
	}
}

func TestCreateRefusesBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var _ payment.Provider = e.client // the lead wires it as a provider
	for _, a := range []payment.Attempt{
		{OutTradeNo: "P1", Method: "alipay_app", Amount: 1, Description: "x"},
		{OutTradeNo: "P1", Method: alipay.MethodWap, Amount: 0, Description: "x"},
		{OutTradeNo: "", Method: alipay.MethodWap, Amount: 1, Description: "x"},
		{OutTradeNo: "P1", Method: alipay.MethodPage, Amount: 1, Description: ""},
	} {
		if _, err := e.client.Create(context.Background(), a); err == nil {
			t.Errorf("Create(%+v): want an error", a)
		}
	}
}

func TestNewValidatesConfig(t *testing.T) {
	t.Parallel()
	good := newEnv(t).cfg
	tests := []struct {
		name    string
		edit    func(c *alipay.Config)
		wantErr string
	}{
		{"missing", func(c *alipay.Config) { c.AppID, c.NotifyURL = "", "" }, "AppID, NotifyURL"},
		{"no alipay key", func(c *alipay.Config) { c.AlipayPublicKey = "" }, "AlipayPublicKey"},
		{"bad private key", func(c *alipay.Config) { c.PrivateKey = "not a key" }, "private key"},
		{"bad alipay key", func(c *alipay.Config) { c.AlipayPublicKey = "AAAA" }, "AlipayPublicKey"},
		{"both modes", func(c *alipay.Config) { c.AppCertPEM, c.AlipayRootCertPEM, c.AlipayCertPEM = "x", "y", "z" }, "not both"},
		{"half cert mode", func(c *alipay.Config) { c.AlipayPublicKey, c.AppCertPEM = "", "x" }, "AlipayRootCertPEM, AlipayCertPEM"},
	}
	for _, tt := range tests {
		cfg := good
		tt.edit(&cfg)
		if _, err := alipay.New(cfg); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: New = %v, want error containing %q", tt.name, err, tt.wantErr)
		}
	}
}
