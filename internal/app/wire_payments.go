package app

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/credentials"
	"fenxiao/internal/payment/providers"
	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/sandbox"
	"fenxiao/internal/payment/providers/wechatpay"
)

// wirePayments builds the payment providers: the labelled sandbox (never
// in production), WeChat Pay and Alipay with the credentials of this start
// (per provider, the environment's when FENXIAO_WECHATPAY_MCHID /
// FENXIAO_ALIPAY_APP_ID is set, otherwise those a super admin stored; see
// package credentials), and the gateway that receives their notifications
// at /api/pay/notify/<provider>. Providers are built once: credentials
// saved later take effect at the next start.
func (a *App) wirePayments() error {
	ctx := context.Background()
	if err := a.wirePaymentCredentials(); err != nil {
		return err
	}
	active, err := a.PaymentCredentials.Start(ctx)
	if err != nil {
		return err
	}
	for provider, problem := range active.Problems {
		a.Log.Error("stored payment credentials not used: the provider is off", "provider", provider, "problem", problem)
	}
	var enabled []payment.Provider
	if a.Config.SandboxPayments {
		enabled = append(enabled, sandbox.New())
	}
	wx, wxID, err := a.wechatPay(ctx, active.WeChatPay)
	if err != nil {
		return err
	}
	if wx != nil {
		enabled = append(enabled, providers.WeChatPay{Client: wx, ID: wxID})
	}
	ali, err := a.alipay(active.Alipay)
	if err != nil {
		return err
	}
	if ali != nil {
		enabled = append(enabled, providers.Alipay{Client: ali})
	}
	a.WeChatPay, a.WeChatPayID, a.Alipay = wx, wxID, ali
	a.Payments = payment.NewService(a.DB.Gorm, a.Orders, enabled...)
	payment.RegisterJobs(a.Jobs, a.Payments)
	a.PayGateway = providers.New(a.Payments, wx, wxID, ali, a.Log)
	return nil
}

// wirePaymentCredentials builds the store of admin-entered credentials,
// telling it which providers the environment configures.
func (a *App) wirePaymentCredentials() error {
	hc := a.Config.PaymentHTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 15 * time.Second}
	}
	var env credentials.Env
	if c := a.Config.WeChatPay; c.MchID != "" {
		env.WeChatPay = &credentials.WeChatPay{MchID: c.MchID, AppID: c.AppID, CertSerial: c.CertSerial, PrivateKey: c.PrivateKey,
			APIv3Key: c.APIv3Key, PublicKeyID: c.PublicKeyID, PublicKey: c.PublicKey}
	}
	if c := a.Config.Alipay; c.AppID != "" {
		env.Alipay = &credentials.Alipay{AppID: c.AppID, PrivateKey: c.PrivateKey, PublicKey: c.PublicKey}
	}
	svc, err := credentials.NewService(a.DB.Gorm, credentials.Options{Secret: a.Config.Secret, Env: env, Passwords: a.Admins,
		Deployment: credentials.Deployment{BaseURL: a.Config.BaseURL, Production: a.Config.IsProduction(),
			WeChatAppID: a.Config.WeChat.AppID, AlipayGateway: a.Config.Alipay.Gateway, HTTPClient: hc}})
	if err != nil {
		return err
	}
	a.PaymentCredentials = svc
	return nil
}

// wechatPay builds WeChat Pay from the credentials of this start (nil: off).
// Credentials from the environment that do not build stop the start, as
// they always have; stored ones were checked by Start.
func (a *App) wechatPay(ctx context.Context, c *credentials.WeChatPay) (*wechatpay.Client, payment.Identity, error) {
	if c == nil {
		return nil, payment.Identity{}, nil
	}
	d := a.PaymentCredentials.Deployment()
	wx, err := d.NewWeChatPay(ctx, *c)
	if err != nil {
		return nil, payment.Identity{}, fmt.Errorf("WeChat Pay settings: %w", err)
	}
	return wx, payment.Identity{AppID: d.WeChatPayConfig(*c).AppID, MchID: c.MchID}, nil
}

// alipay builds Alipay from the credentials of this start (nil: off).
func (a *App) alipay(c *credentials.Alipay) (*alipay.Client, error) {
	if c == nil {
		return nil, nil
	}
	ali, err := a.PaymentCredentials.Deployment().NewAlipay(*c)
	if err != nil {
		return nil, fmt.Errorf("Alipay settings: %w", err)
	}
	return ali, nil
}
