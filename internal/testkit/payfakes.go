package testkit

import (
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"fenxiao/internal/payment/providers/alipay/alipayfake"
	"fenxiao/internal/payment/providers/wechatpay/wechatfake"
	"fenxiao/internal/platform/config"
)

// Merchant identities the payment fakes and the app agree on.
const (
	FakeWeChatMchID  = "1900000109"
	FakeWeChatAppID  = "wxd678efh567hg6787"
	FakeWeChatSerial = "3775B6A45ACD588826D15E583A95F5DD3A1B3C1A"
	FakeAPIv3Key     = "abcdefghijklmnopqrstuvwxyz012345"
	FakePublicKeyID  = "PUB_KEY_ID_0119000001092025010100000000000001"
	FakeAlipayAppID  = "2021004100000001"
)

// payKeys are generated once per test binary: RSA 2048 generation is slow.
var payKeys = sync.OnceValue(func() (k struct{ merchant, wechat, app, alipay *rsa.PrivateKey }) {
	for _, p := range []**rsa.PrivateKey{&k.merchant, &k.wechat, &k.app, &k.alipay} {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		*p = key
	}
	return k
})

// PayFakes are local fake WeChat Pay and Alipay gateways behind one test
// server (WeChat's /v3/ paths, Alipay's gateway and cashier), speaking
// the real protocols with keys generated here.
type PayFakes struct {
	WeChat *wechatfake.Server
	Alipay *alipayfake.Server
	URL    string
}

// NewPayFakes starts the fakes and returns the app option that configures
// both providers against them (and turns the sandbox off).
func NewPayFakes(t testing.TB) (*PayFakes, Option) {
	t.Helper()
	k := payKeys()
	f := &PayFakes{
		WeChat: wechatfake.New(wechatfake.Config{MchID: FakeWeChatMchID, AppID: FakeWeChatAppID, MerchantSerial: FakeWeChatSerial,
			MerchantKey: &k.merchant.PublicKey, APIv3Key: FakeAPIv3Key, PublicKeyID: FakePublicKeyID, PublicKey: k.wechat}),
		Alipay: alipayfake.New(alipayfake.Config{AppID: FakeAlipayAppID, AppPublicKey: &k.app.PublicKey, AlipayKey: k.alipay}),
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v3/") {
			f.WeChat.ServeHTTP(w, r)
			return
		}
		f.Alipay.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	f.URL = srv.URL
	opt := func(c *config.Config) {
		c.SandboxPayments = false
		c.BaseURL = "https://shop.test" // WeChat Pay takes https notify URLs only
		c.WeChat.AppID = FakeWeChatAppID
		c.WeChatPay = config.WeChatPay{MchID: FakeWeChatMchID, CertSerial: FakeWeChatSerial, PrivateKey: wechatfake.PrivateKeyPEM(k.merchant),
			APIv3Key: FakeAPIv3Key, PublicKeyID: FakePublicKeyID, PublicKey: wechatfake.PublicKeyPEM(&k.wechat.PublicKey)}
		c.Alipay = config.Alipay{AppID: FakeAlipayAppID, PrivateKey: alipayfake.PrivateKeyPEM(k.app),
			PublicKey: alipayfake.PublicKeyPEM(&k.alipay.PublicKey), Gateway: srv.URL + "/gateway.do"}
		// Every provider call lands on the fakes, whatever host it names.
		c.PaymentHTTPClient = wechatfake.NewHTTPClient(srv.URL)
	}
	return f, opt
}
