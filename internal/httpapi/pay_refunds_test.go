package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"fenxiao/internal/payment"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// paidBy places an order and pays it with method at the fake provider;
// the payment reaches us by an active query (as after a lost notification).
func (w *payWorld) paidBy(t *testing.T, method string) (*order.Order, payment.Started) {
	t.Helper()
	o, st := w.pay(t, method)
	w.providerPays(t, st)
	if err := w.a.Payments.CheckBeforeCancel(testkit.Ctx(), o.ID); err != nil {
		t.Fatal(err)
	}
	if s := w.status(t, o.ID); s != order.StatusPaid {
		t.Fatalf("order %s after paying", s)
	}
	return o, st
}

// providerPays makes the fake provider take the money for st (at Alipay,
// after the buyer opened the cashier).
func (w *payWorld) providerPays(t testing.TB, st payment.Started) {
	t.Helper()
	no := st.Payment.OutTradeNo
	if st.Payment.Provider == "alipay" {
		w.openCashier(t, st)
		if err := w.fakes.Alipay.MarkPaid(no); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := w.fakes.WeChat.MarkPaid(no); err != nil {
		t.Fatal(err)
	}
}

// askRefund is the buyer asking for one unit of the order's first line back.
func (w *payWorld) askRefund(t *testing.T, o *order.Order, reason string) (*order.RefundRequest, error) {
	t.Helper()
	d, err := w.a.Orders.ShopperDetail(testkit.Ctx(), w.buyer, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	return w.a.Orders.RequestRefund(testkit.Ctx(), w.buyer, o.ID, order.RefundInput{Reason: reason,
		Lines: []order.RefundLineInput{{OrderLineID: d.Lines[0].ID, Quantity: 1}}})
}

// requestRefund asks for one unit of the order's first line back and has
// an admin approve it through the API.
func (w *payWorld) requestRefund(t *testing.T, o *order.Order) *order.RefundRequest {
	t.Helper()
	r, err := w.askRefund(t, o, "尺码不合适")
	if err != nil {
		t.Fatal(err)
	}
	var approved order.RefundRequest
	w.a.AdminClient(t, adminauth.RoleOperator).Do("POST", fmt.Sprintf("/api/admin/refunds/%d/approve", r.ID), nil).
		Expect(http.StatusOK).JSON(&approved)
	return &approved
}

// approvedRefund pays an order with method and has one unit's refund
// approved: the order, its payment, the refund request and the provider
// refund it made (not yet sent).
func (w *payWorld) approvedRefund(t *testing.T, method string) (*order.Order, payment.Started, *order.RefundRequest, payment.Refund) {
	t.Helper()
	o, st := w.paidBy(t, method)
	r := w.requestRefund(t, o)
	return o, st, r, w.refundRow(t, r.ID)
}

// sentRefund is approvedRefund with the refund job run once.
func (w *payWorld) sentRefund(t *testing.T, method string) (*order.Order, payment.Started, *order.RefundRequest, payment.Refund) {
	t.Helper()
	o, st, r, rf := w.approvedRefund(t, method)
	if err := w.a.Payments.SendRefund(testkit.Ctx(), rf.ID); err != nil {
		t.Fatal(err)
	}
	return o, st, r, rf
}

func (w *payWorld) refundRow(t *testing.T, refundRequestID int64) payment.Refund {
	t.Helper()
	var rf payment.Refund
	if err := w.a.DB.Gorm.Where("refund_request_id = ?", refundRequestID).Take(&rf).Error; err != nil {
		t.Fatalf("no provider refund for request %d: %v", refundRequestID, err)
	}
	return rf
}

func (w *payWorld) refundStatus(t *testing.T, id int64) order.RefundStatus {
	t.Helper()
	var s order.RefundStatus
	w.a.DB.Gorm.Raw("SELECT status FROM refund_requests WHERE id = ?", id).Scan(&s)
	return s
}

// WeChat Pay: approval -> processing (amount reserved, commissions
// untouched) -> the job asks WeChat -> WeChat's notification (ten
// concurrent copies) completes it once: lines, order and commissions.
func TestWeChatRefundCompletesByNotification(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		ctx := testkit.Ctx()
		o, st, r, rf := w.approvedRefund(t, "wechat_native")
		if r.Status != order.RefundProcessing {
			t.Fatalf("approved refund is %s, want processing", r.Status)
		}
		if rf.Status != payment.RefundProcessing || rf.OutRefundNo != r.RefundNo || rf.OutTradeNo != st.Payment.OutTradeNo || rf.Amount != r.Amount {
			t.Fatalf("provider refund %+v", rf)
		}
		if n := w.a.OrderCount(t, "river_job", "kind = ?", "payment.refund"); n != 1 {
			t.Fatalf("refund jobs = %d, want 1 enqueued with the approval", n)
		}
		if n := w.a.OrderCount(t, "commission_records", "order_id = ? AND status = 'pending' AND reversed_amount = 0", o.ID); n != 2 {
			t.Fatalf("commissions changed before the money went back (%d untouched)", n)
		}
		// A second request while this one is processing is refused.
		if _, err := w.askRefund(t, o, "again"); err == nil {
			t.Fatal("a second refund request was accepted while one is processing")
		}

		if err := w.a.Payments.SendRefund(ctx, rf.ID); err != nil {
			t.Fatal(err)
		}
		if got, ok := w.fakes.WeChat.Refund(rf.OutRefundNo); !ok || got.Amount != int64(r.Amount) {
			t.Fatalf("WeChat refund %+v (found %v)", got, ok)
		}
		if w.refundStatus(t, r.ID) != order.RefundProcessing {
			t.Fatal("WeChat answered PROCESSING; the refund must wait for its outcome")
		}
		// Sending again (a retried job) is idempotent at WeChat.
		if err := w.a.Payments.SendRefund(ctx, rf.ID); err != nil {
			t.Fatal(err)
		}

		if err := w.fakes.WeChat.CompleteRefund(rf.OutRefundNo); err != nil {
			t.Fatal(err)
		}
		w.deliverAtOnce(t, "refund notification", w.refundNotice(t, rf.OutRefundNo), 10)
		if s := w.refundStatus(t, r.ID); s != order.RefundRefunded {
			t.Fatalf("refund request %s after the notification", s)
		}
		if got := w.refundRow(t, r.ID); got.Status != payment.RefundSucceeded || got.ProviderRefundID == "" || got.SucceededAt == nil {
			t.Fatalf("provider refund after the notification: %+v", got)
		}
		if n := w.a.OrderCount(t, "order_lines", "order_id = ? AND refunded_qty = 1", o.ID); n != 1 {
			t.Fatal("the refunded unit was not added to the line")
		}
		if n := w.a.OrderCount(t, "order_events", "order_id = ? AND event = ?", o.ID, order.EventRefunded); n != 1 {
			t.Fatalf("refunded events = %d, want exactly 1", n)
		}
		if n := w.a.OrderCount(t, "commission_records", "order_id = ? AND reversed_amount > 0", o.ID); n != 2 {
			t.Fatalf("commissions clawed back: %d records, want tier 1 and tier 2", n)
		}
		w.a.CheckCommissionLedger(t)
	})
}

