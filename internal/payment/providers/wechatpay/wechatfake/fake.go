// Package wechatfake is a local WeChat Pay API v3 gateway for tests. It
// speaks the real protocol, so tests run the real SDK against it: it checks
// the merchant's Authorization signature, signs every response (204s too)
// with the test's "platform" key, keeps trades, refunds and transfers in
// memory, and builds signed, encrypted notifications. Serve it with
// httptest.NewServer and point the client at it with NewHTTPClient.
//
// Where WeChat's documentation leaves a detail open (the exact code for a
// reused out_refund_no with another amount, say) the fake picks a plausible
// answer; those choices are marked in the code.
package wechatfake

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"fenxiao/internal/platform/cst"
)

// Config is the merchant the fake serves and the keys it uses. The test
// generates all keys.
type Config struct {
	MchID          string
	AppID          string
	MerchantSerial string
	MerchantKey    *rsa.PublicKey // verifies Authorization headers
	APIv3Key       string         // encrypts notifications
	// Public-key mode: PublicKeyID names PublicKey, whose private half signs.
	PublicKeyID string
	PublicKey   *rsa.PrivateKey
	// Certificate mode: PlatformCert (its serial in hex) and its key.
	PlatformCert *x509.Certificate
	PlatformKey  *rsa.PrivateKey
}

// Call is one request the fake received, for assertions.
type Call struct {
	Method string
	Path   string
	Header http.Header
	Body   []byte
}

// Server is the fake gateway; it is an http.Handler.
type Server struct {
	cfg Config
	mux *http.ServeMux

	mu              sync.Mutex
	seq             int
	trades          map[string]*Trade
	refunds         map[string]*Refund
	transfers       map[string]*Transfer
	files           map[string][]byte
	failNext        *reply
	corruptNext     bool
	corruptBillHash bool
	skew            time.Duration
	calls           []Call
}

// New returns a fake serving cfg's merchant.
func New(cfg Config) *Server {
	s := &Server{cfg: cfg, mux: http.NewServeMux(), trades: map[string]*Trade{}, refunds: map[string]*Refund{},
		transfers: map[string]*Transfer{}, files: map[string][]byte{}}
	s.route("POST /v3/pay/transactions/jsapi", s.prepay("JSAPI"))
	s.route("POST /v3/pay/transactions/h5", s.prepay("MWEB"))
	s.route("POST /v3/pay/transactions/native", s.prepay("NATIVE"))
	s.route("GET /v3/pay/transactions/out-trade-no/{no}", s.queryTrade)
	s.route("POST /v3/pay/transactions/out-trade-no/{no}/close", s.closeTrade)
	s.route("POST /v3/refund/domestic/refunds", s.createRefund)
	s.route("GET /v3/refund/domestic/refunds/{no}", s.queryRefund)
	s.route("POST /v3/fund-app/mch-transfer/transfer-bills", s.createTransfer)
	s.route("GET /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{no}", s.queryTransfer)
	s.route("POST /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{no}/cancel", s.cancelTransfer)
	s.route("GET /v3/bill/tradebill", s.tradeBill)
	s.route("GET /v3/billdownload/file", s.downloadFile)
	s.route("/", func(*http.Request, []byte) reply { return fail(http.StatusNotFound, "NOT_FOUND", "no such API") })
	return s
}

// reply is a handler's answer: a JSON body (signed), nothing (204, signed)
// or a raw file (unsigned, like WeChat's bill downloads).
type reply struct {
	status int
	body   any
	raw    []byte
}

type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func ok(body any) reply { return reply{status: http.StatusOK, body: body} }

func fail(status int, code, message string) reply {
	return reply{status: status, body: apiError{Code: code, Message: message}}
}

type handler func(r *http.Request, body []byte) reply

// route registers h behind the checks every WeChat API applies.
func (s *Server) route(pattern string, h handler) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			s.write(w, r, fail(http.StatusBadRequest, "PARAM_ERROR", "unreadable body"))
			return
		}
		s.record(r, body)
		if err := s.verifyAuthorization(r, body); err != nil {
			s.write(w, r, fail(http.StatusUnauthorized, "SIGN_ERROR", err.Error()))
			return
		}
		if f := s.takeFailure(); f != nil {
			s.write(w, r, *f)
			return
		}
		s.write(w, r, h(r, body))
	})
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func (s *Server) record(r *http.Request, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, Call{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
}

func (s *Server) takeFailure() *reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.failNext
	s.failNext = nil
	return f
}

// Calls returns the requests received so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// FailNext makes the next API call fail with this status and code (for
// example 403 NOT_ENOUGH, 500 SYSTEM_ERROR), still signed.
func (s *Server) FailNext(status int, code, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := fail(status, code, message)
	s.failNext = &f
}

// CorruptNextSignature makes the next response carry a signature that does
// not verify, as a man in the middle would produce.
func (s *Server) CorruptNextSignature() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.corruptNext = true
}

// SkewResponseClock shifts the timestamps the fake signs responses with.
func (s *Server) SkewResponseClock(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.skew = d
}

// CorruptBillHash makes tradebill announce a hash that does not match the file.
func (s *Server) CorruptBillHash() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.corruptBillHash = true
}

// nextID returns a fresh number for ids; callers hold s.mu.
func (s *Server) nextID() int {
	s.seq++
	return s.seq
}

func decode(body []byte, v any) *reply {
	if err := json.Unmarshal(body, v); err != nil {
		f := fail(http.StatusBadRequest, "PARAM_ERROR", fmt.Sprintf("body is not JSON: %v", err))
		return &f
	}
	return nil
}

// beijing is the zone WeChat writes times in.
var beijing = cst.Zone

func rfc3339(t time.Time) string { return t.In(beijing).Format(time.RFC3339) }
