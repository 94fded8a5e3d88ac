package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// cancelThenPay places an order, starts a WeChat payment, cancels the
// order and then has WeChat take the money and notify us.
func (w *payWorld) cancelThenPay(t *testing.T, stockLeft int64) (*order.Order, payment.Started) {
	t.Helper()
	w.a.DB.Gorm.Exec("UPDATE skus SET stock = 100 WHERE id = ?", w.sku) // an earlier case may have sold out
	o, st := w.pay(t, "wechat_native")
	w.shop.Do("POST", fmt.Sprintf("/api/shop/orders/%d/cancel", o.ID), nil).Expect(http.StatusOK)
	if stockLeft >= 0 {
		w.a.DB.Gorm.Exec("UPDATE skus SET stock = ? WHERE id = ?", stockLeft, w.sku)
	}
	w.providerPays(t, st)
	n := w.paymentNotice(t, st.Payment.OutTradeNo)
	for i := 0; i < 3; i++ { // repeated deliveries change nothing more
		w.deliver(t, "notification", n)
	}
	return o, st
}

// A payment that arrives after its order was cancelled is never lost: the
// order is restored when its stock is still there; otherwise the money is
// refunded automatically (merchant setting) or the merchant is told to.
func TestPaymentAfterCancellation(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		ctx := testkit.Ctx()

		t.Run("restored while stock lasts", func(t *testing.T) {
			o, _ := w.cancelThenPay(t, -1) // stock 100 when placed
			if s := w.status(t, o.ID); s != order.StatusPaid {
				t.Fatalf("order %s, want paid again", s)
			}
			if got := w.a.OrderStock(t, w.sku); got != 99 {
				t.Fatalf("stock %d, want 99 (taken again)", got)
			}
			if n := w.a.OrderCount(t, "commission_records", "order_id = ? AND status = 'pending'", o.ID); n != 2 {
				t.Fatalf("commissions = %d, want tier 1 and tier 2", n)
			}
			if n := w.a.OrderCount(t, "order_events", "order_id = ? AND event = ?", o.ID, order.EventRestored); n != 1 {
				t.Fatalf("restored events = %d", n)
			}
			if n := w.a.OrderCount(t, "payment_alerts", "kind = ? AND order_id = ?", payment.AlertRestored, o.ID); n != 1 {
				t.Fatal("the merchant was not told")
			}
		})

		t.Run("sold out: refunded automatically", func(t *testing.T) {
			o, st := w.cancelThenPay(t, 0)
			if s := w.status(t, o.ID); s != order.StatusCancelled {
				t.Fatalf("order %s, want still cancelled", s)
			}
			var rf payment.Refund
			if err := w.a.DB.Gorm.Where("order_id = ? AND refund_request_id IS NULL", o.ID).Take(&rf).Error; err != nil {
				t.Fatalf("no automatic refund: %v", err)
			}
			if rf.Amount != o.PayAmount || rf.OutTradeNo != st.Payment.OutTradeNo || rf.Status != payment.RefundProcessing {
				t.Fatalf("automatic refund %+v", rf)
			}
			if n := w.a.OrderCount(t, "payment_alerts", "kind = ? AND order_id = ?", payment.AlertLatePaymentRefunded, o.ID); n != 1 {
				t.Fatal("the merchant was not told")
			}
			if err := w.a.Payments.SendRefund(ctx, rf.ID); err != nil {
				t.Fatal(err)
			}
			if err := w.fakes.WeChat.CompleteRefund(rf.OutRefundNo); err != nil {
				t.Fatal(err)
			}
			w.deliver(t, "refund notification", w.refundNotice(t, rf.OutRefundNo))
			if n := w.a.OrderCount(t, "payment_refunds", "id = ? AND status = ?", rf.ID, payment.RefundSucceeded); n != 1 {
				t.Fatal("automatic refund not completed")
			}
			if n := w.a.OrderCount(t, "commission_records", "order_id = ?", o.ID); n != 0 {
				t.Fatal("a refunded late payment earned commission")
			}
		})

		t.Run("sold out, automatic refunds off: alert only", func(t *testing.T) {
			st, err := w.a.Orders.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			st.AutoRefundLatePayments = false
			if _, err := w.a.Orders.UpdateSettings(ctx, audit.Actor{Username: "test"}, st); err != nil {
				t.Fatal(err)
			}
			o, _ := w.cancelThenPay(t, 0)
			if n := w.a.OrderCount(t, "payment_refunds", "order_id = ?", o.ID); n != 0 {
				t.Fatal("refunded although the merchant turned automatic refunds off")
			}
			if n := w.a.OrderCount(t, "payment_alerts", "kind = ? AND order_id = ?", payment.AlertPaidAfterCancel, o.ID); n != 1 {
				t.Fatal("the merchant was not told to refund by hand")
			}
		})
		w.a.CheckCommissionLedger(t)
	})
}

// A refund notification that overtakes the payment's: the payment is
// confirmed by asking WeChat first, and the refund, made outside Fenxiao
// (the merchant portal), is alerted for the merchant to adjust the order.
func TestRefundNotificationBeforeThePayment(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		ctx := testkit.Ctx()
		o, st := w.pay(t, "wechat_native")
		w.providerPays(t, st) // its notification is lost
		_, err := w.a.WeChatPay.Refund(ctx, wechatpay.RefundRequest{OutTradeNo: st.Payment.OutTradeNo, OutRefundNo: "PORTAL-1",
			Amount: 100, Total: o.PayAmount, Reason: "portal"})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.fakes.WeChat.CompleteRefund("PORTAL-1"); err != nil {
			t.Fatal(err)
		}
		w.deliver(t, "refund notification", w.refundNotice(t, "PORTAL-1"))
		if s := w.status(t, o.ID); s != order.StatusPaid {
			t.Fatalf("order %s: the payment behind the refund was not confirmed", s)
		}
		if n := w.a.OrderCount(t, "payment_alerts", "kind = ? AND order_id = ?", payment.AlertForeignRefund, o.ID); n != 1 {
			t.Fatal("a refund made outside Fenxiao was not alerted")
		}
		// The payment's own notification, arriving last, changes nothing.
		w.deliver(t, "late payment notification", w.paymentNotice(t, st.Payment.OutTradeNo))
		if n := w.a.OrderCount(t, "commission_records", "order_id = ?", o.ID); n != 2 {
			t.Fatalf("commission records = %d, want 2 (once)", n)
		}
	})
}
