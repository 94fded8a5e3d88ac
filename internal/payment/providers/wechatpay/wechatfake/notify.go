package wechatfake

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Notification is a signed, encrypted notification as WeChat would POST it.
// Tests may alter Header or Body to play an attacker.
type Notification struct {
	Header http.Header
	Body   []byte
}

// Request returns the notification as an incoming request to url.
func (n *Notification) Request(url string) *http.Request {
	r, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(n.Body))
	if err != nil {
		panic(fmt.Sprintf("wechatfake: notification request: %v", err)) // only with a malformed test URL
	}
	r.Header = n.Header.Clone()
	return r
}

// Post delivers the notification to url and returns the HTTP status.
func (n *Notification) Post(ctx context.Context, hc *http.Client, url string) (int, error) {
	r := n.Request(url).WithContext(ctx)
	resp, err := hc.Do(r)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// NotifyOption changes how a notification is built.
type NotifyOption func(*notifyOptions)

type notifyOptions struct {
	at     time.Time
	byCert bool
}

// At signs the notification with timestamp t (to test stale deliveries).
func At(t time.Time) NotifyOption { return func(o *notifyOptions) { o.at = t } }

// SignedByCert signs with the platform certificate instead of the public key.
func SignedByCert() NotifyOption { return func(o *notifyOptions) { o.byCert = true } }

// PaymentNotification builds the TRANSACTION.SUCCESS notification of a paid trade.
func (s *Server) PaymentNotification(outTradeNo string, opts ...NotifyOption) (*Notification, error) {
	s.mu.Lock()
	t, found := s.trades[outTradeNo]
	var resource map[string]any
	if found {
		resource = s.transactionJSON(t)
	}
	s.mu.Unlock()
	if !found || t.TransactionID == "" {
		return nil, fmt.Errorf("wechatfake: trade %q is not paid", outTradeNo)
	}
	return s.notification("TRANSACTION.SUCCESS", "transaction", "支付成功", resource, opts)
}

// RefundNotification builds the REFUND.<status> notification of a refund.
func (s *Server) RefundNotification(outRefundNo string, opts ...NotifyOption) (*Notification, error) {
	s.mu.Lock()
	rf, found := s.refunds[outRefundNo]
	var resource map[string]any
	if found {
		resource = map[string]any{"mchid": s.cfg.MchID, "out_trade_no": rf.OutTradeNo, "transaction_id": rf.TransactionID,
			"out_refund_no": rf.OutRefundNo, "refund_id": rf.RefundID, "refund_status": rf.Status,
			"user_received_account": "支付用户零钱",
			"amount": map[string]any{"total": rf.Total, "refund": rf.Amount, "payer_total": s.trades[rf.OutTradeNo].PayerTotal,
				"payer_refund": rf.PayerRefund}}
		if !rf.SuccessTime.IsZero() {
			resource["success_time"] = rfc3339(rf.SuccessTime)
		}
	}
	s.mu.Unlock()
	if !found {
		return nil, fmt.Errorf("wechatfake: no refund %q", outRefundNo)
	}
	return s.notification("REFUND."+rf.Status, "refund", "退款状态变更", resource, opts)
}

// TransferNotification builds the MCHTRANSFER.BILL.FINISHED notification of a transfer.
func (s *Server) TransferNotification(outBillNo string, opts ...NotifyOption) (*Notification, error) {
	s.mu.Lock()
	t, found := s.transfers[outBillNo]
	var resource map[string]any
	if found {
		resource = s.billJSON(t)
		delete(resource, "appid") // the notification resource has no appid
	}
	s.mu.Unlock()
	if !found {
		return nil, fmt.Errorf("wechatfake: no transfer %q", outBillNo)
	}
	return s.notification("MCHTRANSFER.BILL.FINISHED", "mch_payment", "商家转账单据终态通知", resource, opts)
}

// notification encrypts resource with AEAD_AES_256_GCM under the APIv3 key
// and signs the envelope like a response: "timestamp\nnonce\nbody\n".
func (s *Server) notification(event, originalType, summary string, resource map[string]any, opts []NotifyOption) (*Notification, error) {
	o := notifyOptions{at: time.Now()}
	for _, opt := range opts {
		opt(&o)
	}
	plain, err := json.Marshal(resource)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher([]byte(s.cfg.APIv3Key))
	if err != nil {
		return nil, fmt.Errorf("wechatfake: APIv3 key: %w", err)
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	nonce := randomString(12)
	sealed := gcm.Seal(nil, []byte(nonce), plain, []byte(originalType))
	body, err := json.Marshal(map[string]any{
		"id": "EV-" + randomString(20), "create_time": rfc3339(o.at), "event_type": event,
		"resource_type": "encrypt-resource", "summary": summary,
		"resource": map[string]string{"original_type": originalType, "algorithm": "AEAD_AES_256_GCM",
			"ciphertext": base64.StdEncoding.EncodeToString(sealed), "associated_data": originalType, "nonce": nonce},
	})
	if err != nil {
		return nil, err
	}
	serial, key := s.cfg.PublicKeyID, s.cfg.PublicKey
	if o.byCert || key == nil {
		serial, key = CertSerial(s.cfg.PlatformCert.SerialNumber), s.cfg.PlatformKey
	}
	ts := strconv.FormatInt(o.at.Unix(), 10)
	sigNonce := randomString(32)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("Wechatpay-Timestamp", ts)
	h.Set("Wechatpay-Nonce", sigNonce)
	h.Set("Wechatpay-Serial", serial)
	h.Set("Wechatpay-Signature-Type", authScheme)
	h.Set("Wechatpay-Signature", sign(key, ts+"\n"+sigNonce+"\n"+string(body)+"\n"))
	return &Notification{Header: h, Body: body}, nil
}
