package wechatpay_test

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/platform/money"
)

func TestPrepayPayloads(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	tests := []struct {
		method, no string
		check      func(t *testing.T, p payment.Payload)
	}{
		{wechatpay.MethodJSAPI, "P20250101000001", func(t *testing.T, p payment.Payload) {
			pp, ok := p["pay_params"].(map[string]string)
			if !ok || pp["appId"] != appID || pp["signType"] != "RSA" || !strings.HasPrefix(pp["package"], "prepay_id=wx") {
				t.Fatalf("pay_params = %v", p["pay_params"])
			}
			// WeixinJSBridge checks paySign with the merchant's key over these four lines.
			msg := pp["appId"] + "\n" + pp["timeStamp"] + "\n" + pp["nonceStr"] + "\n" + pp["package"] + "\n"
			sig, _ := base64.StdEncoding.DecodeString(pp["paySign"])
			sum := sha256.Sum256([]byte(msg))
			if err := rsa.VerifyPKCS1v15(&keys().merchant.PublicKey, crypto.SHA256, sum[:], sig); err != nil {
				t.Errorf("paySign does not verify: %v", err)
			}
		}},
		{wechatpay.MethodH5, "P20250101000002", func(t *testing.T, p payment.Payload) {
			if u, _ := p["h5_url"].(string); !strings.HasPrefix(u, "https://wx.tenpay.com/") {
				t.Errorf("h5_url = %q", u)
			}
		}},
		{wechatpay.MethodNative, "P20250101000003", func(t *testing.T, p payment.Payload) {
			if u, _ := p["code_url"].(string); !strings.HasPrefix(u, "weixin://wxpay/bizpayurl?pr=") {
				t.Errorf("code_url = %q", u)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			p := e.prepay(t, tt.method, tt.no, 1999)
			if p["out_trade_no"] != tt.no || p["provider"] != wechatpay.ProviderName {
				t.Errorf("payload = %v", p)
			}
			tt.check(t, p)
			tr, found := e.fake.Trade(tt.no)
			if !found || tr.Total != 1999 || tr.State != "NOTPAY" {
				t.Errorf("fake trade = %+v, %v; want 1999 fen NOTPAY", tr, found)
			}
		})
	}
}

func TestPrepayRefusesBadInputBeforeCalling(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	ok := wechatpay.PrepayRequest{Method: wechatpay.MethodNative, OutTradeNo: "P20250101000009", Description: "x", Amount: 1}
	tests := []struct {
		name string
		edit func(*wechatpay.PrepayRequest)
	}{
		{"unknown method", func(r *wechatpay.PrepayRequest) { r.Method = "wechat_app" }},
		{"zero amount", func(r *wechatpay.PrepayRequest) { r.Amount = 0 }},
		{"short out_trade_no", func(r *wechatpay.PrepayRequest) { r.OutTradeNo = "P1" }},
		{"jsapi without openid", func(r *wechatpay.PrepayRequest) { r.Method = wechatpay.MethodJSAPI }},
		{"h5 without ip", func(r *wechatpay.PrepayRequest) { r.Method = wechatpay.MethodH5 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := ok
			tt.edit(&req)
			if _, err := e.client.Prepay(context.Background(), req); err == nil {
				t.Fatal("want an error")
			}
		})
	}
	if n := len(e.fake.Calls()); n != 0 {
		t.Errorf("fake got %d calls, want none", n)
	}
}

func TestCreateReadsPayerFromContext(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	a := payment.Attempt{OutTradeNo: "P20250101000010", Method: wechatpay.MethodJSAPI, Amount: 500, Description: "Order 1",
		ExpiresAt: time.Now().Add(30 * time.Minute)}
	if _, err := e.client.Create(context.Background(), a); err == nil {
		t.Fatal("JSAPI without a payer: want an error")
	}
	a.Payer = payment.Payer{OpenID: openID}
	if _, err := e.client.Create(context.Background(), a); err != nil {
		t.Fatalf("Create: %v", err)
	}
	if tr, _ := e.fake.Trade(a.OutTradeNo); tr.OpenID != openID {
		t.Errorf("fake saw openid %q", tr.OpenID)
	}
	var _ payment.Provider = e.client // the lead wires it as a provider
}

func TestQueryNormalizesStates(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	ctx := context.Background()
	e.prepay(t, wechatpay.MethodNative, "PNOTPAY0001", 1999)
	e.paidTrade(t, "PPAID000001", 1999)
	e.prepay(t, wechatpay.MethodNative, "PCOUPON0001", 1000)
	if err := e.fake.MarkPaidWithCoupon("PCOUPON0001", 150); err != nil {
		t.Fatal(err)
	}
	e.prepay(t, wechatpay.MethodNative, "PCLOSED0001", 300)
	if err := e.client.Close(ctx, "PCLOSED0001"); err != nil {
		t.Fatalf("Close: %v", err)
	}
	e.paidTrade(t, "PREFUND0001", 800)
	if _, err := e.client.Refund(ctx, wechatpay.RefundRequest{OutTradeNo: "PREFUND0001", OutRefundNo: "R1", Amount: 100, Total: 800}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		no                string
		status            wechatpay.TradeStatus
		amount, payer     money.Fen
		wantTransactionID bool
	}{
		{"PNOTPAY0001", wechatpay.StatusPending, 1999, 0, false},
		{"PPAID000001", wechatpay.StatusPaid, 1999, 1999, true},
		{"PCOUPON0001", wechatpay.StatusPaid, 1000, 850, true},
		{"PCLOSED0001", wechatpay.StatusClosed, 300, 0, false},
		{"PREFUND0001", wechatpay.StatusRefunded, 800, 800, true},
	}
	for _, tt := range tests {
		t.Run(tt.no, func(t *testing.T) {
			tr, err := e.client.Query(ctx, tt.no)
			if err != nil {
				t.Fatalf("Query: %v", err)
			}
			if tr.Status != tt.status || tr.Amount != tt.amount || tr.PayerTotal != tt.payer ||
				(tr.TransactionID != "") != tt.wantTransactionID || tr.MchID != mchID || tr.AppID != appID {
				t.Errorf("Query = %+v", tr)
			}
			if tt.status == wechatpay.StatusPaid && (tr.SuccessTime.IsZero() || tr.PayerOpenID == "") {
				t.Errorf("paid trade lacks success time or payer: %+v", tr)
			}
		})
	}
	if _, err := e.client.Query(ctx, "PMISSING0001"); !errors.Is(err, wechatpay.ErrTradeNotExist) {
		t.Errorf("Query(missing) = %v, want ErrTradeNotExist", err)
	}
}

func TestClose(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	ctx := context.Background()
	e.prepay(t, wechatpay.MethodNative, "PCLOSE00001", 100)
	e.paidTrade(t, "PCLOSE00002", 100)
	tests := []struct {
		no   string
		want error
	}{
		{"PCLOSE00001", nil},
		{"PCLOSE00001", nil}, // closing twice is harmless
		{"PCLOSE00002", wechatpay.ErrTradePaid},
		{"PCLOSE00404", wechatpay.ErrTradeNotExist},
	}
	for _, tt := range tests {
		if err := e.client.Close(ctx, tt.no); !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
			t.Errorf("Close(%s) = %v, want %v", tt.no, err, tt.want)
		}
	}
	// A closed trade cannot be prepaid again under the same number.
	_, err := e.client.Prepay(ctx, wechatpay.PrepayRequest{Method: wechatpay.MethodNative, OutTradeNo: "PCLOSE00001", Description: "Order PCLOSE00001", Amount: 100})
	if !errors.Is(err, wechatpay.ErrTradeClosed) {
		t.Errorf("Prepay(closed) = %v, want ErrTradeClosed", err)
	}
}

