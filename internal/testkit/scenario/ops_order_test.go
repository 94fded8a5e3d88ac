package scenario

import (
	"fmt"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/order"
)

// opPlaceOrder: a shopper checks out one to three SKUs; the order must be
// attributed as the rule book says.
func (w *world) opPlaceOrder() {
	s, ok := pick(w, w.shoppers, nil)
	if !ok {
		w.count("nobody yet")
		return
	}
	var items []order.ItemInput
	var total money.Fen
	for _, i := range w.rng.Perm(len(w.skus))[:1+w.rng.IntN(3)] {
		k, qty := w.skus[i], int64(1+w.rng.IntN(3))
		items = append(items, order.ItemInput{SKUID: k.id, Quantity: qty})
		total += k.price * money.Fen(qty)
	}
	tier1, tier2 := w.expectAttribution(s)
	o, err := w.a.Orders.Place(ctx, order.PlaceInput{ShopperID: s.id, AddressID: s.address, Items: items})
	w.expect(err, success, "place order for shopper %d", s.id)
	ref := &orderRef{id: o.ID, buyer: s, pay: o.PayAmount, status: o.Status, expires: o.ExpiresAt,
		tier1: w.dist(o.DistributorID), tier2: w.dist(o.Tier2DistributorID)}
	if ref.tier1 != tier1 || ref.tier2 != tier2 || o.PayAmount != total {
		w.fatalf("order %d of shopper %d: tiers %s/%s pay %d, want %s/%s pay %d", o.ID, s.id,
			idOf(ref.tier1), idOf(ref.tier2), o.PayAmount, idOf(tier1), idOf(tier2), total)
	}
	w.orders = append(w.orders, ref)
	w.orderByID[ref.id] = ref
	w.touchOrder(ref)
}

// pickOrder returns a recent order in one of the statuses, or (one time in
// ten, to reorder events) any order.
func (w *world) pickOrder(statuses ...order.Status) (*orderRef, bool) {
	if w.rng.IntN(10) == 0 {
		return pick(w, w.orders, nil)
	}
	return pick(w, w.orders, func(o *orderRef) bool {
		for _, s := range statuses {
			if o.status == s {
				return true
			}
		}
		return false
	})
}

// refresh re-reads the order's status after a change.
func (w *world) refresh(o *orderRef) {
	var st order.Status
	w.must(w.a.DB.Gorm.Raw("SELECT status FROM orders WHERE id = ?", o.id).Scan(&st).Error, "reload order %d", o.id)
	o.status = st
	w.touchOrder(o)
}

// illegalUnless is success when the order's status allows the move and the
// illegal-transition conflict otherwise.
func illegalUnless(allowed bool) outcome {
	if allowed {
		return success
	}
	return refused(apperr.CodeConflict, "illegal_transition")
}

// opCancelOrder: the buyer cancels an unpaid order.
func (w *world) opCancelOrder() {
	o, ok := w.pickOrder(order.StatusPendingPayment)
	if !ok {
		w.count("no order")
		return
	}
	_, err := w.a.Orders.CancelByShopper(ctx, o.buyer.id, o.id)
	w.expect(err, illegalUnless(o.status == order.StatusPendingPayment), "cancel order %d (%s)", o.id, o.status)
	w.refresh(o)
	w.addReplay(replay{name: "cancel", want: refused(apperr.CodeConflict, "illegal_transition"), parallel: true, after: func() { w.refresh(o) },
		deliver: func() error { _, err := w.a.Orders.CancelByShopper(ctx, o.buyer.id, o.id); return err }})
}

// opShipAndComplete: the merchant ships a paid order and the buyer
// confirms it (or confirms a shipped one). Now and then the moves come in
// the wrong order and must be refused.
func (w *world) opShipAndComplete() {
	o, ok := w.pickOrder(order.StatusPaid, order.StatusShipped)
	if !ok {
		w.count("no order")
		return
	}
	ship := o.status == order.StatusPaid || (o.status != order.StatusShipped && w.rng.IntN(2) == 0)
	if ship {
		_, err := w.a.Orders.Ship(ctx, w.admin, o.id, "SF", fmt.Sprintf("SF%d", o.id))
		shipped := w.expect(err, illegalUnless(o.status == order.StatusPaid), "ship order %d (%s)", o.id, o.status)
		w.refresh(o)
		if !shipped {
			return
		}
		w.addReplay(replay{name: "shipment", want: refused(apperr.CodeConflict, "illegal_transition"), parallel: true, after: func() { w.refresh(o) },
			deliver: func() error { _, err := w.a.Orders.Ship(ctx, w.admin, o.id, "SF", "again"); return err }})
		if w.rng.IntN(5) < 2 {
			return // received later
		}
	}
	_, err := w.a.Orders.ConfirmReceipt(ctx, o.buyer.id, o.id)
	w.expect(err, illegalUnless(o.status == order.StatusShipped), "confirm order %d (%s)", o.id, o.status)
	w.refresh(o)
	w.addReplay(replay{name: "receipt", want: refused(apperr.CodeConflict, "illegal_transition"), parallel: true, after: func() { w.refresh(o) },
		deliver: func() error { _, err := w.a.Orders.ConfirmReceipt(ctx, o.buyer.id, o.id); return err }})
}

