// Package alipay adapts Alipay's open platform (github.com/smartwalle/alipay/v3)
// to Fenxiao: WAP and PC payment URLs, trade query/close, refunds, transfers
// to Alipay accounts, notification verification and the daily bill.
//
// Alipay counts money in yuan strings ("19.99"); Fenxiao in fen. The one
// conversion is FenToYuan / YuanToFen. Business failures (ACQ.TRADE_NOT_EXIST
// and friends) come back from the SDK with a nil error: every call here
// checks the response code and turns failures into *Error values that match
// this package's sentinel errors.
package alipay

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	sdk "github.com/smartwalle/alipay/v3"

	"fenxiao/internal/platform/cst"
)

// Config holds one Alipay app's credentials. Use public-key mode
// (AlipayPublicKey) or certificate mode (AppCertPEM, AlipayRootCertPEM,
// AlipayCertPEM), as configured in the Alipay open platform.
type Config struct {
	AppID string
	// PrivateKey is the app private key: PEM (PKCS#1 or PKCS#8) or the bare
	// base64 Alipay's key tool prints.
	PrivateKey string
	// AlipayPublicKey is Alipay's public key (PEM or bare base64).
	AlipayPublicKey string
	// Certificate mode: the app's public-key certificate, Alipay's root
	// certificate bundle and Alipay's public-key certificate.
	AppCertPEM        string
	AlipayRootCertPEM string
	AlipayCertPEM     string

	// Production selects the production gateway; false uses the sandbox.
	Production bool
	// Gateway overrides the gateway URL of the selected environment (tests).
	Gateway string

	NotifyURL string // asynchronous notifications (required)
	ReturnURL string // where the browser returns after paying
	QuitURL   string // WAP: where "cancel" on the cashier leads
	// SellerID, when set, is the seller id (2088...) notifications must name.
	SellerID string
}

// The SDK's default client has no timeout; a stuck gateway must not hang a checkout.
const defaultTimeout = 15 * time.Second

// beijing is Alipay's time zone: request timestamps, gmt_* fields and bill
// days are all Beijing time, whatever the server's zone.
var beijing = cst.Zone

// Option adjusts how a Client talks to Alipay.
type Option func(*settings)

type settings struct{ httpClient *http.Client }

// WithHTTPClient makes the client use hc (timeouts, proxies, tests).
func WithHTTPClient(hc *http.Client) Option { return func(s *settings) { s.httpClient = hc } }

// Client talks to Alipay for one app. It is safe for concurrent use.
type Client struct {
	cfg      Config
	sdk      *sdk.Client
	http     *http.Client
	certMode bool
}

// New builds a Client; it makes no network calls. Errors name the bad
// setting but never echo key material.
func New(cfg Config, opts ...Option) (*Client, error) {
	s := settings{httpClient: &http.Client{Timeout: defaultTimeout}}
	for _, o := range opts {
		o(&s)
	}
	certMode := cfg.AppCertPEM != "" || cfg.AlipayRootCertPEM != "" || cfg.AlipayCertPEM != ""
	if err := cfg.validate(certMode); err != nil {
		return nil, err
	}
	sdkOpts := []sdk.OptionFunc{sdk.WithHTTPClient(s.httpClient), sdk.WithTimeLocation(beijing)}
	if cfg.Gateway != "" {
		// Each option applies only to its own environment, so both are safe.
		sdkOpts = append(sdkOpts, sdk.WithSandboxGateway(cfg.Gateway), sdk.WithProductionGateway(cfg.Gateway))
	}
	c, err := sdk.New(cfg.AppID, cfg.PrivateKey, cfg.Production, sdkOpts...)
	if err != nil {
		return nil, errors.New("alipay: app private key is neither PKCS#1 nor PKCS#8 RSA")
	}
	if certMode {
		if c.LoadAppCertPublicKey(cfg.AppCertPEM) != nil {
			return nil, errors.New("alipay: AppCertPEM is not a certificate")
		}
		if c.LoadAliPayRootCert(cfg.AlipayRootCertPEM) != nil {
			return nil, errors.New("alipay: AlipayRootCertPEM is not a certificate bundle")
		}
		if c.LoadAlipayCertPublicKey(cfg.AlipayCertPEM) != nil {
			return nil, errors.New("alipay: AlipayCertPEM is not a certificate")
		}
	} else if c.LoadAliPayPublicKey(cfg.AlipayPublicKey) != nil {
		return nil, errors.New("alipay: AlipayPublicKey is not an RSA public key")
	}
	return &Client{cfg: cfg, sdk: c, http: s.httpClient, certMode: certMode}, nil
}

func (cfg Config) validate(certMode bool) error {
	var missing []string
	need := []struct{ name, value string }{{"AppID", cfg.AppID}, {"PrivateKey", cfg.PrivateKey}, {"NotifyURL", cfg.NotifyURL}}
	if certMode {
		need = append(need, []struct{ name, value string }{{"AppCertPEM", cfg.AppCertPEM},
			{"AlipayRootCertPEM", cfg.AlipayRootCertPEM}, {"AlipayCertPEM", cfg.AlipayCertPEM}}...)
	} else {
		need = append(need, struct{ name, value string }{"AlipayPublicKey", cfg.AlipayPublicKey})
	}
	for _, f := range need {
		if strings.TrimSpace(f.value) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("alipay: missing settings: %s", strings.Join(missing, ", "))
	}
	if certMode && cfg.AlipayPublicKey != "" {
		return errors.New("alipay: choose public-key mode or certificate mode, not both")
	}
	return nil
}
