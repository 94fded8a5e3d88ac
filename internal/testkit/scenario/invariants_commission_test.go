package scenario

import (
	"fmt"
)

// checkTiers: there is no third tier. Records are tier 1 or 2; a tier-1
// record pays orders.distributor_id and a tier-2 record
// orders.tier2_distributor_id (the attribution made at checkout); an
// order's tier 2 is its tier 1's parent, never tier 1 itself nor the
// buyer's own account; and parent chains only point at older distributors,
// so they cannot loop.
func (w *world) checkTiers(sc scope) {
	db := w.a.DB.Gorm
	if cond, args, skip := sc.in("c.order_id", sc.orders); !skip {
		var rows []struct{ ID, OrderID, Tier, DistributorID int64 }
		err := db.Raw(`SELECT c.id, c.order_id, c.tier, c.distributor_id FROM commission_records c JOIN orders o ON o.id = c.order_id
			WHERE `+cond+` AND (c.tier NOT IN (1, 2)
				OR (c.tier = 1 AND (o.distributor_id IS NULL OR c.distributor_id <> o.distributor_id))
				OR (c.tier = 2 AND (o.tier2_distributor_id IS NULL OR c.distributor_id <> o.tier2_distributor_id)))`, args...).Scan(&rows).Error
		w.must(err, "check record tiers")
		bad(w, "records are tier 1 or 2 and pay the order's attributed distributors", rows)
	}
	if cond, args, skip := sc.in("o.id", sc.orders); !skip {
		var rows []struct{ ID, ShopperID, DistributorID, Tier2DistributorID, Parent int64 }
		err := db.Raw(`SELECT o.id, o.shopper_id, COALESCE(o.distributor_id, 0) AS distributor_id, o.tier2_distributor_id,
				COALESCE(d.parent_id, 0) AS parent FROM orders o
			LEFT JOIN distributors d ON d.id = o.distributor_id JOIN distributors t2 ON t2.id = o.tier2_distributor_id
			WHERE `+cond+` AND (t2.shopper_id = o.shopper_id OR (d.id IS NOT NULL AND (d.parent_id IS NULL OR d.parent_id <> o.tier2_distributor_id)))`,
			args...).Scan(&rows).Error
		w.must(err, "check order tiers")
		bad(w, "an order's tier 2 is the parent of its tier 1", rows)
	}
	if cond, args, skip := sc.in("id", sc.distributors); !skip {
		var rows []struct{ ID, ParentID int64 }
		err := db.Raw(`SELECT id, parent_id FROM distributors WHERE `+cond+` AND parent_id IS NOT NULL AND parent_id >= id`, args...).Scan(&rows).Error
		w.must(err, "check parent chains")
		bad(w, "parents are older than their children", rows)
	}
}

// checkCommissionCaps: no record earns more than its rule allows. A rate
// (or inherited rate) record is at most floor(rate x paid line amount), a
// fixed one at most fixed x quantity, none more than the line paid; the
// base is the line's paid amount; product rates are the catalogue's (as
// snapshotted on the line) and inherited rates one of the global rates the
// merchant set during the run.
func (w *world) checkCommissionCaps(sc scope) {
	cond, args, skip := sc.in("c.order_id", sc.orders)
	if skip {
		return
	}
	db := w.a.DB.Gorm
	var rows []struct {
		ID, Tier, Amount, BaseAmount, RateValue, PaidAmount int64
		Mode                                                string
	}
	err := db.Raw(`SELECT c.id, c.tier, c.mode, c.amount, c.base_amount, c.rate_value, l.paid_amount
		FROM commission_records c JOIN order_lines l ON l.id = c.order_line_id
		WHERE `+cond+` AND (c.order_id <> l.order_id OR c.amount < 0 OR c.amount > c.base_amount OR c.base_amount <> l.paid_amount
			OR c.rate_value < 0 OR (c.mode <> 'fixed' AND c.rate_value > 10000)
			OR (c.mode IN ('rate', 'inherit') AND c.amount * 10000 > c.base_amount * c.rate_value)
			OR (c.mode = 'fixed' AND c.amount > c.rate_value * l.quantity)
			OR c.mode <> (CASE WHEN l.commission_mode = '' THEN 'inherit' ELSE l.commission_mode END)
			OR (c.mode IN ('rate', 'fixed') AND c.rate_value <> (CASE WHEN c.tier = 1 THEN l.commission_tier1 ELSE l.commission_tier2 END)))`,
		args...).Scan(&rows).Error
	w.must(err, "check commission caps")
	bad(w, "commission never exceeds the rate times the paid amount", rows)

	var snaps []struct {
		SKUID        int64 `gorm:"column:sku_id"`
		Mode         string
		Tier1, Tier2 int64
	}
	lcond, largs, _ := sc.in("l.order_id", sc.orders)
	err = db.Raw(`SELECT DISTINCT l.sku_id, l.commission_mode AS mode, l.commission_tier1 AS tier1, l.commission_tier2 AS tier2
		FROM order_lines l WHERE `+lcond, largs...).Scan(&snaps).Error
	w.must(err, "read line snapshots")
	var wrong []string
	for _, s := range snaps {
		k := w.skuByID[s.SKUID]
		if k == nil || s.Mode != string(k.mode) || s.Tier1 != k.tier1 || s.Tier2 != k.tier2 {
			wrong = append(wrong, fmt.Sprintf("sku %d line snapshot %+v, catalogue %+v", s.SKUID, s, k))
		}
	}
	bad(w, "lines carry the catalogue's commission setting", wrong)

	var inherit []struct{ Tier, RateValue int64 }
	err = db.Raw(`SELECT DISTINCT c.tier, c.rate_value FROM commission_records c WHERE `+cond+` AND c.mode = 'inherit'`, args...).Scan(&inherit).Error
	w.must(err, "read inherited rates")
	inherit = filter(inherit, func(r struct{ Tier, RateValue int64 }) bool {
		return r.Tier < 1 || r.Tier > 2 || !w.inherit[r.Tier][r.RateValue]
	})
	bad(w, "inherited rates are global rates the merchant set", inherit)
}

