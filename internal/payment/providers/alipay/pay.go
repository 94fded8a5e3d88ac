package alipay

import (
	"context"
	"errors"
	"fmt"
	"time"

	sdk "github.com/smartwalle/alipay/v3"

	"fenxiao/internal/payment"
	"fenxiao/internal/platform/money"
)

// Provider and method names.
const (
	ProviderName = "alipay"
	MethodWap    = "alipay_wap"  // mobile browsers: alipay.trade.wap.pay
	MethodPage   = "alipay_page" // desktop browsers: alipay.trade.page.pay
)

// Alipay's product codes for the two page flows.
const (
	productWap  = "QUICK_WAP_WAY"
	productPage = "FAST_INSTANT_TRADE_PAY"
)

// PayRequest starts one payment.
type PayRequest struct {
	OutTradeNo string
	Subject    string // shown on the cashier, at most 256 characters
	Amount     money.Fen
	ExpiresAt  time.Time // zero: Alipay's default
}

// Name implements payment.Provider.
func (c *Client) Name() string { return ProviderName }

// Methods implements payment.Provider.
func (c *Client) Methods() []payment.Method {
	return []payment.Method{
		{Method: MethodWap, Provider: ProviderName, Label: "支付宝 / Alipay"},
		{Method: MethodPage, Provider: ProviderName, Label: "支付宝（电脑） / Alipay (desktop)"},
	}
}

// Create implements payment.Provider: the payload's "pay_url" is where the
// browser goes to pay.
func (c *Client) Create(ctx context.Context, a payment.Attempt) (payment.Payload, error) {
	req := PayRequest{OutTradeNo: a.OutTradeNo, Subject: a.Description, Amount: a.Amount, ExpiresAt: a.ExpiresAt}
	var u string
	var err error
	switch a.Method {
	case MethodWap:
		u, err = c.WapPayURL(req)
	case MethodPage:
		u, err = c.PagePayURL(req)
	default:
		err = fmt.Errorf("alipay: unknown method %q", a.Method)
	}
	if err != nil {
		return nil, err
	}
	return payment.Payload{"provider": ProviderName, "method": a.Method, "out_trade_no": a.OutTradeNo, "pay_url": u}, nil
}

// WapPayURL returns the signed cashier URL for mobile browsers. It makes no
// call: Alipay learns of the trade when the browser opens the URL, so until
// then TradeQuery answers ErrTradeNotExist (treat that as still pending).
func (c *Client) WapPayURL(req PayRequest) (string, error) {
	trade, err := c.trade(req, productWap)
	if err != nil {
		return "", err
	}
	wap := sdk.TradeWapPay{Trade: trade, QuitURL: c.cfg.QuitURL}
	if !req.ExpiresAt.IsZero() {
		// TradeWapPay's own time_expire (minutes) shadows Trade's in the JSON.
		wap.TimeExpire = req.ExpiresAt.In(beijing).Format("2006-01-02 15:04")
	}
	u, err := c.sdk.TradeWapPay(wap)
	if err != nil {
		return "", fmt.Errorf("alipay: sign wap pay URL: %w", err)
	}
	return u.String(), nil
}

// PagePayURL returns the signed cashier URL for desktop browsers.
func (c *Client) PagePayURL(req PayRequest) (string, error) {
	trade, err := c.trade(req, productPage)
	if err != nil {
		return "", err
	}
	if !req.ExpiresAt.IsZero() {
		trade.TimeExpire = req.ExpiresAt.In(beijing).Format(time.DateTime)
	}
	u, err := c.sdk.TradePagePay(sdk.TradePagePay{Trade: trade})
	if err != nil {
		return "", fmt.Errorf("alipay: sign page pay URL: %w", err)
	}
	return u.String(), nil
}

func (c *Client) trade(req PayRequest, product string) (sdk.Trade, error) {
	switch {
	case req.OutTradeNo == "" || len(req.OutTradeNo) > 64:
		return sdk.Trade{}, errors.New("alipay: out_trade_no must be 1 to 64 characters")
	case req.Amount <= 0:
		return sdk.Trade{}, errors.New("alipay: amount must be positive")
	case req.Subject == "":
		return sdk.Trade{}, errors.New("alipay: subject is required")
	}
	t := sdk.Trade{NotifyURL: c.cfg.NotifyURL, ReturnURL: c.cfg.ReturnURL, Subject: truncateRunes(req.Subject, 256),
		OutTradeNo: req.OutTradeNo, TotalAmount: FenToYuan(req.Amount), ProductCode: product}
	return t, nil
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
