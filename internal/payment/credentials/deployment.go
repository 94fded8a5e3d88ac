package credentials

import (
	"context"
	"net/http"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
)

// Deployment is what a provider client needs besides the credentials: the
// same for credentials from the environment and from the admin, so that a
// save is checked by building exactly what the next start builds.
type Deployment struct {
	// BaseURL is the public URL notifications come back to.
	BaseURL    string
	Production bool
	// WeChatAppID (the official account's AppID) is WeChat Pay's app id
	// when the credentials name none.
	WeChatAppID string
	// AlipayGateway overrides Alipay's gateway URL (Alipay's sandbox, tests),
	// whichever source the credentials come from.
	AlipayGateway string
	// HTTPClient carries provider calls; nil uses the adapters' defaults.
	HTTPClient *http.Client
}

// WeChatPayConfig is the adapter configuration for w.
func (d Deployment) WeChatPayConfig(w WeChatPay) wechatpay.Config {
	appID := w.AppID
	if appID == "" {
		appID = d.WeChatAppID
	}
	return wechatpay.Config{MchID: w.MchID, AppID: appID, MchCertSerial: w.CertSerial, MchPrivateKeyPEM: w.PrivateKey,
		APIv3Key: w.APIv3Key, PublicKeyID: w.PublicKeyID, PublicKeyPEM: w.PublicKey, PlatformCertsPEM: w.PlatformCerts,
		// One endpoint for every kind: the gateway dispatches by event type.
		NotifyURL: d.BaseURL + "/api/pay/notify/wechatpay", RefundNotifyURL: d.BaseURL + "/api/pay/notify/wechatpay",
		TransferNotifyURL: d.BaseURL + "/api/pay/notify/wechatpay"}
}

// AlipayConfig is the adapter configuration for a.
func (d Deployment) AlipayConfig(a Alipay) alipay.Config {
	return alipay.Config{AppID: a.AppID, PrivateKey: a.PrivateKey, AlipayPublicKey: a.PublicKey,
		AppCertPEM: a.AppCert, AlipayRootCertPEM: a.AlipayRootCert, AlipayCertPEM: a.AlipayCert,
		Production: d.Production, Gateway: d.AlipayGateway,
		NotifyURL: d.BaseURL + "/api/pay/notify/alipay", ReturnURL: d.BaseURL + "/pay/result"}
}

// NewWeChatPay builds the WeChat Pay client for w (no network calls).
func (d Deployment) NewWeChatPay(ctx context.Context, w WeChatPay) (*wechatpay.Client, error) {
	var opts []wechatpay.Option
	if d.HTTPClient != nil {
		opts = append(opts, wechatpay.WithHTTPClient(d.HTTPClient))
	}
	return wechatpay.New(ctx, d.WeChatPayConfig(w), opts...)
}

// NewAlipay builds the Alipay client for a (no network calls).
func (d Deployment) NewAlipay(a Alipay) (*alipay.Client, error) {
	var opts []alipay.Option
	if d.HTTPClient != nil {
		opts = append(opts, alipay.WithHTTPClient(d.HTTPClient))
	}
	return alipay.New(d.AlipayConfig(a), opts...)
}
