package scenario

import (
	"fmt"

	"fenxiao/internal/payment"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/order"
)

// notice is a provider's payment notice for o.
func (w *world) notice(o *orderRef, provider, txn string, amount money.Fen) func() error {
	return func() error {
		return w.a.Orders.MarkPaid(ctx, nil, o.id, order.PaymentInfo{Provider: provider, Method: provider, TransactionID: txn, Amount: amount})
	}
}

// payOutcome is what a notice of (provider, txn) must do to o: pay it once,
// be a no-op when repeated, and be refused (money to send back) when the
// order was paid by another transaction or cannot be paid any more.
func payOutcome(o *orderRef, provider, txn string) outcome {
	switch {
	case o.txn != "" && o.provider == provider && o.txn == txn:
		return success
	case o.txn != "":
		return refused(apperr.CodeConflict, "already_paid")
	case o.status == order.StatusPendingPayment:
		return success
	}
	return refused(apperr.CodeConflict, "not_payable")
}

// opPay delivers a payment: a provider notice (sometimes a late duplicate,
// another transaction or a wrong amount) or a sandbox attempt.
func (w *world) opPay() {
	o, ok := w.pickOrder(order.StatusPendingPayment)
	if !ok {
		w.count("no order")
		return
	}
	switch r := w.rng.IntN(20); {
	case r == 0:
		txn := fmt.Sprintf("X%d-%d", o.id, w.step)
		want := payOutcome(o, "wxpay", txn)
		if want.code == "" {
			want = refused(apperr.CodeConflict, "amount_mismatch")
		}
		w.expect(w.notice(o, "wxpay", txn, o.pay+1)(), want, "notice with a wrong amount for order %d (%s)", o.id, o.status)
	case r < 12:
		txn := fmt.Sprintf("T%d", o.id)
		if w.rng.IntN(5) == 0 {
			txn = fmt.Sprintf("T%d-%d", o.id, w.step) // another transaction
		}
		if w.expect(w.notice(o, "wxpay", txn, o.pay)(), payOutcome(o, "wxpay", txn), "notice %s for order %d (%s)", txn, o.id, o.status) && o.txn == "" {
			w.paid(o)
		}
	default:
		w.paySandbox(o)
	}
}

// paySandbox starts a sandbox attempt and confirms it.
func (w *world) paySandbox(o *orderRef) {
	want := success
	switch {
	case o.status != order.StatusPendingPayment:
		want = refused(apperr.CodeConflict, "not_payable")
	case !database.Now().Before(o.expires):
		want = refused(apperr.CodeConflict, "order_expired")
	}
	started, err := w.a.Payments.Pay(ctx, o.buyer.id, o.id, payment.SandboxProvider)
	if !w.expect(err, want, "start a sandbox payment of order %d (%s)", o.id, o.status) {
		return
	}
	trade := started.Payment.OutTradeNo
	_, err = w.a.Payments.SandboxConfirm(ctx, o.buyer.id, trade)
	w.expect(err, success, "confirm sandbox payment %s of order %d", trade, o.id)
	w.paid(o)
	w.addReplay(replay{name: "sandbox confirmation", parallel: true,
		deliver: func() error { _, err := w.a.Payments.SandboxConfirm(ctx, o.buyer.id, trade); return err }})
}

// paid records the payment that paid o, checks what it accrued and keeps
// its notice for duplicate delivery.
func (w *world) paid(o *orderRef) {
	var p struct{ Status, PayProvider, PayTransactionID string }
	w.must(w.a.DB.Gorm.Raw("SELECT status, pay_provider, pay_transaction_id FROM orders WHERE id = ?", o.id).Scan(&p).Error, "reload order %d", o.id)
	if p.Status != string(order.StatusPaid) || p.PayTransactionID == "" {
		w.fatalf("order %d is %s (transaction %q) after its payment", o.id, p.Status, p.PayTransactionID)
	}
	o.status, o.provider, o.txn = order.StatusPaid, p.PayProvider, p.PayTransactionID
	if w.binding.LockOnFirstPaid && o.buyer.boundTo != nil {
		o.buyer.locked = true
	}
	w.touchOrder(o)
	w.checkAccrual(o)
	w.addReplay(replay{name: "payment notice", deliver: w.notice(o, o.provider, o.txn, o.pay), parallel: true})
}

