package wechatpay

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/wechatpay-apiv3/wechatpay-go/core"
	"github.com/wechatpay-apiv3/wechatpay-go/core/auth"
	"github.com/wechatpay-apiv3/wechatpay-go/core/auth/verifiers"
	"github.com/wechatpay-apiv3/wechatpay-go/core/cipher"
	"github.com/wechatpay-apiv3/wechatpay-go/core/cipher/encryptors"
)

// keyMaterial picks the verifier and the encryptor for sensitive fields. In
// combined mode the public key encrypts: it is what WeChat Pay moves
// merchants to, and the request's Wechatpay-Serial names it.
func (cfg Config) keyMaterial() (auth.Verifier, cipher.Encryptor, error) {
	var pub *rsa.PublicKey
	if cfg.PublicKeyID != "" {
		p, err := parsePublicKey(cfg.PublicKeyPEM)
		if err != nil {
			return nil, nil, fmt.Errorf("wechatpay: WeChat Pay public key: %w", err)
		}
		pub = p
	}
	var certs []*x509.Certificate
	for i, s := range cfg.PlatformCertsPEM {
		c, err := parseCertificate(s)
		if err != nil {
			return nil, nil, fmt.Errorf("wechatpay: platform certificate %d: %w", i+1, err)
		}
		certs = append(certs, c)
	}
	certMap := core.NewCertificateMapWithList(certs)
	switch {
	case pub != nil && len(certs) > 0:
		return verifiers.NewSHA256WithRSACombinedVerifier(certMap, cfg.PublicKeyID, *pub),
			encryptors.NewWechatPayPubKeyEncryptor(cfg.PublicKeyID, *pub), nil
	case pub != nil:
		return verifiers.NewSHA256WithRSAPubkeyVerifier(cfg.PublicKeyID, *pub),
			encryptors.NewWechatPayPubKeyEncryptor(cfg.PublicKeyID, *pub), nil
	default:
		return verifiers.NewSHA256WithRSAVerifier(certMap), encryptors.NewWechatPayEncryptor(certMap), nil
	}
}

// signatureVerifier tags verification failures with ErrSignature; the SDK's
// validator wraps verifier errors with %w, so callers can errors.Is them.
type signatureVerifier struct{ auth.Verifier }

func (v signatureVerifier) Verify(ctx context.Context, serial, message, signature string) error {
	if err := v.Verifier.Verify(ctx, serial, message, signature); err != nil {
		return ErrSignature
	}
	return nil
}

func parsePrivateKey(s string) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode([]byte(s))
	if block == nil {
		return nil, errors.New("not PEM")
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, errors.New("neither PKCS#1 nor PKCS#8")
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("not an RSA key")
	}
	return rk, nil
}

func parsePublicKey(s string) (*rsa.PublicKey, error) {
	block, _ := pem.Decode([]byte(s))
	if block == nil {
		return nil, errors.New("not PEM")
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, errors.New("not a PKIX public key")
	}
	rk, ok := k.(*rsa.PublicKey)
	if !ok {
		return nil, errors.New("not an RSA key")
	}
	return rk, nil
}

func parseCertificate(s string) (*x509.Certificate, error) {
	block, _ := pem.Decode([]byte(s))
	if block == nil {
		return nil, errors.New("not PEM")
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, errors.New("not an X.509 certificate")
	}
	return c, nil
}
