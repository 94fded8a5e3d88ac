package alipayfake

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"time"

	"fenxiao/internal/platform/cst"
)

// Trade is the fake's record of one trade.
type Trade struct {
	OutTradeNo     string
	TradeNo        string
	Subject        string
	ProductCode    string
	NotifyURL      string
	TimeExpire     string
	Total          int64 // fen
	BuyerPay       int64
	Refunded       int64
	Status         string // WAIT_BUYER_PAY, TRADE_SUCCESS, TRADE_CLOSED
	BuyerLogonID   string
	BuyerUserID    string
	CreatedAt      time.Time
	PaidAt         time.Time
	LastRefundedAt time.Time
}

// beijing is the zone Alipay writes times in.
var beijing = cst.Zone

func timeText(t time.Time) string { return t.In(beijing).Format(time.DateTime) }

// cashier plays the page a payment URL opens: it checks the signature and
// creates the trade, which Alipay only knows about from this moment on.
func (s *Server) cashier(w http.ResponseWriter, form url.Values, method string, sigErr error) {
	page := func(status int, msg string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<!doctype html><title>支付宝收银台 (fake)</title><p>%s</p>", html.EscapeString(msg))
	}
	if sigErr != nil {
		page(http.StatusBadRequest, "错误代码 invalid-signature: "+sigErr.Error())
		return
	}
	var biz map[string]any
	if err := json.Unmarshal([]byte(form.Get("biz_content")), &biz); err != nil {
		page(http.StatusBadRequest, "biz_content is not JSON")
		return
	}
	want := map[string]string{"alipay.trade.wap.pay": "QUICK_WAP_WAY", "alipay.trade.page.pay": "FAST_INSTANT_TRADE_PAY"}[method]
	total, ok := parseYuan(str(biz, "total_amount"))
	switch {
	case str(biz, "product_code") != want:
		page(http.StatusBadRequest, "product_code must be "+want)
		return
	case !ok || total <= 0 || str(biz, "out_trade_no") == "" || str(biz, "subject") == "":
		page(http.StatusBadRequest, "out_trade_no, subject and a valid total_amount are required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	no := str(biz, "out_trade_no")
	t, exists := s.trades[no]
	if exists && t.Total != total {
		page(http.StatusBadRequest, "交易信息被篡改") // Alipay refuses a reused number with another amount
		return
	}
	if !exists {
		t = &Trade{OutTradeNo: no, TradeNo: fmt.Sprintf("%s22001%015d", time.Now().In(beijing).Format("20060102"), s.nextID()),
			Subject: str(biz, "subject"), ProductCode: want, NotifyURL: form.Get("notify_url"), TimeExpire: str(biz, "time_expire"),
			Total: total, Status: "WAIT_BUYER_PAY", CreatedAt: time.Now()}
		s.trades[no] = t
	}
	page(http.StatusOK, "请使用支付宝扫码或登录付款 "+yuan(t.Total))
}

func (s *Server) tradeQuery(_ *http.Request, biz map[string]any) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.find(biz)
	if t == nil {
		return bizFail("ACQ.TRADE_NOT_EXIST", "交易不存在")
	}
	out := map[string]any{"trade_no": t.TradeNo, "out_trade_no": t.OutTradeNo, "trade_status": t.Status,
		"total_amount": yuan(t.Total)}
	if !t.PaidAt.IsZero() {
		out["buyer_logon_id"], out["buyer_user_id"] = t.BuyerLogonID, t.BuyerUserID
		out["buyer_pay_amount"], out["receipt_amount"] = yuan(t.BuyerPay), yuan(t.Total-t.Refunded)
		out["send_pay_date"] = timeText(t.PaidAt)
	}
	return success(out)
}

// find looks a trade up by out_trade_no or trade_no; callers hold s.mu.
func (s *Server) find(biz map[string]any) *Trade {
	if t, ok := s.trades[str(biz, "out_trade_no")]; ok {
		return t
	}
	for _, t := range s.trades {
		if no := str(biz, "trade_no"); no != "" && t.TradeNo == no {
			return t
		}
	}
	return nil
}

func (s *Server) tradeClose(_ *http.Request, biz map[string]any) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.find(biz)
	switch {
	case t == nil:
		return bizFail("ACQ.TRADE_NOT_EXIST", "交易不存在")
	case t.Status != "WAIT_BUYER_PAY":
		return bizFail("ACQ.TRADE_STATUS_ERROR", "交易状态不合法")
	}
	t.Status = "TRADE_CLOSED"
	return success(map[string]any{"trade_no": t.TradeNo, "out_trade_no": t.OutTradeNo})
}

// MarkPaid pays a WAIT_BUYER_PAY trade in full, as if the buyer finished.
func (s *Server) MarkPaid(outTradeNo string) error { return s.MarkPaidWithDiscount(outTradeNo, 0) }

// MarkPaidWithDiscount pays a trade with an Alipay discount of discount
// fen, so buyer_pay_amount = total - discount.
func (s *Server) MarkPaidWithDiscount(outTradeNo string, discount int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.trades[outTradeNo]
	if !ok || t.Status != "WAIT_BUYER_PAY" {
		return fmt.Errorf("alipayfake: trade %q is not waiting for payment (open its pay URL first)", outTradeNo)
	}
	t.Status, t.BuyerPay, t.PaidAt = "TRADE_SUCCESS", t.Total-discount, time.Now()
	t.BuyerLogonID, t.BuyerUserID = "138****0000", "2088102177846880"
	return nil
}

// Trade returns a copy of the fake's record of a trade.
func (s *Server) Trade(outTradeNo string) (Trade, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.trades[outTradeNo]
	if !ok {
		return Trade{}, false
	}
	return *t, true
}