// opPayConcurrently delivers several payments of one unpaid order at once:
// the same notice repeated, notices of two transactions, or confirmations
// of two sandbox attempts. Exactly one payment wins and commission accrues
// once; repeats of the winning notice succeed, the other transaction's
// notice is refused, and the losing sandbox attempt is refused or taken as
// orphaned money for the merchant to send back.
func (w *world) opPayConcurrently() {
	o, ok := pick(w, w.orders, func(o *orderRef) bool { return o.status == order.StatusPendingPayment })
	if !ok {
		w.count("no unpaid order")
		return
	}
	var keys []string // which transaction or attempt each call delivers
	var fns []func() error
	sandbox := w.rng.IntN(3) == 0
	if !sandbox {
		txns := []string{fmt.Sprintf("C%d-a", o.id), fmt.Sprintf("C%d-b", o.id)}
		two := w.rng.IntN(2)
		for i := range 2 + w.rng.IntN(3) {
			keys = append(keys, txns[i%2*two])
			fns = append(fns, w.notice(o, "wxpay", keys[i], o.pay))
		}
	} else {
		// The sandbox makes up a new transaction id per confirmation, so a
		// repeat would be another transaction: one confirmation per attempt.
		for range 2 {
			started, err := w.a.Payments.Pay(ctx, o.buyer.id, o.id, payment.SandboxProvider)
			w.must(err, "start sandbox payment of order %d", o.id)
			trade := started.Payment.OutTradeNo
			keys = append(keys, trade)
			fns = append(fns, func() error { _, err := w.a.Payments.SandboxConfirm(ctx, o.buyer.id, trade); return err })
		}
	}
	errs := w.concurrently(fns...)
	var winner struct{ TransactionID, OutTradeNo string }
	err := w.a.DB.Gorm.Raw(`SELECT o.pay_transaction_id AS transaction_id, COALESCE(p.out_trade_no, '') AS out_trade_no FROM orders o
		LEFT JOIN payments p ON p.order_id = o.id AND p.transaction_id = o.pay_transaction_id WHERE o.id = ?`, o.id).Scan(&winner).Error
	w.must(err, "read the winning payment of order %d", o.id)
	for i, err := range errs {
		want := refused(apperr.CodeConflict, "already_paid")
		switch {
		case keys[i] == winner.TransactionID || keys[i] == winner.OutTradeNo:
			want = success
		case sandbox && err == nil: // the losing attempt, orphaned
			want = success
		}
		w.expect(err, want, "concurrent payment %s of order %d (winner %+v)", keys[i], o.id, winner)
	}
	w.paid(o)
}

// opPayManyOrders delivers the notices of several unpaid orders at once,
// as a provider does under load; orders that share distributors accrue to
// the same accounts concurrently. Every payment must go through.
func (w *world) opPayManyOrders() {
	var batch []*orderRef
	seen := map[*orderRef]bool{}
	for range 2 + w.rng.IntN(3) {
		o, ok := pick(w, w.orders, func(o *orderRef) bool { return o.status == order.StatusPendingPayment && !seen[o] })
		if !ok {
			break
		}
		seen[o] = true
		batch = append(batch, o)
	}
	if len(batch) < 2 {
		w.count("not enough unpaid orders")
		return
	}
	fns := make([]func() error, len(batch))
	for i, o := range batch {
		fns[i] = w.notice(o, "wxpay", fmt.Sprintf("T%d", o.id), o.pay)
	}
	for i, err := range w.concurrently(fns...) {
		w.expect(err, success, "notice of order %d among %d at once", batch[i].id, len(batch))
	}
	for _, o := range batch {
		w.paid(o)
	}
}
