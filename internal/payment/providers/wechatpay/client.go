// Package wechatpay adapts WeChat Pay API v3 (github.com/wechatpay-apiv3/wechatpay-go)
// to Fenxiao: it starts payments (JSAPI, H5, Native), queries, closes and
// refunds them, verifies and decrypts notifications, pays users through the
// merchant-transfer API and downloads the daily trade bill. Amounts are fen,
// as WeChat Pay itself counts them.
//
// The SDK has no base-URL option: it always calls api.mch.weixin.qq.com.
// Tests inject an *http.Client whose transport rewrites scheme and host to a
// local fake gateway (see wechatfake); the merchant signature covers only the
// path and query, so it stays valid.
package wechatpay

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/wechatpay-apiv3/wechatpay-go/core"
	"github.com/wechatpay-apiv3/wechatpay-go/core/auth/signers"
	"github.com/wechatpay-apiv3/wechatpay-go/core/auth/validators"
	"github.com/wechatpay-apiv3/wechatpay-go/core/cipher/decryptors"
	"github.com/wechatpay-apiv3/wechatpay-go/core/notify"
	"github.com/wechatpay-apiv3/wechatpay-go/core/option"
	"github.com/wechatpay-apiv3/wechatpay-go/services/payments/h5"
	"github.com/wechatpay-apiv3/wechatpay-go/services/payments/jsapi"
	"github.com/wechatpay-apiv3/wechatpay-go/services/payments/native"
	"github.com/wechatpay-apiv3/wechatpay-go/services/refunddomestic"
)

// Config holds one merchant's credentials. WeChat Pay verifies responses and
// notifications either with the WeChat Pay public key (merchants onboarded
// since 2024), with platform certificates (older merchants), or with both
// during the switch-over ("combined mode"): set PublicKeyID/PublicKeyPEM,
// PlatformCertsPEM, or both.
type Config struct {
	MchID string
	AppID string
	// MchCertSerial and MchPrivateKeyPEM are the merchant API certificate's
	// serial number and private key (apiclient_key.pem, PKCS#8 or PKCS#1).
	MchCertSerial    string
	MchPrivateKeyPEM string
	// APIv3Key decrypts notifications; WeChat Pay requires 32 bytes.
	APIv3Key string
	// PublicKeyID ("PUB_KEY_ID_...") and PublicKeyPEM (pub_key.pem).
	PublicKeyID  string
	PublicKeyPEM string
	// PlatformCertsPEM are platform certificates (wechatpay_*.pem).
	PlatformCertsPEM []string

	NotifyURL         string // payment notifications (required)
	RefundNotifyURL   string // refund notifications; empty uses the merchant default
	TransferNotifyURL string // merchant-transfer notifications
	// TransferSceneID is the transfer scene registered with WeChat Pay,
	// for example "1005" (佣金报酬) for commissions.
	TransferSceneID string
}

// Option adjusts how a Client talks to WeChat Pay.
type Option func(*settings)

type settings struct{ httpClient *http.Client }

// WithHTTPClient makes the client use hc (timeouts, proxies, or in tests a
// transport that points at a fake gateway).
func WithHTTPClient(hc *http.Client) Option {
	return func(s *settings) { s.httpClient = hc }
}

// Client talks to WeChat Pay for one merchant. It is safe for concurrent use.
type Client struct {
	cfg       Config
	core      *core.Client
	jsapi     jsapi.JsapiApiService
	h5        h5.H5ApiService
	native    native.NativeApiService
	refunds   refunddomestic.RefundsApiService
	notify    *notify.Handler
	validator *validators.WechatPayNotifyValidator
}

// New builds a Client. It makes no network calls. Errors name the bad
// setting but never echo key material.
func New(ctx context.Context, cfg Config, opts ...Option) (*Client, error) {
	var s settings
	for _, o := range opts {
		o(&s)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	mchKey, err := parsePrivateKey(cfg.MchPrivateKeyPEM)
	if err != nil {
		return nil, fmt.Errorf("wechatpay: merchant private key: %w", err)
	}
	verifier, encryptor, err := cfg.keyMaterial()
	if err != nil {
		return nil, err
	}
	verifier = signatureVerifier{verifier}
	clientOpts := []core.ClientOption{
		option.WithSigner(&signers.SHA256WithRSASigner{MchID: cfg.MchID, CertificateSerialNo: cfg.MchCertSerial, PrivateKey: mchKey}),
		option.WithVerifier(verifier),
		// Without a cipher the SDK would send EM_APIV3 fields in plain text.
		option.WithWechatPayCipher(encryptor, decryptors.NewWechatPayDecryptor(mchKey)),
	}
	if s.httpClient != nil {
		clientOpts = append(clientOpts, option.WithHTTPClient(s.httpClient))
	}
	cc, err := core.NewClient(ctx, clientOpts...)
	if err != nil {
		return nil, fmt.Errorf("wechatpay: build client: %w", err)
	}
	handler, err := notify.NewRSANotifyHandler(cfg.APIv3Key, verifier)
	if err != nil {
		return nil, fmt.Errorf("wechatpay: notify handler: %w", err)
	}
	return &Client{
		cfg: cfg, core: cc,
		jsapi: jsapi.JsapiApiService{Client: cc}, h5: h5.H5ApiService{Client: cc},
		native: native.NativeApiService{Client: cc}, refunds: refunddomestic.RefundsApiService{Client: cc},
		notify: handler, validator: validators.NewWechatPayNotifyValidator(verifier),
	}, nil
}

func (cfg Config) validate() error {
	var missing []string
	for _, f := range []struct{ name, value string }{
		{"MchID", cfg.MchID}, {"AppID", cfg.AppID}, {"MchCertSerial", cfg.MchCertSerial},
		{"MchPrivateKeyPEM", cfg.MchPrivateKeyPEM}, {"APIv3Key", cfg.APIv3Key}, {"NotifyURL", cfg.NotifyURL},
	} {
		if strings.TrimSpace(f.value) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("wechatpay: missing settings: %s", strings.Join(missing, ", "))
	}
	if len(cfg.APIv3Key) != 32 {
		return errors.New("wechatpay: APIv3Key must be exactly 32 bytes")
	}
	if (cfg.PublicKeyID == "") != (cfg.PublicKeyPEM == "") {
		return errors.New("wechatpay: PublicKeyID and PublicKeyPEM go together")
	}
	if cfg.PublicKeyID == "" && len(cfg.PlatformCertsPEM) == 0 {
		return errors.New("wechatpay: set the WeChat Pay public key, platform certificates, or both")
	}
	return nil
}
