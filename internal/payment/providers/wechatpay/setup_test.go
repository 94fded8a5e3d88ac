package wechatpay_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"net/http/httptest"
	"sync"
	"testing"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/payment/providers/wechatpay/wechatfake"
	"fenxiao/internal/platform/money"
)

const (
	mchID     = "1900000109"
	appID     = "wxd678efh567hg6787"
	mchSerial = "3775B6A45ACD588826D15E583A95F5DD3A1B3C1A"
	apiV3Key  = "abcdefghijklmnopqrstuvwxyz012345"
	pubKeyID  = "PUB_KEY_ID_0119000001092025010100000000000001"
	notifyURL = "https://shop.example.com/api/payments/wechat/notify"
	openID    = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"
)

// testKeys are generated once per test binary: RSA 2048 generation is slow.
type testKeys struct {
	merchant, wechatPub, platform *rsa.PrivateKey
	cert                          *x509.Certificate
}

var keys = sync.OnceValue(func() testKeys {
	gen := func() *rsa.PrivateKey {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		return k
	}
	k := testKeys{merchant: gen(), wechatPub: gen(), platform: gen()}
	cert, err := wechatfake.SelfSignedCert(k.platform, 0x5157F09EFDC096DE)
	if err != nil {
		panic(err)
	}
	k.cert = cert
	return k
})

// mode selects how the client verifies WeChat: public key, platform
// certificates, or both (switch-over).
type mode string

const (
	modePublicKey mode = "public key"
	modeCert      mode = "platform certificate"
	modeCombined  mode = "combined"
)

type env struct {
	fake   *wechatfake.Server
	client *wechatpay.Client
	cfg    wechatpay.Config
	url    string
}

func newEnv(t testing.TB, m mode) *env {
	t.Helper()
	k := keys()
	fcfg := wechatfake.Config{MchID: mchID, AppID: appID, MerchantSerial: mchSerial, MerchantKey: &k.merchant.PublicKey, APIv3Key: apiV3Key}
	cfg := wechatpay.Config{MchID: mchID, AppID: appID, MchCertSerial: mchSerial, MchPrivateKeyPEM: wechatfake.PrivateKeyPEM(k.merchant),
		APIv3Key: apiV3Key, NotifyURL: notifyURL, RefundNotifyURL: notifyURL, TransferNotifyURL: notifyURL, TransferSceneID: "1005"}
	if m != modeCert {
		fcfg.PublicKeyID, fcfg.PublicKey = pubKeyID, k.wechatPub
		cfg.PublicKeyID, cfg.PublicKeyPEM = pubKeyID, wechatfake.PublicKeyPEM(&k.wechatPub.PublicKey)
	}
	if m != modePublicKey {
		fcfg.PlatformCert, fcfg.PlatformKey = k.cert, k.platform
		cfg.PlatformCertsPEM = []string{wechatfake.CertPEM(k.cert)}
	}
	fake := wechatfake.New(fcfg)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	client, err := wechatpay.New(context.Background(), cfg, wechatpay.WithHTTPClient(wechatfake.NewHTTPClient(srv.URL)))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &env{fake: fake, client: client, cfg: cfg, url: srv.URL}
}

// paidTrade creates a Native trade of amount fen and marks it paid.
func (e *env) paidTrade(t testing.TB, no string, amount money.Fen) {
	t.Helper()
	e.prepay(t, wechatpay.MethodNative, no, amount)
	if err := e.fake.MarkPaid(no); err != nil {
		t.Fatal(err)
	}
}

func (e *env) prepay(t testing.TB, method, no string, amount money.Fen) payment.Payload {
	t.Helper()
	p, err := e.client.Prepay(context.Background(), wechatpay.PrepayRequest{Method: method, OutTradeNo: no,
		Description: "Order " + no, Amount: amount, OpenID: openID, PayerIP: "203.0.113.7"})
	if err != nil {
		t.Fatalf("Prepay(%s, %s): %v", method, no, err)
	}
	return p
}
