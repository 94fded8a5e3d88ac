package wechatfake

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/url"
	"time"
)

// RewriteTransport sends every request to Target's scheme and host,
// keeping path and query: the SDK always dials api.mch.weixin.qq.com, and
// the merchant signature covers only path and query, so it stays valid.
type RewriteTransport struct {
	Target *url.URL
	Base   http.RoundTripper // nil: http.DefaultTransport
}

// RoundTrip implements http.RoundTripper.
func (t RewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r2 := r.Clone(r.Context())
	r2.URL.Scheme, r2.URL.Host, r2.Host = t.Target.Scheme, t.Target.Host, ""
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	return base.RoundTrip(r2)
}

// NewHTTPClient returns a client whose requests all go to serverURL (an
// httptest server running the fake).
func NewHTTPClient(serverURL string) *http.Client {
	u, err := url.Parse(serverURL)
	if err != nil {
		panic("wechatfake: bad server URL: " + err.Error())
	}
	return &http.Client{Transport: RewriteTransport{Target: u}, Timeout: 10 * time.Second}
}

// SelfSignedCert makes a platform certificate for key with the given serial,
// for certificate-mode tests.
func SelfSignedCert(key *rsa.PrivateKey, serial int64) (*x509.Certificate, error) {
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: "Tenpay.com Root CA (fake)"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}

// PrivateKeyPEM encodes key as PKCS#8, the form of apiclient_key.pem.
func PrivateKeyPEM(key *rsa.PrivateKey) string {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		panic("wechatfake: marshal key: " + err.Error())
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// PublicKeyPEM encodes pub as PKIX, the form of WeChat's pub_key.pem.
func PublicKeyPEM(pub *rsa.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		panic("wechatfake: marshal public key: " + err.Error())
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// CertPEM encodes a certificate.
func CertPEM(c *x509.Certificate) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
}
