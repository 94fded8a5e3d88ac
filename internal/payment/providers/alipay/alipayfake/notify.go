package alipayfake

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// PaymentNotification builds the signed trade_status_sync form Alipay
// POSTs when a trade is paid.
func (s *Server) PaymentNotification(outTradeNo string) (url.Values, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.trades[outTradeNo]
	if !ok || t.PaidAt.IsZero() {
		return nil, fmt.Errorf("alipayfake: trade %q is not paid", outTradeNo)
	}
	v := s.notificationBase(t)
	v.Set("gmt_payment", timeText(t.PaidAt))
	s.SignNotification(v)
	return v, nil
}

// RefundNotification builds the form Alipay POSTs after a refund: the
// trade's current status plus out_biz_no (the refund's out_request_no),
// refund_fee (everything refunded so far) and gmt_refund.
func (s *Server) RefundNotification(outTradeNo, outRequestNo string) (url.Values, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rf, ok := s.refunds[outTradeNo+"/"+outRequestNo]
	if !ok {
		return nil, fmt.Errorf("alipayfake: no refund %q on %q", outRequestNo, outTradeNo)
	}
	t := s.trades[outTradeNo]
	v := s.notificationBase(t)
	v.Set("gmt_payment", timeText(t.PaidAt))
	v.Set("out_biz_no", rf.OutRequestNo)
	v.Set("refund_fee", yuan(t.Refunded))
	v.Set("gmt_refund", rf.At.In(beijing).Format("2006-01-02 15:04:05.000"))
	if t.Status == "TRADE_CLOSED" {
		v.Set("gmt_close", timeText(rf.At))
	}
	s.SignNotification(v)
	return v, nil
}

// notificationBase holds the fields every trade notification carries;
// callers hold s.mu.
func (s *Server) notificationBase(t *Trade) url.Values {
	return url.Values{
		"notify_time": {timeText(time.Now())}, "notify_type": {"trade_status_sync"},
		"notify_id": {fmt.Sprintf("2025010100222%015d", s.nextID())}, "app_id": {s.cfg.AppID}, "charset": {"utf-8"},
		"version": {"1.0"}, "trade_no": {t.TradeNo}, "out_trade_no": {t.OutTradeNo}, "buyer_id": {t.BuyerUserID},
		"buyer_logon_id": {t.BuyerLogonID}, "seller_id": {s.cfg.SellerID}, "trade_status": {t.Status},
		"total_amount": {yuan(t.Total)}, "receipt_amount": {yuan(t.BuyerPay)}, "invoice_amount": {yuan(t.BuyerPay)},
		"buyer_pay_amount": {yuan(t.BuyerPay)}, "point_amount": {"0.00"}, "subject": {t.Subject},
		"gmt_create":     {timeText(t.CreatedAt)},
		"fund_bill_list": {`[{"amount":"` + yuan(t.BuyerPay) + `","fundChannel":"ALIPAYACCOUNT"}]`},
	}
}

// SignNotification signs a form like Alipay: RSA2 over all the sorted
// parameters except sign and sign_type. Tests use it for hand-made forms.
func (s *Server) SignNotification(v url.Values) {
	v.Set("sign", s.sign([]byte(signContent(v, true, "sign", "sign_type"))))
	v.Set("sign_type", "RSA2")
}

// NotificationRequest returns form as Alipay's POST to notifyURL.
func NotificationRequest(notifyURL string, form url.Values) *http.Request {
	r, err := http.NewRequest(http.MethodPost, notifyURL, strings.NewReader(form.Encode()))
	if err != nil {
		panic(fmt.Sprintf("alipayfake: notification request: %v", err)) // only with a malformed test URL
	}
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	return r
}

// PostNotification delivers form to notifyURL and returns the status and
// the body, which must be exactly "success" for Alipay to stop retrying.
func PostNotification(ctx context.Context, hc *http.Client, notifyURL string, form url.Values) (int, string, error) {
	resp, err := hc.Do(NotificationRequest(notifyURL, form).WithContext(ctx))
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1024))
	return resp.StatusCode, string(body), err
}

// PrivateKeyPEM encodes an app private key as PKCS#1, the form Alipay's
// key tool writes.
func PrivateKeyPEM(key *rsa.PrivateKey) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
}

// PublicKeyPEM encodes Alipay's public key as PKIX.
func PublicKeyPEM(pub *rsa.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		panic("alipayfake: marshal public key: " + err.Error())
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}