// checkLineTotals: per order line the tiers together never earned more than
// the line paid, and what they keep never exceeds what is left after
// refunds; refunds never exceed what was paid; an order's refunded amount
// is the sum of its lines' and of its approved refund requests; it is
// refunded exactly when every unit is; at most one request is open.
func (w *world) checkLineTotals(sc scope) {
	cond, args, skip := sc.in("o.id", sc.orders)
	if skip {
		return
	}
	ccond, cargs, _ := sc.in("order_id", sc.orders)
	lcond, largs, _ := sc.in("l.order_id", sc.orders)
	db := w.a.DB.Gorm
	var lines []struct{ ID, OrderID, PaidAmount, RefundedAmount, Earned, Kept int64 }
	err := db.Raw(`SELECT l.id, l.order_id, l.paid_amount, l.refunded_amount, COALESCE(c.earned, 0) AS earned, COALESCE(c.kept, 0) AS kept
		FROM order_lines l LEFT JOIN (SELECT order_line_id, CAST(SUM(amount) AS BIGINT) AS earned,
				CAST(SUM(amount - reversed_amount) AS BIGINT) AS kept
			FROM commission_records WHERE `+ccond+` GROUP BY order_line_id) c ON c.order_line_id = l.id
		WHERE `+lcond+` AND (COALESCE(c.earned, 0) > l.paid_amount OR COALESCE(c.kept, 0) > l.paid_amount - l.refunded_amount
			OR l.refunded_amount < 0 OR l.refunded_amount > l.paid_amount OR l.refunded_qty < 0 OR l.refunded_qty > l.quantity)`,
		join(cargs, largs)...).Scan(&lines).Error
	w.must(err, "check line totals")
	bad(w, "commission per line never exceeds what the line paid", lines)

	rcond, rargs, _ := sc.in("order_id", sc.orders)
	var orders []orderRefunds
	err = db.Raw(`SELECT o.id, o.status, o.pay_amount, o.refunded_amount, COALESCE(l.refunded, 0) AS lines_refunded,
			COALESCE(l.open, 0) AS open_lines, COALESCE(r.refunded, 0) AS requests_refunded, COALESCE(r.open, 0) AS open_requests
		FROM orders o
		LEFT JOIN (SELECT order_id, CAST(SUM(refunded_amount) AS BIGINT) AS refunded,
				CAST(SUM(CASE WHEN refunded_qty < quantity THEN 1 ELSE 0 END) AS BIGINT) AS open
			FROM order_lines WHERE `+ccond+` GROUP BY order_id) l ON l.order_id = o.id
		LEFT JOIN (SELECT order_id, CAST(SUM(CASE WHEN status = 'refunded' THEN amount ELSE 0 END) AS BIGINT) AS refunded,
				CAST(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS BIGINT) AS open
			FROM refund_requests WHERE `+rcond+` GROUP BY order_id) r ON r.order_id = o.id
		WHERE `+cond, join(cargs, rargs, args)...).Scan(&orders).Error
	w.must(err, "check order refunds")
	orders = filter(orders, func(o orderRefunds) bool {
		switch {
		case o.RefundedAmount != o.LinesRefunded || o.RefundedAmount != o.RequestsRefunded || o.RefundedAmount > o.PayAmount:
			return true
		case o.OpenRequests > 1:
			return true
		case o.Status == "pending_payment" || o.Status == "cancelled":
			return o.RefundedAmount != 0 || o.OpenRequests != 0
		}
		return (o.Status == "refunded") != (o.OpenLines == 0)
	})
	bad(w, "refunds add up and an order is refunded when every unit is", orders)
}

// orderRefunds is an order's refund totals from its lines and requests.
type orderRefunds struct {
	ID                                                         int64
	Status                                                     string
	PayAmount, RefundedAmount, LinesRefunded, RequestsRefunded int64
	OpenLines, OpenRequests                                    int64
}

// checkReversals: refunds take commission back pro rata on cumulative
// amounts, so a record keeps exactly floor(amount x (paid - refunded) /
// paid) of its line, whether refunded before or after settlement; a
// reversed record is fully reversed; a settled record was unlocked by its
// order's completion.
func (w *world) checkReversals(sc scope) {
	cond, args, skip := sc.in("c.order_id", sc.orders)
	if skip {
		return
	}
	var rows []struct {
		ID, Amount, ReversedAmount, BaseAmount, RefundedAmount int64
		Status                                                 string
	}
	err := w.a.DB.Gorm.Raw(`SELECT c.id, c.status, c.amount, c.reversed_amount, c.base_amount, l.refunded_amount
		FROM commission_records c JOIN order_lines l ON l.id = c.order_line_id JOIN orders o ON o.id = c.order_id
		WHERE `+cond+` AND (c.status NOT IN ('pending', 'settled', 'reversed') OR c.reversed_amount < 0 OR c.reversed_amount > c.amount
			OR (c.amount > 0 AND c.base_amount > 0
				AND c.amount - c.reversed_amount <> (c.amount * (c.base_amount - l.refunded_amount)) / c.base_amount)
			OR (c.status = 'reversed' AND c.reversed_amount <> c.amount)
			OR (c.status = 'settled' AND (c.settled_at IS NULL OR c.unlock_at IS NULL OR o.completed_at IS NULL)))`,
		args...).Scan(&rows).Error
	w.must(err, "check reversals")
	bad(w, "refunds reverse commission pro rata, before and after settlement", rows)
}
