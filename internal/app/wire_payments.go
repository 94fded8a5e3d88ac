package app

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/alipay"
	"fenxiao/internal/payment/gateway"
	"fenxiao/internal/payment/sandbox"
	"fenxiao/internal/payment/wechatpay"
)

// wirePayments builds the payment providers the configuration turns on:
// the labelled sandbox (never in production), WeChat Pay when a merchant
// id is set, Alipay when an app id is set; and the gateway that receives
// their notifications at /api/pay/notify/<provider>.
func (a *App) wirePayments() error {
	var providers []payment.Provider
	if a.Config.SandboxPayments {
		providers = append(providers, sandbox.New())
	}
	hc := a.Config.PaymentHTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 15 * time.Second}
	}
	wx, wxID, err := a.wechatPay(hc)
	if err != nil {
		return err
	}
	if wx != nil {
		providers = append(providers, gateway.WeChatPay{Client: wx, ID: wxID})
	}
	ali, err := a.alipay(hc)
	if err != nil {
		return err
	}
	if ali != nil {
		providers = append(providers, gateway.Alipay{Client: ali})
	}
	a.WeChatPay, a.WeChatPayID, a.Alipay = wx, wxID, ali
	a.Payments = payment.NewService(a.DB.Gorm, a.Orders, providers...)
	payment.RegisterJobs(a.Jobs, a.Payments)
	a.PayGateway = gateway.New(a.Payments, wx, wxID, ali, a.Log)
	return nil
}

func (a *App) wechatPay(hc *http.Client) (*wechatpay.Client, payment.Identity, error) {
	c := a.Config.WeChatPay
	if c.MchID == "" {
		return nil, payment.Identity{}, nil
	}
	appID := c.AppID
	if appID == "" {
		appID = a.Config.WeChat.AppID
	}
	cfg := wechatpay.Config{MchID: c.MchID, AppID: appID, MchCertSerial: c.CertSerial, MchPrivateKeyPEM: c.PrivateKey,
		APIv3Key: c.APIv3Key, PublicKeyID: c.PublicKeyID, PublicKeyPEM: c.PublicKey,
		NotifyURL: a.Config.BaseURL + "/api/pay/notify/wechatpay"}
	wx, err := wechatpay.New(context.Background(), cfg, wechatpay.WithHTTPClient(hc))
	if err != nil {
		return nil, payment.Identity{}, fmt.Errorf("WeChat Pay settings: %w", err)
	}
	return wx, payment.Identity{AppID: appID, MchID: c.MchID}, nil
}

func (a *App) alipay(hc *http.Client) (*alipay.Client, error) {
	c := a.Config.Alipay
	if c.AppID == "" {
		return nil, nil
	}
	cfg := alipay.Config{AppID: c.AppID, PrivateKey: c.PrivateKey, AlipayPublicKey: c.PublicKey, Production: a.Config.IsProduction(),
		Gateway: c.Gateway, NotifyURL: a.Config.BaseURL + "/api/pay/notify/alipay", ReturnURL: a.Config.BaseURL + "/pay/result"}
	ali, err := alipay.New(cfg, alipay.WithHTTPClient(hc))
	if err != nil {
		return nil, fmt.Errorf("Alipay settings: %w", err)
	}
	return ali, nil
}
