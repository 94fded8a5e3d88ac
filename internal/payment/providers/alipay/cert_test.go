package alipay_test

import (
	"context"
	"crypto/md5"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"net/http/httptest"
	"testing"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/alipay/alipayfake"
)

// TestCertificateMode runs the client in certificate mode: requests carry
// app_cert_sn and alipay_root_cert_sn, responses carry alipay_cert_sn, and
// the SDK verifies with the key from Alipay's public-key certificate.
func TestCertificateMode(t *testing.T) {
	t.Parallel()
	k := keys()
	root := makeCert(t, "Ant Financial Certification Authority Class 1 (fake)", 1, &k.app.PublicKey, nil, k.app)
	appCert := makeCert(t, "fenxiao app", 2, &k.app.PublicKey, root, k.app)
	alipayCert := makeCert(t, "支付宝(中国)网络技术有限公司 (fake)", 3, &k.alipay.PublicKey, root, k.app)
	sn := md5.Sum([]byte(alipayCert.Issuer.String() + alipayCert.SerialNumber.String())) // how Alipay numbers certificates

	fake := alipayfake.New(alipayfake.Config{AppID: appID, AppPublicKey: &k.app.PublicKey, AlipayKey: k.alipay, SellerID: sellerID,
		AlipayCertSN: hex.EncodeToString(sn[:])})
	srv := httptest.NewServer(fake)
	defer srv.Close()
	cfg := alipay.Config{AppID: appID, PrivateKey: alipayfake.PrivateKeyPEM(k.app), AppCertPEM: certPEM(appCert),
		AlipayRootCertPEM: certPEM(root), AlipayCertPEM: certPEM(alipayCert), Production: true,
		Gateway: srv.URL + "/gateway.do", NotifyURL: notifyURL}
	c, err := alipay.New(cfg, alipay.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	e := &env{fake: fake, client: c, cfg: cfg, http: srv.Client()}
	e.paidTrade(t, "PCERT000001", 2500)
	tr, err := c.TradeQuery(context.Background(), "PCERT000001")
	if err != nil || tr.Amount != 2500 || tr.Status != alipay.StatusPaid {
		t.Fatalf("TradeQuery = %+v, %v", tr, err)
	}
	v, err := fake.PaymentNotification("PCERT000001")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := c.DecodeNotification(context.Background(), v); err != nil || n.Amount != 2500 {
		t.Errorf("DecodeNotification = %+v, %v", n, err)
	}
	fake.CorruptNextSignature()
	if _, err := c.TradeQuery(context.Background(), "PCERT000001"); !errors.Is(err, alipay.ErrSignature) {
		t.Errorf("tampered response: %v, want ErrSignature", err)
	}
}

func makeCert(t *testing.T, cn string, serial int64, pub *rsa.PublicKey, parent *x509.Certificate, signer *rsa.PrivateKey) *x509.Certificate {
	t.Helper()
	c, err := alipayfake.IssueCert(cn, serial, pub, parent, signer)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func certPEM(c *x509.Certificate) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
}
