// Package alipayfake is a local Alipay open-platform gateway for tests. It
// speaks the real protocol so tests run the real SDK against it: it checks
// the app's RSA2 request signatures, answers
// {"<method>_response": {...}, "sign": "..."} signed over the exact bytes of
// the inner JSON with the test's "Alipay" key, keeps trades, refunds and
// transfers in memory, serves a cashier page for payment URLs, bill archives
// (zip of GBK CSVs) and builds signed notification forms.
//
// Where Alipay's documentation leaves a detail open the fake picks a
// plausible answer; those choices are marked in the code.
package alipayfake

import (
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/url"
	"sync"
)

// Config is the app the fake serves and the keys it uses.
type Config struct {
	AppID        string
	AppPublicKey *rsa.PublicKey  // verifies request signatures
	AlipayKey    *rsa.PrivateKey // signs responses and notifications
	SellerID     string          // the merchant's 2088... id, in notifications
	// AlipayCertSN, for certificate mode, goes into every response as
	// alipay_cert_sn; requests must then carry app_cert_sn.
	AlipayCertSN string
}

// Call is one gateway request the fake received.
type Call struct {
	Method string // the API name, e.g. alipay.trade.query
	Form   url.Values
}

// Server is the fake gateway; it is an http.Handler. Serve the gateway at
// any path (Config.Gateway = server URL + "/gateway.do").
type Server struct {
	cfg Config

	mu           sync.Mutex
	seq          int
	trades       map[string]*Trade
	refunds      map[string]*refund // by out_trade_no + "/" + out_request_no
	transfers    map[string]*Transfer
	accounts     []Account
	files        map[string][]byte
	failNext     map[string]any
	corruptNext  bool
	omitNextSign bool
	holdTransfer bool
	calls        []Call
}

// New returns a fake serving cfg's app.
func New(cfg Config) *Server {
	return &Server{cfg: cfg, trades: map[string]*Trade{}, refunds: map[string]*refund{}, transfers: map[string]*Transfer{},
		files: map[string][]byte{}}
}

type api func(r *http.Request, biz map[string]any) map[string]any

func (s *Server) apis() map[string]api {
	return map[string]api{
		"alipay.trade.query":                             s.tradeQuery,
		"alipay.trade.close":                             s.tradeClose,
		"alipay.trade.refund":                            s.tradeRefund,
		"alipay.trade.fastpay.refund.query":              s.refundQuery,
		"alipay.fund.trans.uni.transfer":                 s.transfer,
		"alipay.fund.trans.common.query":                 s.transferQuery,
		"alipay.data.dataservice.bill.downloadurl.query": s.billURL,
	}
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == billPath {
		s.downloadBill(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	form, method := r.Form, r.Form.Get("method")
	s.mu.Lock()
	s.calls = append(s.calls, Call{Method: method, Form: form})
	s.mu.Unlock()
	err := s.verifyRequest(form)
	if method == "alipay.trade.wap.pay" || method == "alipay.trade.page.pay" {
		s.cashier(w, form, method, err)
		return
	}
	if err != nil {
		s.respond(w, method, failure("40002", "Invalid Arguments", "isv.invalid-signature", err.Error()))
		return
	}
	if f := s.takeFailure(); f != nil {
		s.respond(w, method, f)
		return
	}
	h, ok := s.apis()[method]
	if !ok {
		s.respond(w, method, failure("40002", "Invalid Arguments", "isv.invalid-method", "不存在的方法名"))
		return
	}
	var biz map[string]any
	if err := json.Unmarshal([]byte(form.Get("biz_content")), &biz); err != nil {
		s.respond(w, method, failure("40002", "Invalid Arguments", "isv.invalid-parameter", "biz_content is not JSON"))
		return
	}
	s.respond(w, method, h(r, biz))
}

func success(fields map[string]any) map[string]any {
	fields["code"], fields["msg"] = "10000", "Success"
	return fields
}

func failure(code, msg, subCode, subMsg string) map[string]any {
	return map[string]any{"code": code, "msg": msg, "sub_code": subCode, "sub_msg": subMsg}
}

// bizFail is the usual business failure (40004).
func bizFail(subCode, subMsg string) map[string]any {
	return failure("40004", "Business Failed", subCode, subMsg)
}

func (s *Server) takeFailure() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.failNext
	s.failNext = nil
	return f
}

// FailNext makes the next API call answer this business failure, e.g.
// FailNext("ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足"), still signed.
func (s *Server) FailNext(subCode, subMsg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = bizFail(subCode, subMsg)
}

// CorruptNextSignature makes the next response's signature not verify.
func (s *Server) CorruptNextSignature() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.corruptNext = true
}

// OmitNextSignature sends the next response without "sign", as a
// man in the middle faking a success would.
func (s *Server) OmitNextSignature() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.omitNextSign = true
}

// Calls returns the gateway requests received so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

func (s *Server) nextID() int {
	s.seq++
	return s.seq
}

func str(biz map[string]any, key string) string {
	v, _ := biz[key].(string)
	return v
}
