package wechatpay

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/wechatpay-apiv3/wechatpay-go/core"
	"github.com/wechatpay-apiv3/wechatpay-go/services/payments/h5"
	"github.com/wechatpay-apiv3/wechatpay-go/services/payments/jsapi"
	"github.com/wechatpay-apiv3/wechatpay-go/services/payments/native"

	"fenxiao/internal/payment"
	"fenxiao/internal/platform/money"
)

// Provider and method names.
const (
	ProviderName = "wechatpay"
	MethodJSAPI  = "wechat_jsapi"  // inside WeChat (official account / H5 page in WeChat)
	MethodH5     = "wechat_h5"     // mobile browsers outside WeChat
	MethodNative = "wechat_native" // QR code shown on a desktop
)

// WeChat Pay limits the description to 127 bytes.
const maxDescriptionBytes = 127

// PrepayRequest starts one payment. OpenID is required for JSAPI (the payer's
// openid under Config.AppID), PayerIP for H5.
type PrepayRequest struct {
	Method      string
	OutTradeNo  string
	Description string
	Amount      money.Fen
	ExpiresAt   time.Time // zero: WeChat's default (2 hours)
	OpenID      string
	PayerIP     string
}

// Name implements payment.Provider.
func (c *Client) Name() string { return ProviderName }

// Methods implements payment.Provider.
func (c *Client) Methods() []payment.Method {
	return []payment.Method{
		{Method: MethodJSAPI, Provider: ProviderName, Label: "微信支付 / WeChat Pay"},
		{Method: MethodH5, Provider: ProviderName, Label: "微信支付（浏览器） / WeChat Pay (browser)"},
		{Method: MethodNative, Provider: ProviderName, Label: "微信扫码支付 / WeChat Pay QR code"},
	}
}

// Create implements payment.Provider. The payer's openid (JSAPI) and IP (H5)
// come from the attempt (set by payment.WithPayer on the request).
func (c *Client) Create(ctx context.Context, a payment.Attempt) (payment.Payload, error) {
	return c.Prepay(ctx, PrepayRequest{Method: a.Method, OutTradeNo: a.OutTradeNo, Description: a.Description,
		Amount: a.Amount, ExpiresAt: a.ExpiresAt, OpenID: a.Payer.OpenID, PayerIP: a.Payer.ClientIP})
}

// Prepay creates the WeChat Pay order and returns what the client needs:
// "pay_params" for JSAPI (pass to WeixinJSBridge getBrandWCPayRequest),
// "h5_url" for H5, "code_url" for Native (render as a QR code).
// Errors: a refused request is an *Error (ErrTradePaid, ErrTradeClosed,
// ErrInvalidRequest, ...); bad input is reported before any call.
func (c *Client) Prepay(ctx context.Context, req PrepayRequest) (payment.Payload, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	var expire *time.Time
	if !req.ExpiresAt.IsZero() {
		expire = &req.ExpiresAt
	}
	desc := truncateUTF8(req.Description, maxDescriptionBytes)
	out := payment.Payload{"provider": ProviderName, "method": req.Method, "out_trade_no": req.OutTradeNo}
	switch req.Method {
	case MethodJSAPI:
		resp, _, err := c.jsapi.PrepayWithRequestPayment(ctx, jsapi.PrepayRequest{
			Appid: &c.cfg.AppID, Mchid: &c.cfg.MchID, Description: &desc, OutTradeNo: &req.OutTradeNo,
			TimeExpire: expire, NotifyUrl: &c.cfg.NotifyURL,
			Amount: &jsapi.Amount{Total: core.Int64(int64(req.Amount)), Currency: core.String("CNY")},
			Payer:  &jsapi.Payer{Openid: &req.OpenID},
		})
		if err != nil {
			return nil, wrapErr("prepay", err, ErrTradeNotExist)
		}
		out["pay_params"] = map[string]string{
			"appId": deref(resp.Appid), "timeStamp": deref(resp.TimeStamp), "nonceStr": deref(resp.NonceStr),
			"package": deref(resp.Package), "signType": deref(resp.SignType), "paySign": deref(resp.PaySign),
		}
	case MethodH5:
		resp, _, err := c.h5.Prepay(ctx, h5.PrepayRequest{
			Appid: &c.cfg.AppID, Mchid: &c.cfg.MchID, Description: &desc, OutTradeNo: &req.OutTradeNo,
			TimeExpire: expire, NotifyUrl: &c.cfg.NotifyURL,
			Amount:    &h5.Amount{Total: core.Int64(int64(req.Amount)), Currency: core.String("CNY")},
			SceneInfo: &h5.SceneInfo{PayerClientIp: &req.PayerIP, H5Info: &h5.H5Info{Type: core.String("Wap")}},
		})
		if err != nil {
			return nil, wrapErr("prepay", err, ErrTradeNotExist)
		}
		out["h5_url"] = deref(resp.H5Url)
	case MethodNative:
		resp, _, err := c.native.Prepay(ctx, native.PrepayRequest{
			Appid: &c.cfg.AppID, Mchid: &c.cfg.MchID, Description: &desc, OutTradeNo: &req.OutTradeNo,
			TimeExpire: expire, NotifyUrl: &c.cfg.NotifyURL,
			Amount: &native.Amount{Total: core.Int64(int64(req.Amount)), Currency: core.String("CNY")},
		})
		if err != nil {
			return nil, wrapErr("prepay", err, ErrTradeNotExist)
		}
		out["code_url"] = deref(resp.CodeUrl)
	}
	return out, nil
}

func (req PrepayRequest) check() error {
	switch {
	case req.Method != MethodJSAPI && req.Method != MethodH5 && req.Method != MethodNative:
		return fmt.Errorf("wechatpay: unknown method %q", req.Method)
	case len(req.OutTradeNo) < 6 || len(req.OutTradeNo) > 32:
		return errors.New("wechatpay: out_trade_no must be 6 to 32 characters")
	case req.Amount <= 0:
		return errors.New("wechatpay: amount must be positive")
	case req.Description == "":
		return errors.New("wechatpay: description is required")
	case req.Method == MethodJSAPI && req.OpenID == "":
		return errors.New("wechatpay: JSAPI payments need the payer's openid")
	case req.Method == MethodH5 && req.PayerIP == "":
		return errors.New("wechatpay: H5 payments need the payer's IP address")
	}
	return nil
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
