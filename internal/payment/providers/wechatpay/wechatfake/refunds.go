package wechatfake

import (
	"fmt"
	"net/http"
	"time"
)

// Refund is the fake's record of one refund.
type Refund struct {
	OutRefundNo   string
	RefundID      string
	OutTradeNo    string
	TransactionID string
	Reason        string
	Status        string // PROCESSING, then SUCCESS via CompleteRefund
	Amount        int64
	Total         int64
	PayerRefund   int64
	CreateTime    time.Time
	SuccessTime   time.Time
}

type refundBody struct {
	OutTradeNo    string `json:"out_trade_no"`
	TransactionID string `json:"transaction_id"`
	OutRefundNo   string `json:"out_refund_no"`
	Reason        string `json:"reason"`
	Amount        struct {
		Refund   int64  `json:"refund"`
		Total    int64  `json:"total"`
		Currency string `json:"currency"`
	} `json:"amount"`
}

func (s *Server) createRefund(_ *http.Request, body []byte) reply {
	var b refundBody
	if f := decode(body, &b); f != nil {
		return *f
	}
	if b.OutRefundNo == "" || b.Amount.Refund <= 0 {
		return fail(http.StatusBadRequest, "PARAM_ERROR", "out_refund_no and amount.refund are required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.findTrade(b.OutTradeNo, b.TransactionID)
	if t == nil {
		return fail(http.StatusNotFound, "RESOURCE_NOT_EXISTS", "订单不存在")
	}
	if old, found := s.refunds[b.OutRefundNo]; found {
		// Same number, same request: WeChat returns the existing refund.
		if old.OutTradeNo == t.OutTradeNo && old.Amount == b.Amount.Refund {
			return ok(s.refundJSON(old))
		}
		// Fake's choice of code for a reused number with other parameters.
		return fail(http.StatusBadRequest, "INVALID_REQUEST", "商户退款单号重复")
	}
	switch {
	case t.State != "SUCCESS" && t.State != "REFUND":
		return fail(http.StatusBadRequest, "INVALID_REQUEST", "订单未支付")
	case b.Amount.Total != t.Total:
		return fail(http.StatusBadRequest, "INVALID_REQUEST", "订单金额与原订单不一致")
	case t.Refunded+b.Amount.Refund > t.Total:
		return fail(http.StatusBadRequest, "INVALID_REQUEST", "申请退款金额超过订单可退金额")
	}
	rf := &Refund{OutRefundNo: b.OutRefundNo, RefundID: fmt.Sprintf("5030%024d", s.nextID()), OutTradeNo: t.OutTradeNo,
		TransactionID: t.TransactionID, Reason: b.Reason, Status: "PROCESSING", Amount: b.Amount.Refund, Total: t.Total,
		PayerRefund: b.Amount.Refund * t.PayerTotal / t.Total, CreateTime: time.Now()}
	s.refunds[rf.OutRefundNo] = rf
	t.Refunded += rf.Amount
	t.State = "REFUND"
	return ok(s.refundJSON(rf))
}

func (s *Server) findTrade(outTradeNo, transactionID string) *Trade {
	if t, found := s.trades[outTradeNo]; found {
		return t
	}
	for _, t := range s.trades {
		if transactionID != "" && t.TransactionID == transactionID {
			return t
		}
	}
	return nil
}

func (s *Server) queryRefund(r *http.Request, _ []byte) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	rf, found := s.refunds[r.PathValue("no")]
	if !found {
		return fail(http.StatusNotFound, "RESOURCE_NOT_EXISTS", "退款单不存在")
	}
	return ok(s.refundJSON(rf))
}

// refundJSON renders a refund like the refund APIs; callers hold s.mu.
func (s *Server) refundJSON(rf *Refund) map[string]any {
	out := map[string]any{"refund_id": rf.RefundID, "out_refund_no": rf.OutRefundNo, "transaction_id": rf.TransactionID,
		"out_trade_no": rf.OutTradeNo, "channel": "ORIGINAL", "user_received_account": "支付用户零钱",
		"create_time": rfc3339(rf.CreateTime), "status": rf.Status, "funds_account": "AVAILABLE",
		"amount": map[string]any{"total": rf.Total, "refund": rf.Amount, "payer_total": s.trades[rf.OutTradeNo].PayerTotal,
			"payer_refund": rf.PayerRefund, "settlement_refund": rf.Amount, "settlement_total": rf.Total,
			"discount_refund": rf.Amount - rf.PayerRefund, "currency": "CNY", "from": []any{}}}
	if !rf.SuccessTime.IsZero() {
		out["success_time"] = rfc3339(rf.SuccessTime)
	}
	return out
}

// CompleteRefund moves a PROCESSING refund to SUCCESS, as WeChat does a few
// seconds to days later, or an ABNORMAL one once the merchant re-routed it
// in the merchant portal.
func (s *Server) CompleteRefund(outRefundNo string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rf, found := s.refunds[outRefundNo]
	if !found || (rf.Status != "PROCESSING" && rf.Status != "ABNORMAL") {
		return fmt.Errorf("wechatfake: refund %q is not processing", outRefundNo)
	}
	rf.Status, rf.SuccessTime = "SUCCESS", time.Now()
	return nil
}

// CloseRefund moves a PROCESSING refund to CLOSED (WeChat closed it: the
// money stays with the merchant and the trade's refundable amount is back).
func (s *Server) CloseRefund(outRefundNo string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rf, found := s.refunds[outRefundNo]
	if !found || rf.Status != "PROCESSING" {
		return fmt.Errorf("wechatfake: refund %q is not processing", outRefundNo)
	}
	rf.Status = "CLOSED"
	if t := s.trades[rf.OutTradeNo]; t != nil {
		t.Refunded -= rf.Amount
	}
	return nil
}

// AbnormalRefund moves a PROCESSING refund to ABNORMAL: the money could not
// go back to the payer's account (a closed card) and waits for the merchant.
func (s *Server) AbnormalRefund(outRefundNo string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rf, found := s.refunds[outRefundNo]
	if !found || rf.Status != "PROCESSING" {
		return fmt.Errorf("wechatfake: refund %q is not processing", outRefundNo)
	}
	rf.Status = "ABNORMAL"
	return nil
}

// Refund returns a copy of the fake's record of a refund.
func (s *Server) Refund(outRefundNo string) (Refund, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rf, found := s.refunds[outRefundNo]
	if !found {
		return Refund{}, false
	}
	return *rf, true
}