// Alipay refunds synchronously: the job's answer completes the refund.
func TestAlipayRefundCompletesWithTheAnswer(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		o, st, r, rf := w.sentRefund(t, "alipay_wap")
		if s := w.refundStatus(t, r.ID); s != order.RefundRefunded {
			t.Fatalf("refund request %s, want refunded", s)
		}
		if got := w.fakes.Alipay.Refunded(st.Payment.OutTradeNo); got != int64(r.Amount) {
			t.Fatalf("Alipay refunded %d, want %d", got, r.Amount)
		}
		// Alipay's refund notification afterwards changes nothing.
		v, err := w.fakes.Alipay.RefundNotification(st.Payment.OutTradeNo, rf.OutRefundNo)
		if err != nil {
			t.Fatal(err)
		}
		res, err := http.PostForm(w.notifyURL("alipay"), v)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("refund notification answered %d", res.StatusCode)
		}
		if n := w.a.OrderCount(t, "order_events", "order_id = ? AND event = ?", o.ID, order.EventRefunded); n != 1 {
			t.Fatalf("refunded events = %d, want 1", n)
		}
		w.a.CheckCommissionLedger(t)
	})
}

// A refund WeChat closes fails the request, releases the reserved amount
// (the shopper may ask again) and alerts the merchant.
func TestClosedRefundFailsAndReleasesTheAmount(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		ctx := testkit.Ctx()
		o, _, r, rf := w.sentRefund(t, "wechat_jsapi")
		if err := w.fakes.WeChat.CloseRefund(rf.OutRefundNo); err != nil {
			t.Fatal(err)
		}
		w.deliver(t, "notification", w.refundNotice(t, rf.OutRefundNo))
		if s := w.refundStatus(t, r.ID); s != order.RefundFailed {
			t.Fatalf("refund request %s, want failed", s)
		}
		if n := w.a.OrderCount(t, "orders", "id = ? AND refunded_amount = 0", o.ID); n != 1 {
			t.Fatal("the reserved amount was not released")
		}
		if n := w.a.OrderCount(t, "payment_alerts", "kind = ? AND order_id = ?", payment.AlertRefundFailed, o.ID); n != 1 {
			t.Fatal("failed refund not alerted")
		}
		// Should the provider ever report the failed refund as paid after
		// all, the order is not touched twice but the merchant is told.
		late := payment.RefundResult{OutRefundNo: rf.OutRefundNo, Status: payment.RefundSucceeded, Amount: rf.Amount}
		if err := w.a.Payments.RefundNotified(ctx, "wechatpay", rf.OutTradeNo, late); err != nil {
			t.Fatal(err)
		}
		if n := w.a.OrderCount(t, "payment_alerts", "kind = ? AND order_id = ? AND detail LIKE ?", payment.AlertRefundFailed, o.ID, "%now reports it succeeded%"); n != 1 {
			t.Fatal("a success after the failure was not alerted")
		}
		if s := w.refundStatus(t, r.ID); s != order.RefundFailed {
			t.Fatalf("refund request %s, want it left failed", s)
		}
		again := w.requestRefund(t, o)
		if again.Status != order.RefundProcessing {
			t.Fatalf("the shopper's second request is %s", again.Status)
		}
		w.a.CheckCommissionLedger(t)
	})
}

