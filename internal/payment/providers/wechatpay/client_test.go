package wechatpay_test

import (
	"context"
	"strings"
	"testing"

	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/payment/providers/wechatpay/wechatfake"
)

func TestNewValidatesConfig(t *testing.T) {
	t.Parallel()
	k := keys()
	good := wechatpay.Config{MchID: mchID, AppID: appID, MchCertSerial: mchSerial, MchPrivateKeyPEM: wechatfake.PrivateKeyPEM(k.merchant),
		APIv3Key: apiV3Key, NotifyURL: notifyURL, PublicKeyID: pubKeyID, PublicKeyPEM: wechatfake.PublicKeyPEM(&k.wechatPub.PublicKey)}
	tests := []struct {
		name    string
		edit    func(c *wechatpay.Config)
		wantErr string
	}{
		{"public-key mode", func(*wechatpay.Config) {}, ""},
		{"certificate mode", func(c *wechatpay.Config) {
			c.PublicKeyID, c.PublicKeyPEM, c.PlatformCertsPEM = "", "", []string{wechatfake.CertPEM(k.cert)}
		}, ""},
		{"missing fields", func(c *wechatpay.Config) { c.MchID, c.NotifyURL = "", "" }, "MchID, NotifyURL"},
		{"short APIv3 key", func(c *wechatpay.Config) { c.APIv3Key = "short" }, "32 bytes"},
		{"no verification key", func(c *wechatpay.Config) { c.PublicKeyID, c.PublicKeyPEM = "", "" }, "public key"},
		{"key id without key", func(c *wechatpay.Config) { c.PublicKeyPEM = "" }, "go together"},
		{"garbage private key", func(c *wechatpay.Config) {
			c.MchPrivateKeyPEM = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
		}, "merchant private key"},
		{"certificate as public key", func(c *wechatpay.Config) { c.PublicKeyPEM = wechatfake.CertPEM(k.cert) }, "public key"},
		{"broken certificate", func(c *wechatpay.Config) { c.PlatformCertsPEM = []string{"nope"} }, "platform certificate 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good
			tt.edit(&cfg)
			_, err := wechatpay.New(context.Background(), cfg)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("New: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("New = %v, want error containing %q", err, tt.wantErr)
			case err != nil && strings.Contains(err.Error(), "MII"):
				t.Errorf("error echoes key material: %v", err)
			}
		})
	}
}
