// Package credentials keeps the merchant's WeChat Pay and Alipay
// credentials that a super admin enters in the admin, sealed at rest with
// a key derived from the server secret, and decides per provider where the
// credentials of this start come from.
//
// Precedence, per provider: when FENXIAO_WECHATPAY_MCHID (or
// FENXIAO_ALIPAY_APP_ID) is set, that provider comes from the environment
// and files only, and the admin sees it read-only; otherwise the stored
// credentials are used; otherwise the provider is off. The choice is made
// once, when the app starts: payment providers are built at start, so a
// change saved here takes effect at the next start, and until then the
// admin API reports restart_required.
//
// Secrets (private keys, the APIv3 key) are never returned: the admin sees
// "set" and a fingerprint. Ids, public keys and certificates are public
// material and are shown in full.
//
// Tables: payment_credentials.
package credentials

import (
	"time"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
)

// Provider names, as payments know them.
const (
	ProviderWeChatPay = wechatpay.ProviderName
	ProviderAlipay    = alipay.ProviderName
)

// Source says where a provider's credentials come from at the next start.
type Source string

const (
	SourceEnvironment Source = "environment"
	SourceSettings    Source = "settings"
	SourceNone        Source = "none"
)

// WeChatPay is one merchant's WeChat Pay v3 credentials. Verification
// uses the WeChat Pay public key (PublicKeyID + PublicKey), platform
// certificates, or both during WeChat's switch-over.
type WeChatPay struct {
	MchID string `json:"mch_id" validate:"max=32"`
	// AppID defaults to the official account's AppID (FENXIAO_WECHAT_APP_ID).
	AppID         string   `json:"app_id" validate:"max=32"`
	CertSerial    string   `json:"cert_serial" validate:"max=64"`
	PrivateKey    string   `json:"private_key" validate:"max=8192"` // secret
	APIv3Key      string   `json:"apiv3_key" validate:"max=64"`     // secret
	PublicKeyID   string   `json:"public_key_id" validate:"max=64"`
	PublicKey     string   `json:"public_key" validate:"max=8192"`
	PlatformCerts []string `json:"platform_certs" validate:"max=8,dive,max=8192"`
}

// Alipay is one Alipay app's credentials: public-key mode (PublicKey) or
// certificate mode (AppCert, AlipayRootCert, AlipayCert).
type Alipay struct {
	AppID          string `json:"app_id" validate:"max=32"`
	PrivateKey     string `json:"private_key" validate:"max=8192"` // secret
	PublicKey      string `json:"public_key" validate:"max=8192"`
	AppCert        string `json:"app_cert" validate:"max=16384"`
	AlipayRootCert string `json:"alipay_root_cert" validate:"max=32768"`
	AlipayCert     string `json:"alipay_cert" validate:"max=16384"`
}

// WeChatPayInput replaces the stored WeChat Pay credentials. A secret left
// empty keeps the stored one; everything else is replaced as sent.
type WeChatPayInput struct {
	Password string `json:"password" validate:"required,max=128"`
	WeChatPay
	// MerchantCert is the merchant API certificate (apiclient_cert.pem),
	// optional: when sent, it must belong to the private key, and its
	// serial number fills (or must equal) cert_serial. It is not stored.
	MerchantCert string `json:"merchant_cert" validate:"max=16384"`
}

// AlipayInput replaces the stored Alipay credentials; an empty private
// key keeps the stored one.
type AlipayInput struct {
	Password string `json:"password" validate:"required,max=128"`
	Alipay
}

// ClearInput re-enters the admin's password to delete stored credentials.
type ClearInput struct {
	Password string `json:"password" validate:"required,max=128"`
}

// KeyState shows a key without showing a secret: whether it is set and a
// fingerprint (the end of a keyed SHA-256, so it tells keys apart but
// cannot confirm a guess without the server secret). Value is filled
// only for public material (public keys, certificates).
type KeyState struct {
	Set         bool   `json:"set"`
	Fingerprint string `json:"fingerprint,omitempty"`
	Value       string `json:"value,omitempty"`
}

// Status is how a provider stands in this process and at the next start.
type Status struct {
	Provider string `json:"provider"`
	// Source is where the next start takes the credentials from.
	Source Source `json:"source"`
	// ReadOnly: the environment configures this provider; edit it there.
	ReadOnly bool `json:"read_only"`
	// Enabled: this provider runs in this process now.
	Enabled bool `json:"enabled"`
	// RestartRequired: the stored credentials differ from what this
	// process started with; they take effect at the next start.
	RestartRequired bool `json:"restart_required"`
	// StoredIgnored: credentials are stored, but the environment wins.
	StoredIgnored bool `json:"stored_ignored,omitempty"`
	// Problem explains why stored credentials cannot be used.
	Problem   string     `json:"problem,omitempty"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
	UpdatedBy int64      `json:"updated_by,omitempty"`
}

// WeChatPayView is WeChat Pay as the admin sees it.
type WeChatPayView struct {
	Status
	MchID         string     `json:"mch_id"`
	AppID         string     `json:"app_id"`
	CertSerial    string     `json:"cert_serial"`
	PublicKeyID   string     `json:"public_key_id"`
	PrivateKey    KeyState   `json:"private_key"`
	APIv3Key      KeyState   `json:"apiv3_key"`
	PublicKey     KeyState   `json:"public_key"`
	PlatformCerts []KeyState `json:"platform_certs"`
}

// AlipayView is Alipay as the admin sees it.
type AlipayView struct {
	Status
	AppID          string   `json:"app_id"`
	PrivateKey     KeyState `json:"private_key"`
	PublicKey      KeyState `json:"public_key"`
	AppCert        KeyState `json:"app_cert"`
	AlipayRootCert KeyState `json:"alipay_root_cert"`
	AlipayCert     KeyState `json:"alipay_cert"`
}

// Settings is both providers as the admin sees them.
type Settings struct {
	WeChatPay WeChatPayView `json:"wechatpay"`
	Alipay    AlipayView    `json:"alipay"`
}

// secretField is one secret of a credential set, by its JSON name.
type secretField struct {
	name string
	ptr  *string
}

func (w *WeChatPay) secrets() []secretField {
	return []secretField{{"private_key", &w.PrivateKey}, {"apiv3_key", &w.APIv3Key}}
}

func (a *Alipay) secrets() []secretField { return []secretField{{"private_key", &a.PrivateKey}} }
