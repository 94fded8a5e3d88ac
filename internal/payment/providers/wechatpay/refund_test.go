package wechatpay_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/platform/money"
)

func TestRefund(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name    string
		arrange func(e *env)
		req     wechatpay.RefundRequest
		want    error
		refund  money.Fen // what the fake must have refunded in total afterwards
	}{
		{name: "full", req: wechatpay.RefundRequest{OutRefundNo: "RFULL", Amount: 1999, Total: 1999}, refund: 1999},
		{name: "partial", req: wechatpay.RefundRequest{OutRefundNo: "RPART", Amount: 1, Total: 1999, Reason: "缺货"}, refund: 1},
		{name: "same number twice is one refund", arrange: func(e *env) {
			mustRefund(t, e, wechatpay.RefundRequest{OutTradeNo: "PTRADE00001", OutRefundNo: "RTWICE", Amount: 500, Total: 1999})
		}, req: wechatpay.RefundRequest{OutRefundNo: "RTWICE", Amount: 500, Total: 1999}, refund: 500},
		{name: "same number other amount", arrange: func(e *env) {
			mustRefund(t, e, wechatpay.RefundRequest{OutTradeNo: "PTRADE00001", OutRefundNo: "RREUSE", Amount: 500, Total: 1999})
		}, req: wechatpay.RefundRequest{OutRefundNo: "RREUSE", Amount: 600, Total: 1999}, want: wechatpay.ErrInvalidRequest, refund: 500},
		{name: "more than refundable", arrange: func(e *env) {
			mustRefund(t, e, wechatpay.RefundRequest{OutTradeNo: "PTRADE00001", OutRefundNo: "RFIRST", Amount: 1500, Total: 1999})
		}, req: wechatpay.RefundRequest{OutRefundNo: "RSECOND", Amount: 500, Total: 1999}, want: wechatpay.ErrInvalidRequest, refund: 1500},
		{name: "merchant balance short", arrange: func(e *env) {
			e.fake.FailNext(http.StatusForbidden, "NOT_ENOUGH", "基本账户余额不足")
		}, req: wechatpay.RefundRequest{OutRefundNo: "RPOOR", Amount: 100, Total: 1999}, want: wechatpay.ErrInsufficientBalance},
		{name: "unknown trade", req: wechatpay.RefundRequest{OutTradeNo: "PNOSUCH0001", OutRefundNo: "RNONE", Amount: 1, Total: 1},
			want: wechatpay.ErrTradeNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, modePublicKey)
			e.paidTrade(t, "PTRADE00001", 1999)
			if tt.arrange != nil {
				tt.arrange(e)
			}
			if tt.req.OutTradeNo == "" {
				tt.req.OutTradeNo = "PTRADE00001"
			}
			rf, err := e.client.Refund(ctx, tt.req)
			if tt.want != nil {
				var werr *wechatpay.Error
				if !errors.Is(err, tt.want) || !errors.As(err, &werr) {
					t.Fatalf("Refund = %v, want %v as *wechatpay.Error", err, tt.want)
				}
			} else if err != nil {
				t.Fatalf("Refund: %v", err)
			} else if rf.Amount != tt.req.Amount || rf.Total != 1999 || rf.Status != wechatpay.RefundProcessing || rf.RefundID == "" {
				t.Errorf("Refund = %+v", rf)
			}
			if tr, _ := e.fake.Trade("PTRADE00001"); money.Fen(tr.Refunded) != tt.refund {
				t.Errorf("fake refunded %d fen, want %d", tr.Refunded, tt.refund)
			}
		})
	}
}

func mustRefund(t *testing.T, e *env, req wechatpay.RefundRequest) *wechatpay.Refund {
	t.Helper()
	rf, err := e.client.Refund(context.Background(), req)
	if err != nil {
		t.Fatalf("Refund(%s): %v", req.OutRefundNo, err)
	}
	return rf
}

func TestRefundRetryReturnsTheSameRefund(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	e.paidTrade(t, "PTRADE00002", 1000)
	req := wechatpay.RefundRequest{OutTradeNo: "PTRADE00002", OutRefundNo: "RRETRY", Amount: 250, Total: 1000}
	first, second := mustRefund(t, e, req), mustRefund(t, e, req)
	if first.RefundID != second.RefundID {
		t.Errorf("refund ids differ: %s vs %s", first.RefundID, second.RefundID)
	}
}

func TestRefundChecksAmountsBeforeCalling(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	for _, req := range []wechatpay.RefundRequest{
		{OutTradeNo: "P1", OutRefundNo: "R1", Amount: 0, Total: 100},
		{OutTradeNo: "P1", OutRefundNo: "R1", Amount: 101, Total: 100},
		{OutTradeNo: "P1", Amount: 1, Total: 100},
	} {
		if _, err := e.client.Refund(context.Background(), req); err == nil {
			t.Errorf("Refund(%+v): want an error", req)
		}
	}
	if n := len(e.fake.Calls()); n != 0 {
		t.Errorf("fake got %d calls", n)
	}
}

func TestQueryRefund(t *testing.T) {
	t.Parallel()
	e := newEnv(t, modePublicKey)
	ctx := context.Background()
	e.prepay(t, wechatpay.MethodNative, "PTRADE00003", 1000)
	if err := e.fake.MarkPaidWithCoupon("PTRADE00003", 200); err != nil {
		t.Fatal(err)
	}
	mustRefund(t, e, wechatpay.RefundRequest{OutTradeNo: "PTRADE00003", OutRefundNo: "RQUERY", Amount: 500, Total: 1000})
	rf, err := e.client.QueryRefund(ctx, "RQUERY")
	if err != nil || rf.Status != wechatpay.RefundProcessing {
		t.Fatalf("QueryRefund = %+v, %v", rf, err)
	}
	if err := e.fake.CompleteRefund("RQUERY"); err != nil {
		t.Fatal(err)
	}
	rf, err = e.client.QueryRefund(ctx, "RQUERY")
	if err != nil {
		t.Fatal(err)
	}
	// A coupon paid 20% of the trade, so the payer gets 80% of the refund back.
	if rf.Status != wechatpay.RefundSuccess || rf.Amount != 500 || rf.PayerRefund != 400 || rf.SuccessTime.IsZero() || rf.OutTradeNo != "PTRADE00003" {
		t.Errorf("QueryRefund = %+v", rf)
	}
	if _, err := e.client.QueryRefund(ctx, "RNOSUCH"); !errors.Is(err, wechatpay.ErrRefundNotExist) {
		t.Errorf("QueryRefund(missing) = %v, want ErrRefundNotExist", err)
	}
}
