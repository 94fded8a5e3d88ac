package alipayfake

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"time"
)

// IssueCert makes a certificate of pub named cn, valid from an hour ago for
// a day, for certificate-mode tests (Alipay's root, the app's and Alipay's
// own certificates): signed by signer under parent, or self-signed as a
// CA when parent is nil.
func IssueCert(cn string, serial int64, pub *rsa.PublicKey, parent *x509.Certificate, signer *rsa.PrivateKey) (*x509.Certificate, error) {
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn, Organization: []string{"fake"}},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour), IsCA: parent == nil, BasicConstraintsValid: true}
	if parent == nil {
		parent = tmpl
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, signer)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}
