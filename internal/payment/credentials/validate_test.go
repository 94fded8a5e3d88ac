package credentials_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"

	"fenxiao/internal/payment/credentials"
	"fenxiao/internal/payment/providers/alipay/alipayfake"
	"fenxiao/internal/payment/providers/wechatpay/wechatfake"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/testkit"
)

// Every refusal names the field at fault, and leaves the stored
// credentials exactly as they were.
func TestInvalidCredentialsNameTheFieldAndStoreNothing(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a, env, by, password := storedOnlyApp(t, dbURL)
		svc, ctx := a.PaymentCredentials, testkit.Ctx()
		saveBoth(t, a, env, by, password)
		wxBefore, aliBefore := storedRow(t, a, "wechatpay"), storedRow(t, a, "alipay")

		merchantKey := parseKey(t, env.WeChatPay.PrivateKey)
		appKey := parseKey(t, env.Alipay.PrivateKey)
		other, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		merchantCert := makeCert(t, 0x5A5A, &merchantKey.PublicKey, other)
		otherCert := makeCert(t, 0x5A5B, &other.PublicKey, other)

		wx := []struct {
			name, field string
			edit        func(*credentials.WeChatPayInput)
		}{
			{"private key not PEM", "private_key", func(in *credentials.WeChatPayInput) { in.PrivateKey = "-----BEGIN PRIVATE KEY-----\nnot a key" }},
			{"private key is a public key", "private_key", func(in *credentials.WeChatPayInput) { in.PrivateKey = env.WeChatPay.PublicKey }},
			{"31-byte APIv3 key", "apiv3_key", func(in *credentials.WeChatPayInput) { in.APIv3Key = strings.Repeat("k", 31) }},
			{"public key not a key", "public_key", func(in *credentials.WeChatPayInput) { in.PublicKey = wechatfake.CertPEM(otherCert)[:60] }},
			{"public key without id", "public_key_id", func(in *credentials.WeChatPayInput) { in.PublicKeyID = "" }},
			{"no way to verify", "public_key", func(in *credentials.WeChatPayInput) { in.PublicKeyID, in.PublicKey = "", "" }},
			{"platform certificate garbage", "platform_certs", func(in *credentials.WeChatPayInput) {
				in.PlatformCerts = []string{"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"}
			}},
			{"merchant id missing", "mch_id", func(in *credentials.WeChatPayInput) { in.MchID = "" }},
			{"serial not hex", "cert_serial", func(in *credentials.WeChatPayInput) { in.CertSerial = "serial-1" }},
			{"merchant cert of another key", "private_key", func(in *credentials.WeChatPayInput) {
				in.MerchantCert, in.CertSerial = wechatfake.CertPEM(otherCert), ""
			}},
			{"serial not the merchant cert's", "cert_serial", func(in *credentials.WeChatPayInput) { in.MerchantCert = wechatfake.CertPEM(merchantCert) }},
		}
		for _, tt := range wx {
			in := wechatInput(env, password)
			tt.edit(&in)
			_, err := svc.SaveWeChatPay(ctx, by, in)
			assertField(t, "WeChat Pay: "+tt.name, err, tt.field)
		}

		ali := []struct {
			name, field string
			edit        func(*credentials.AlipayInput)
		}{
			{"private key garbage", "private_key", func(in *credentials.AlipayInput) { in.PrivateKey = "bm90IGEga2V5" }},
			{"public key garbage", "public_key", func(in *credentials.AlipayInput) {
				in.PublicKey = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"
			}},
			{"public key missing", "public_key", func(in *credentials.AlipayInput) { in.PublicKey = "" }},
			{"both modes", "public_key", func(in *credentials.AlipayInput) {
				in.AppCert, in.AlipayRootCert, in.AlipayCert = wechatfake.CertPEM(otherCert), wechatfake.CertPEM(otherCert), wechatfake.CertPEM(otherCert)
			}},
			{"half certificate mode", "alipay_cert", func(in *credentials.AlipayInput) {
				in.PublicKey, in.AppCert, in.AlipayRootCert = "", wechatfake.CertPEM(otherCert), wechatfake.CertPEM(otherCert)
			}},
			{"app cert garbage", "app_cert", func(in *credentials.AlipayInput) {
				in.PublicKey, in.AppCert, in.AlipayRootCert, in.AlipayCert = "", "garbage", wechatfake.CertPEM(otherCert), wechatfake.CertPEM(otherCert)
			}},
			{"root cert garbage", "alipay_root_cert", func(in *credentials.AlipayInput) {
				in.PublicKey, in.AppCert, in.AlipayRootCert, in.AlipayCert = "", wechatfake.CertPEM(otherCert), "garbage", wechatfake.CertPEM(otherCert)
			}},
			{"alipay cert garbage", "alipay_cert", func(in *credentials.AlipayInput) {
				in.PublicKey, in.AppCert, in.AlipayRootCert, in.AlipayCert = "", wechatfake.CertPEM(otherCert), wechatfake.CertPEM(otherCert), "garbage"
			}},
			{"app cert of another key", "private_key", func(in *credentials.AlipayInput) {
				in.PublicKey, in.AppCert, in.AlipayRootCert, in.AlipayCert = "", wechatfake.CertPEM(otherCert), wechatfake.CertPEM(otherCert), wechatfake.CertPEM(otherCert)
			}},
		}
		for _, tt := range ali {
			in := alipayInput(env, password)
			tt.edit(&in)
			_, err := svc.SaveAlipay(ctx, by, in)
			assertField(t, "Alipay: "+tt.name, err, tt.field)
		}
		if storedRow(t, a, "wechatpay") != wxBefore || storedRow(t, a, "alipay") != aliBefore {
			t.Fatal("a refused save changed the stored credentials")
		}

		// The right certificates pass: the merchant certificate fills the
		// serial, the app certificate belongs to the app key.
		in := wechatInput(env, password)
		in.MerchantCert, in.CertSerial = wechatfake.CertPEM(merchantCert), ""
		view, err := svc.SaveWeChatPay(ctx, by, in)
		if err != nil || view.WeChatPay.CertSerial != "5A5A" {
			t.Fatalf("save with the merchant certificate: %+v, %v", view, err)
		}
		root := makeCert(t, 0x7001, &other.PublicKey, other)
		ain := alipayInput(env, password)
		ain.PrivateKey = base64Body(env.Alipay.PrivateKey) // Alipay's key tool prints bare base64
		ain.PublicKey, ain.AppCert, ain.AlipayRootCert, ain.AlipayCert = "", wechatfake.CertPEM(makeCert(t, 0x7002, &appKey.PublicKey, other)),
			wechatfake.CertPEM(root), wechatfake.CertPEM(otherCert)
		if view, err = svc.SaveAlipay(ctx, by, ain); err != nil || !view.Alipay.AppCert.Set || view.Alipay.PublicKey.Set {
			t.Fatalf("save in certificate mode: %+v, %v", view, err)
		}
	})
}

func assertField(t *testing.T, what string, err error, field string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.CodeInvalid || e.Fields[field] == "" {
		t.Errorf("%s: %v, want invalid on %s", what, err, field)
		return
	}
	if e.Reason != "" || strings.Contains(e.Error(), "PRIVATE KEY") {
		t.Errorf("%s: error %v echoes input", what, err)
	}
}

func parseKey(t *testing.T, pemText string) *rsa.PrivateKey {
	t.Helper()
	block, _ := pem.Decode([]byte(pemText))
	if block == nil {
		t.Fatal("not PEM")
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k.(*rsa.PrivateKey)
}

func base64Body(pemText string) string {
	lines := strings.Split(strings.TrimSpace(pemText), "\n")
	return strings.Join(lines[1:len(lines)-1], "")
}

// makeCert is a certificate for pub signed by signer (issuer = subject).
func makeCert(t *testing.T, serial int64, pub *rsa.PublicKey, signer *rsa.PrivateKey) *x509.Certificate {
	t.Helper()
	c, err := alipayfake.IssueCert("fake", serial, pub, nil, signer)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
