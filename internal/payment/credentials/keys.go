package credentials

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"

	"fenxiao/internal/platform/apperr"
)

// The adapters check that each key parses; these checks add what they
// cannot know: that a certificate the admin sends belongs to the private
// key beside it. A mismatch would only show as a signature failure at the
// first payment.

// checkMerchantCert: the merchant API certificate must carry the private
// key's public half and the serial the requests are signed under.
func checkMerchantCert(certPEM string, w WeChatPay) error {
	cert, err := parseCert(certPEM)
	if err != nil {
		return apperr.InvalidField("merchant_cert", err.Error())
	}
	if serial := fmt.Sprintf("%X", cert.SerialNumber.Bytes()); serial != w.CertSerial {
		return apperr.InvalidField("cert_serial", "does not match the serial number of merchant_cert ("+serial+")")
	}
	return keyMatches(cert, w.PrivateKey, "private_key", "does not belong to merchant_cert (the merchant API certificate)")
}

// checkAppCert: in certificate mode, Alipay verifies our signatures with
// the app certificate's public key.
func checkAppCert(a Alipay) error {
	cert, err := parseCert(a.AppCert)
	if err != nil {
		return apperr.InvalidField("app_cert", err.Error())
	}
	return keyMatches(cert, a.PrivateKey, "private_key", "does not belong to app_cert (the app's public key certificate)")
}

func keyMatches(cert *x509.Certificate, privateKey, field, msg string) error {
	key, err := parsePrivateKey(privateKey)
	if err != nil {
		return apperr.InvalidField(field, err.Error())
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok || !key.PublicKey.Equal(pub) {
		return apperr.InvalidField(field, msg)
	}
	return nil
}

// checkRootCerts: the SDK takes any text as Alipay's root certificate
// bundle and silently sends an empty root serial, which Alipay refuses;
// it counts only RSA-signed certificates, so at least one must be there.
func checkRootCerts(bundle string) error {
	rest := []byte(bundle)
	for {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			return apperr.InvalidField("alipay_root_cert", "holds no RSA-signed certificate (use alipayRootCert.crt as downloaded)")
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err == nil && (c.SignatureAlgorithm == x509.SHA256WithRSA || c.SignatureAlgorithm == x509.SHA1WithRSA) {
			return nil
		}
	}
}

// certSerial is a certificate's serial number as WeChat Pay writes it.
func certSerial(certPEM string) (string, error) {
	cert, err := parseCert(certPEM)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%X", cert.SerialNumber.Bytes()), nil
}

func parseCert(s string) (*x509.Certificate, error) {
	block, _ := pem.Decode([]byte(s))
	if block == nil {
		return nil, errors.New("is not a PEM certificate")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, errors.New("is not an X.509 certificate")
	}
	return cert, nil
}

// parsePrivateKey reads an RSA private key as PEM or, as Alipay's key
// tool prints it, bare base64; PKCS#1 or PKCS#8.
func parsePrivateKey(s string) (*rsa.PrivateKey, error) {
	var der []byte
	if block, _ := pem.Decode([]byte(s)); block != nil {
		der = block.Bytes
	} else if b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), "")); err == nil {
		der = b
	} else {
		return nil, errors.New("is neither PEM nor base64")
	}
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, errors.New("is neither a PKCS#1 nor a PKCS#8 private key")
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("is not an RSA private key")
	}
	return rk, nil
}
