package alipay_test

import (
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/alipay/alipayfake"
	"fenxiao/internal/platform/money"
)

const (
	appID     = "2021004100000001"
	sellerID  = "2088621000000001"
	notifyURL = "https://shop.example.com/api/payments/alipay/notify"
	returnURL = "https://shop.example.com/pay/done"
)

// testKeys are generated once per test binary: RSA 2048 generation is slow.
type testKeys struct{ app, alipay *rsa.PrivateKey }

var keys = sync.OnceValue(func() testKeys {
	gen := func() *rsa.PrivateKey {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		return k
	}
	return testKeys{app: gen(), alipay: gen()}
})

type env struct {
	fake   *alipayfake.Server
	client *alipay.Client
	cfg    alipay.Config
	http   *http.Client
}

func newEnv(t testing.TB) *env {
	t.Helper()
	k := keys()
	fake := alipayfake.New(alipayfake.Config{AppID: appID, AppPublicKey: &k.app.PublicKey, AlipayKey: k.alipay, SellerID: sellerID})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	cfg := alipay.Config{AppID: appID, PrivateKey: alipayfake.PrivateKeyPEM(k.app), AlipayPublicKey: alipayfake.PublicKeyPEM(&k.alipay.PublicKey),
		Production: true, Gateway: srv.URL + "/gateway.do", NotifyURL: notifyURL, ReturnURL: returnURL, SellerID: sellerID}
	client, err := alipay.New(cfg, alipay.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &env{fake: fake, client: client, cfg: cfg, http: srv.Client()}
}

// openTrade signs a WAP payment URL and opens it, which is when Alipay
// learns of the trade.
func (e *env) openTrade(t testing.TB, no string, amount money.Fen) string {
	t.Helper()
	u, err := e.client.WapPayURL(alipay.PayRequest{OutTradeNo: no, Subject: "Order " + no, Amount: amount})
	if err != nil {
		t.Fatalf("WapPayURL: %v", err)
	}
	resp, err := e.http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("cashier answered %d for %s", resp.StatusCode, no)
	}
	return u
}

func (e *env) paidTrade(t testing.TB, no string, amount money.Fen) {
	t.Helper()
	e.openTrade(t, no, amount)
	if err := e.fake.MarkPaid(no); err != nil {
		t.Fatal(err)
	}
}
