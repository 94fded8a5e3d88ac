package alipayfake

import (
	"net/http"
	"time"
)

// refund is the fake's record of one refund request.
type refund struct {
	OutTradeNo   string
	OutRequestNo string
	Amount       int64
	Reason       string
	At           time.Time
}

// tradeRefund refunds synchronously, as alipay.trade.refund does.
func (s *Server) tradeRefund(_ *http.Request, biz map[string]any) map[string]any {
	amount, ok := parseYuan(str(biz, "refund_amount"))
	if !ok || amount <= 0 {
		return bizFail("ACQ.INVALID_PARAMETER", "refund_amount 无效")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.find(biz)
	if t == nil {
		return bizFail("ACQ.TRADE_NOT_EXIST", "交易不存在")
	}
	reqNo := str(biz, "out_request_no")
	if reqNo == "" {
		reqNo = t.OutTradeNo // Alipay's default: one full refund per trade
	}
	key := t.OutTradeNo + "/" + reqNo
	if old, found := s.refunds[key]; found {
		if old.Amount != amount {
			return bizFail("ACQ.DISCORDANT_REPEAT_REQUEST", "请求信息不一致")
		}
		return success(s.refundAnswer(t, "N")) // a repeat: no money moves again
	}
	switch {
	case t.Status != "TRADE_SUCCESS":
		return bizFail("ACQ.TRADE_STATUS_ERROR", "交易状态不合法")
	case t.Refunded+amount > t.Total:
		return bizFail("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限")
	}
	rf := &refund{OutTradeNo: t.OutTradeNo, OutRequestNo: reqNo, Amount: amount, Reason: str(biz, "refund_reason"), At: time.Now()}
	s.refunds[key] = rf
	t.Refunded += amount
	t.LastRefundedAt = rf.At
	if t.Refunded == t.Total {
		t.Status = "TRADE_CLOSED" // refunded in full
	}
	return success(s.refundAnswer(t, "Y"))
}

func (s *Server) refundAnswer(t *Trade, fundChange string) map[string]any {
	return map[string]any{"trade_no": t.TradeNo, "out_trade_no": t.OutTradeNo, "buyer_logon_id": t.BuyerLogonID,
		"buyer_user_id": t.BuyerUserID, "fund_change": fundChange, "refund_fee": yuan(t.Refunded),
		"gmt_refund_pay": timeText(t.LastRefundedAt)}
}

// refundQuery answers success without refund_status for an unknown
// out_request_no, as Alipay does.
func (s *Server) refundQuery(_ *http.Request, biz map[string]any) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.find(biz)
	if t == nil {
		return bizFail("ACQ.TRADE_NOT_EXIST", "交易不存在")
	}
	rf, found := s.refunds[t.OutTradeNo+"/"+str(biz, "out_request_no")]
	if !found {
		return success(map[string]any{})
	}
	return success(map[string]any{"trade_no": t.TradeNo, "out_trade_no": t.OutTradeNo, "out_request_no": rf.OutRequestNo,
		"total_amount": yuan(t.Total), "refund_amount": yuan(rf.Amount), "refund_status": "REFUND_SUCCESS",
		"gmt_refund_pay": timeText(rf.At)})
}

// Refunded returns how much of a trade the fake has refunded, in fen.
func (s *Server) Refunded(outTradeNo string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.trades[outTradeNo]; ok {
		return t.Refunded
	}
	return 0
}