// WeChat's ABNORMAL (the payer's card was closed) is not a failure: the
// refund stays processing, the merchant is alerted to re-route it in the
// portal, and WeChat's later SUCCESS completes it like any other.
func TestAbnormalRefundWaitsForTheMerchantThenCompletes(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		o, _, r, rf := w.sentRefund(t, "wechat_jsapi")
		notify := func() {
			t.Helper()
			w.deliver(t, "notification", w.refundNotice(t, rf.OutRefundNo))
		}
		if err := w.fakes.WeChat.AbnormalRefund(rf.OutRefundNo); err != nil {
			t.Fatal(err)
		}
		notify()
		notify() // repeated: still one alert
		if s := w.refundStatus(t, r.ID); s != order.RefundProcessing {
			t.Fatalf("refund request %s after ABNORMAL, want still processing", s)
		}
		if n := w.a.OrderCount(t, "payment_alerts", "kind = ? AND order_id = ?", payment.AlertRefundStuck, o.ID); n != 1 {
			t.Fatalf("%d stuck-refund alerts, want 1", n)
		}
		if n := w.a.OrderCount(t, "orders", "id = ? AND refunded_amount = ?", o.ID, r.Amount); n != 1 {
			t.Fatal("the refund's amount must stay reserved while it waits")
		}
		if err := w.fakes.WeChat.CompleteRefund(rf.OutRefundNo); err != nil {
			t.Fatal(err)
		}
		notify()
		if s := w.refundStatus(t, r.ID); s != order.RefundRefunded {
			t.Fatalf("refund request %s after SUCCESS, want refunded", s)
		}
		w.a.CheckCommissionLedger(t)
	})
}

// Provider trouble: WeChat answers 500 to the refund; the job fails (to be
// retried) and the refund stays processing with the error noted; the poll
// later finds WeChat never received it, sends it again (same number) and
// the outcome arrives by query.
func TestRefundSurvivesProviderTrouble(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		ctx := testkit.Ctx()
		_, _, r, rf := w.approvedRefund(t, "wechat_native")
		w.fakes.WeChat.FailNext(http.StatusInternalServerError, "SYSTEM_ERROR", "系统繁忙")
		if err := w.a.Payments.SendRefund(ctx, rf.ID); err == nil {
			t.Fatal("a 500 from WeChat must fail the job so it is retried")
		}
		if got := w.refundRow(t, r.ID); got.Status != payment.RefundProcessing || got.LastError == "" {
			t.Fatalf("after a 500: %+v", got)
		}
		if _, ok := w.fakes.WeChat.Refund(rf.OutRefundNo); ok {
			t.Fatal("the fake recorded a refund it answered 500 to")
		}
		poll := func() { // makes the refund's next question due and runs the poll
			t.Helper()
			w.a.DB.Gorm.Exec("UPDATE payment_refunds SET next_query_at = created_at WHERE id = ?", rf.ID)
			if out, err := w.a.Jobs.RunPeriodic(ctx, payment.RefundPollJob); err != nil {
				t.Fatalf("poll: %s %v", out, err)
			}
		}
		poll()
		if _, ok := w.fakes.WeChat.Refund(rf.OutRefundNo); !ok {
			t.Fatal("the poll did not send the refund WeChat never received")
		}
		if err := w.fakes.WeChat.CompleteRefund(rf.OutRefundNo); err != nil {
			t.Fatal(err)
		}
		poll()
		if s := w.refundStatus(t, r.ID); s != order.RefundRefunded {
			t.Fatalf("refund request %s after the poll, want refunded", s)
		}
		w.a.CheckCommissionLedger(t)
	})
}
