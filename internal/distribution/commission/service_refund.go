package commission

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/order"
)

// OnRefund reverses commission for an approved refund in its transaction
// (order.Lifecycle). Per refunded line and tier, ReversalDue works on the
// line's cumulative refunded amount, so partial refunds add up exactly. A
// pending commission is reduced (pending -X, expense +X); a settled one is
// clawed back from available, which may go negative (a debt the next
// earnings pay off). Keys "order_line:<id>:tier<n>:refund:<refund id>".
func (s *Service) OnRefund(ctx context.Context, tx *gorm.DB, o *order.Order, r *order.RefundRequest) error {
	tx = tx.WithContext(ctx)
	now := database.Now()
	var todo []lineRecord
	var accounts []ledger.Account
	for _, rl := range r.Lines {
		l, err := s.deps.Orders.Line(ctx, tx, rl.OrderLineID)
		if err != nil {
			return err
		}
		recs, err := recordsOfLine(tx, l.ID)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			todo = append(todo, lineRecord{rec: rec, line: *l})
			if rec.Amount > 0 && rec.Status != StatusReversed {
				accounts = append(accounts, reversedFrom(rec), ledger.MerchantShard(ledger.KindCommissionExpense, rec.OrderID))
			}
		}
	}
	// Distributor rows come before ledger balances, the order a payment
	// takes them in (it counts the order on its tier-1 distributor before
	// posting), or a refund and a payment of one distributor deadlock.
	if err := s.deps.Referral.LockDistributors(ctx, tx, earnersOf(todo)); err != nil {
		return err
	}
	// One posting per line and tier: take all their balance locks first, in
	// the ledger's order, or concurrent refunds can deadlock.
	if err := ledger.Lock(ctx, tx, accounts...); err != nil {
		return err
	}
	reversed := map[int]money.Fen{}
	earners := map[int]int64{}
	for _, t := range todo {
		if t.rec.Reason == "" {
			earners[t.rec.Tier] = t.rec.DistributorID
		}
		x, err := s.reverse(ctx, tx, t.rec, t.line, r, now)
		if err != nil {
			return err
		}
		reversed[t.rec.Tier] += x
	}
	return s.rankRefund(ctx, tx, r, earners, reversed, now)
}

// earnersOf are the distributors the records of todo credit.
func earnersOf(todo []lineRecord) []int64 {
	ids := make([]int64, 0, len(todo))
	for _, t := range todo {
		ids = append(ids, t.rec.DistributorID)
	}
	return ids
}

// lineRecord is a record with its order line.
type lineRecord struct {
	rec  Record
	line order.Line
}

// reversedFrom is the account a reversal of r takes from: pending until it
// settles, available after.
func reversedFrom(r Record) ledger.Account {
	if r.Status == StatusSettled {
		return ledger.Distributor(r.DistributorID, ledger.KindAvailable)
	}
	return ledger.Distributor(r.DistributorID, ledger.KindPending)
}

// reverse takes back what is due on one record and returns the amount.
func (s *Service) reverse(ctx context.Context, tx *gorm.DB, rec Record, l order.Line, r *order.RefundRequest, now time.Time) (money.Fen, error) {
	if rec.Amount <= 0 || rec.Status == StatusReversed {
		return 0, nil
	}
	due := ReversalDue(RefundState{Earned: rec.Amount, Paid: rec.BaseAmount, Refunded: l.RefundedAmount, Reversed: rec.ReversedAmount})
	if due <= 0 {
		return 0, nil
	}
	set := map[string]any{"reversed_amount": gorm.Expr("reversed_amount + ?", due)}
	if rec.Status != StatusSettled && rec.ReversedAmount+due == rec.Amount {
		set["status"] = StatusReversed
	}
	res := tx.Model(&Record{}).Where("id = ? AND status = ? AND reversed_amount = ?", rec.ID, rec.Status, rec.ReversedAmount).Updates(set)
	if res.Error != nil {
		return 0, fmt.Errorf("reverse commission record %d: %w", rec.ID, res.Error)
	}
	if res.RowsAffected != 1 {
		return 0, apperr.Conflict("the commission of this order is being settled; try again").WithReason("commission_busy")
	}
	_, err := ledger.Post(ctx, tx, ledger.Entry{Key: rec.key(fmt.Sprintf("refund:%d", r.ID)), Type: ledger.TypeCommissionReverse,
		RefType: "refund", RefID: r.ID, Memo: fmt.Sprintf("tier %d commission reversed by refund %s", rec.Tier, r.RefundNo),
		Lines: []ledger.Line{
			{Account: reversedFrom(rec), Amount: -due},
			{Account: ledger.MerchantShard(ledger.KindCommissionExpense, rec.OrderID), Amount: due},
		}})
	if err != nil || rec.Status != StatusSettled {
		return due, err
	}
	if err := s.progress().AddSettled(ctx, tx, rec.DistributorID, -due); err != nil {
		return 0, err
	}
	shopperID, err := s.shopperOf(ctx, tx, rec.DistributorID)
	if err != nil {
		return 0, err
	}
	key := fmt.Sprintf("clawback:%d:%d", r.ID, rec.ID)
	return due, s.deps.Notify.Notify(ctx, tx, notify.Notification{RecipientShopperID: shopperID, Kind: notify.KindClawback,
		Title: "佣金退回", Body: fmt.Sprintf("订单退款，已结算佣金 ¥%s 被扣回", due.Yuan()),
		Data:      map[string]any{"order_id": rec.OrderID, "refund_id": r.ID, "tier": rec.Tier, "amount": int64(due)},
		DedupeKey: &key})
}

// rankRefund takes the refund off the leaderboard: sales of the tier-1
// earner, commission of each earner.
func (s *Service) rankRefund(ctx context.Context, tx *gorm.DB, r *order.RefundRequest, earners map[int]int64, reversed map[int]money.Fen, now time.Time) error {
	var evs []leaderboard.Event
	if id, ok := earners[1]; ok && r.Amount > 0 {
		evs = append(evs, leaderboard.Event{DistributorID: id, Metric: leaderboard.MetricSales, Amount: -int64(r.Amount), At: now,
			Key: fmt.Sprintf("refund:%d:sales", r.ID)})
	}
	for tier := 1; tier <= 2; tier++ {
		id, ok := earners[tier]
		if !ok || reversed[tier] <= 0 {
			continue
		}
		evs = append(evs, leaderboard.Event{DistributorID: id, Metric: leaderboard.MetricCommission, Amount: -int64(reversed[tier]), At: now,
			Key: fmt.Sprintf("refund:%d:tier%d:commission", r.ID, tier)})
	}
	if len(evs) == 0 {
		return nil
	}
	return s.deps.Leaderboard.Record(ctx, tx, evs...)
}