func TestCredentialModes(t *testing.T) {
	t.Parallel()
	for _, m := range []mode{modePublicKey, modeCert, modeCombined} {
		t.Run(string(m), func(t *testing.T) {
			e := newEnv(t, m)
			e.paidTrade(t, "PMODE000001", 4321)
			tr, err := e.client.Query(context.Background(), "PMODE000001")
			if err != nil || tr.Amount != 4321 {
				t.Fatalf("Query = %+v, %v", tr, err)
			}
		})
	}
}

func TestResponseChecks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		arrange func(e *env)
		want    error
	}{
		{"tampered signature", func(e *env) { e.fake.CorruptNextSignature() }, wechatpay.ErrSignature},
		{"stale response timestamp", func(e *env) { e.fake.SkewResponseClock(-10 * time.Minute) }, nil},
		{"system error", func(e *env) { e.fake.FailNext(http.StatusInternalServerError, "SYSTEM_ERROR", "系统错误") }, wechatpay.ErrUnavailable},
		{"rate limited", func(e *env) { e.fake.FailNext(http.StatusTooManyRequests, "FREQUENCY_LIMITED", "频率超限") }, wechatpay.ErrRateLimited},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, modePublicKey)
			e.paidTrade(t, "PRESP000001", 100)
			tt.arrange(e)
			_, err := e.client.Query(context.Background(), "PRESP000001")
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("Query = %v, want %v", err, tt.want)
			}
		})
	}
}
