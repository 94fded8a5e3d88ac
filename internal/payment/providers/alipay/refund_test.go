package alipay_test

import (
	"context"
	"errors"
	"testing"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/platform/money"
)

func TestTradeRefund(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	first := func(req alipay.RefundRequest) func(t *testing.T, e *env) {
		return func(t *testing.T, e *env) {
			if _, err := e.client.TradeRefund(ctx, req); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name       string
		arrange    func(t *testing.T, e *env)
		req        alipay.RefundRequest
		want       error
		fundChange bool
		refunded   money.Fen // total refunded at the fake afterwards
	}{
		{name: "full", req: alipay.RefundRequest{OutRequestNo: "RFULL", Amount: 1999}, fundChange: true, refunded: 1999},
		{name: "partial", req: alipay.RefundRequest{OutRequestNo: "RPART", Amount: 1, Reason: "缺货"}, fundChange: true, refunded: 1},
		{name: "retry is a no-op", arrange: first(alipay.RefundRequest{OutTradeNo: "PTRADE00001", OutRequestNo: "RTWICE", Amount: 500}),
			req: alipay.RefundRequest{OutRequestNo: "RTWICE", Amount: 500}, fundChange: false, refunded: 500},
		{name: "number reused with another amount", arrange: first(alipay.RefundRequest{OutTradeNo: "PTRADE00001", OutRequestNo: "RREUSE", Amount: 500}),
			req: alipay.RefundRequest{OutRequestNo: "RREUSE", Amount: 600}, want: alipay.ErrRefundConflict, refunded: 500},
		{name: "more than paid", arrange: first(alipay.RefundRequest{OutTradeNo: "PTRADE00001", OutRequestNo: "RBIG", Amount: 1500}),
			req: alipay.RefundRequest{OutRequestNo: "RMORE", Amount: 500}, want: alipay.ErrRefundExceeds, refunded: 1500},
		{name: "balance short", arrange: func(_ *testing.T, e *env) { e.fake.FailNext("ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足") },
			req: alipay.RefundRequest{OutRequestNo: "RPOOR", Amount: 100}, want: alipay.ErrInsufficientBalance},
		{name: "unpaid trade", req: alipay.RefundRequest{OutTradeNo: "PUNPAID0001", OutRequestNo: "RUNPAID", Amount: 1}, want: alipay.ErrTradeStatus},
		{name: "unknown trade", req: alipay.RefundRequest{OutTradeNo: "PNOSUCH0001", OutRequestNo: "RNONE", Amount: 1}, want: alipay.ErrTradeNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.paidTrade(t, "PTRADE00001", 1999)
			e.openTrade(t, "PUNPAID0001", 100)
			if tt.arrange != nil {
				tt.arrange(t, e)
			}
			if tt.req.OutTradeNo == "" {
				tt.req.OutTradeNo = "PTRADE00001"
			}
			rf, err := e.client.TradeRefund(ctx, tt.req)
			switch {
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Fatalf("TradeRefund = %v, want %v", err, tt.want)
			case tt.want == nil && err != nil:
				t.Fatalf("TradeRefund: %v", err)
			case tt.want == nil && (rf.FundChange != tt.fundChange || rf.RefundedTotal != tt.refunded || rf.Amount != tt.req.Amount || !rf.Success):
				t.Errorf("TradeRefund = %+v", rf)
			}
			if got := money.Fen(e.fake.Refunded("PTRADE00001")); got != tt.refunded {
				t.Errorf("fake refunded %d fen, want %d", got, tt.refunded)
			}
		})
	}
}

func TestQueryRefund(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	e.paidTrade(t, "PTRADE00002", 1000)
	if _, err := e.client.TradeRefund(ctx, alipay.RefundRequest{OutTradeNo: "PTRADE00002", OutRequestNo: "RQ1", Amount: 250}); err != nil {
		t.Fatal(err)
	}
	rf, err := e.client.QueryRefund(ctx, "PTRADE00002", "RQ1")
	if err != nil || rf.Amount != 250 || !rf.Success || rf.OutRequestNo != "RQ1" || rf.RefundedAt.IsZero() {
		t.Fatalf("QueryRefund = %+v, %v", rf, err)
	}
	// Alipay answers success with no refund_status for a refund it never got.
	if _, err := e.client.QueryRefund(ctx, "PTRADE00002", "RNEVER"); !errors.Is(err, alipay.ErrRefundNotExist) {
		t.Errorf("QueryRefund(unknown) = %v, want ErrRefundNotExist", err)
	}
	if _, err := e.client.QueryRefund(ctx, "PNOSUCH0002", "RQ1"); !errors.Is(err, alipay.ErrTradeNotExist) {
		t.Errorf("QueryRefund(unknown trade) = %v, want ErrTradeNotExist", err)
	}
}