// opSettle runs the settlement job (sometimes two runners at once); every
// record unlocked before it started and not held by an open refund request
// must be settled afterwards.
func (w *world) opSettle() {
	before := database.Now()
	runs := 1 + w.rng.IntN(2)
	settled := make([]int, runs)
	fns := make([]func() error, runs)
	for i := range fns {
		fns[i] = func() (err error) { settled[i], err = w.a.Commissions.SettleDue(ctx); return err }
	}
	for _, err := range w.concurrently(fns...) {
		w.expect(err, success, "settle")
	}
	if settled[0] >= 500 || (runs == 2 && settled[1] >= 500) {
		return // a full batch: the next run continues
	}
	var left int64
	err := w.a.DB.Gorm.Raw(`SELECT COUNT(*) FROM commission_records c WHERE c.status = 'pending' AND c.unlock_at IS NOT NULL AND c.unlock_at <= ?
		AND NOT EXISTS (SELECT 1 FROM refund_requests r WHERE r.order_id = c.order_id AND r.status = 'pending')`, before).Scan(&left).Error
	w.must(err, "count due records")
	if left != 0 {
		w.fatalf("%d due commission records left unsettled after settling", left)
	}
}

// checkAccrual compares the records the payment wrote with the commission
// rules: one per line and attributed tier, Compute's amount from the
// catalogue and the global rates, nothing for a distributor frozen since
// checkout, and nothing or everything under a buyer cap.
func (w *world) checkAccrual(o *orderRef) {
	var lines []order.Line
	w.must(w.a.DB.Gorm.Where("order_id = ?", o.id).Order("id").Find(&lines).Error, "load lines of order %d", o.id)
	recs, err := w.a.Commissions.RecordsOf(ctx, o.id)
	w.must(err, "load records of order %d", o.id)
	tiers := 0
	for _, d := range []*dist{o.tier1, o.tier2} {
		if d != nil {
			tiers++
		}
	}
	if len(recs) != tiers*len(lines) {
		w.fatalf("order %d (tiers %s/%s, %d lines) has %d commission records", o.id, idOf(o.tier1), idOf(o.tier2), len(lines), len(recs))
	}
	byID := map[int64]order.Line{}
	for _, l := range lines {
		byID[l.ID] = l
	}
	capped := w.comm.CapOrdersPerBuyerDay > 0 || w.comm.CapOrdersPerBuyerMonth > 0
	for _, r := range recs {
		l, k := byID[r.OrderLineID], w.skuByID[byID[r.OrderLineID].SKUID]
		earner := o.tier1
		if r.Tier == 2 {
			earner = o.tier2
		}
		res, err := commission.Compute(commission.Input{Paid: l.PaidAmount, Quantity: l.Quantity,
			Product: commission.Setting{Mode: commission.Mode(k.mode), Tier1: k.tier1, Tier2: k.tier2},
			Global:  commission.Rates{Tier1: w.comm.Tier1RateBP, Tier2: w.comm.Tier2RateBP}})
		w.must(err, "compute line %d", l.ID)
		want, reason := res.Tier1, ""
		if r.Tier == 2 {
			want = res.Tier2
		}
		switch {
		case earner == nil:
			w.fatalf("record %d pays tier %d of order %d, which has no tier %d", r.ID, r.Tier, o.id, r.Tier)
		case earner.status != referral.StatusActive:
			want, reason = 0, commission.ReasonDistributorInactive
		case capped && r.Reason == commission.ReasonCapExceeded:
			want, reason = 0, commission.ReasonCapExceeded
		}
		if r.DistributorID != earner.id || r.Amount != want || r.Reason != reason || l.PaidAmount != k.price*money.Fen(l.Quantity) {
			w.fatalf("record %+v of line %+v: want distributor %d amount %d reason %q", r, l, earner.id, want, reason)
		}
	}
}
