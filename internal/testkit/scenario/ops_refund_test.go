package scenario

import (
	"slices"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/shop/order"
)

// opRequestRefund: a buyer asks for some or all of an order back, before
// or after it settled; usually the merchant approves at once, otherwise the
// request stays open (and holds the order's settlement).
func (w *world) opRequestRefund() {
	o, ok := w.pickOrder(order.StatusPaid, order.StatusShipped, order.StatusCompleted)
	if !ok {
		w.count("no order")
		return
	}
	in, over := w.refundLines(o, w.rng.IntN(20) == 0)
	want := success
	switch {
	case o.status != order.StatusPaid && o.status != order.StatusShipped && o.status != order.StatusCompleted:
		want = refused(apperr.CodeConflict, "illegal_transition")
	case o.openRefund != 0:
		want = refused(apperr.CodeConflict, "refund_open")
	case over:
		want = refused(apperr.CodeConflict, "exceeds_refundable")
	}
	if !w.requestRefund(o, in, want) {
		return
	}
	if w.rng.IntN(3) != 0 {
		w.reviewRefund(o, true)
	}
}

// refundLines picks what to refund among the units not refunded yet: one
// line in part (or more than is left, when over is asked) or everything.
// over reports a request that must be refused as too much.
func (w *world) refundLines(o *orderRef, tooMuch bool) (in []order.RefundLineInput, over bool) {
	var lines []order.Line
	w.must(w.a.DB.Gorm.Where("order_id = ? AND refunded_qty < quantity", o.id).Order("id").Find(&lines).Error, "load lines of order %d", o.id)
	if len(lines) == 0 {
		var first order.Line
		w.must(w.a.DB.Gorm.Where("order_id = ?", o.id).Order("id").Take(&first).Error, "load a line of order %d", o.id)
		return []order.RefundLineInput{{OrderLineID: first.ID, Quantity: 1}}, true
	}
	l := lines[w.rng.IntN(len(lines))]
	left := l.Quantity - l.RefundedQty
	switch {
	case tooMuch:
		return []order.RefundLineInput{{OrderLineID: l.ID, Quantity: left + 1}}, true
	case w.rng.IntN(10) < 3:
		for _, l := range lines {
			in = append(in, order.RefundLineInput{OrderLineID: l.ID, Quantity: l.Quantity - l.RefundedQty})
		}
		return in, false
	}
	return []order.RefundLineInput{{OrderLineID: l.ID, Quantity: 1 + w.rng.Int64N(left)}}, false
}

// requestRefund asks for the lines as o's buyer and reports success.
func (w *world) requestRefund(o *orderRef, in []order.RefundLineInput, want outcome) bool {
	r, err := w.a.Orders.RequestRefund(ctx, o.buyer.id, o.id, order.RefundInput{Reason: "scenario", Lines: in})
	if !w.expect(err, want, "request refund %+v of order %d (%s, open request %d)", in, o.id, o.status, o.openRefund) {
		return false
	}
	o.openRefund = r.ID
	w.touchOrder(o)
	return true
}

// opReviewRefund: the merchant approves or rejects an open request, or
// approves the requests of several orders at once (a batch in the admin,
// two admins), whose reversals may hit the same distributors.
func (w *world) opReviewRefund() {
	var batch []*orderRef
	for range 1 + w.rng.IntN(3) {
		o, ok := pick(w, w.orders, func(o *orderRef) bool { return o.openRefund != 0 && !slices.Contains(batch, o) })
		if !ok {
			break
		}
		batch = append(batch, o)
	}
	if len(batch) == 0 {
		w.count("no open request")
		return
	}
	if len(batch) == 1 {
		w.reviewRefund(batch[0], w.rng.IntN(4) != 0)
		return
	}
	fns := make([]func() error, len(batch))
	for i, o := range batch {
		fns[i] = w.refundReview(o, true)
	}
	for i, err := range w.concurrently(fns...) {
		w.expect(err, success, "approve refund %d of order %d among %d at once", batch[i].openRefund, batch[i].id, len(batch))
	}
	for i, o := range batch {
		w.reviewed(o, fns[i])
	}
}

// refundReview approves or rejects o's open request.
func (w *world) refundReview(o *orderRef, approve bool) func() error {
	id := o.openRefund
	return func() error {
		if approve {
			_, err := w.a.Orders.ApproveRefund(ctx, w.admin, id)
			return err
		}
		_, err := w.a.Orders.RejectRefund(ctx, w.admin, id, "scenario")
		return err
	}
}

// reviewRefund approves or rejects o's open request; either must work.
func (w *world) reviewRefund(o *orderRef, approve bool) {
	review := w.refundReview(o, approve)
	w.expect(review(), success, "review (approve %v) refund %d of order %d", approve, o.openRefund, o.id)
	w.reviewed(o, review)
}

// reviewed closes o's request in the model; reviewing it again must be
// refused.
func (w *world) reviewed(o *orderRef, review func() error) {
	o.openRefund = 0
	w.refresh(o)
	w.addReplay(replay{name: "refund review", deliver: review, want: refused(apperr.CodeConflict, "illegal_transition"),
		parallel: true, after: func() { w.refresh(o) }})
}
