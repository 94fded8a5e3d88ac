package commission

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/order"
)

// shanghai is China Standard Time (no daylight saving), for the caps.
var shanghai = cst.Zone

// AttributeOrder names the order's tier-1 and tier-2 distributors at
// checkout (order.Attributor). With self_purchase on, an active
// distributor buying for itself is its own tier 1 and its parent tier 2;
// otherwise referral.Attribution decides (the buyer's bound distributor and
// that one's parent; frozen ones are nil and nobody moves up).
func (s *Service) AttributeOrder(ctx context.Context, tx *gorm.DB, shopperID int64) (tier1, tier2 *int64, err error) {
	cfg, err := loadSettings(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	if cfg.SelfPurchase {
		self, err := s.deps.Referral.EarnerOfShopper(ctx, tx, shopperID)
		if err != nil {
			return nil, nil, err
		}
		if self != nil && self.Status == referral.StatusActive {
			if self.ParentID != nil {
				p, err := s.deps.Referral.Earner(ctx, tx, *self.ParentID)
				if err != nil {
					return nil, nil, err
				}
				if p != nil && p.Status == referral.StatusActive {
					tier2 = &p.ID
				}
			}
			return &self.ID, tier2, nil
		}
	}
	t1, t2, err := s.deps.Referral.Attribution(ctx, tx, shopperID)
	if err != nil {
		return nil, nil, err
	}
	if t1 != nil {
		tier1 = &t1.ID
	}
	if t2 != nil {
		tier2 = &t2.ID
	}
	return tier1, tier2, nil
}

// accrual is what OnPaid works out for one tier of the order.
type accrual struct {
	tier   int
	earner *referral.Earner // nil: nobody at this tier
	reason string           // why this tier earns nothing, if so
	level  *money.BP
	total  money.Fen
}

// OnPaid accrues the commissions of orders that just became paid, in
// their transaction (order.Lifecycle): per line and tier with an earner, a
// record and a ledger posting (merchant commission_expense -X, distributor
// pending +X), keyed "order_line:<id>:tier<n>:accrue" so nothing can
// double. It also marks the buyers' purchases on their bindings, counts
// each order on its tier-1 distributor (distributors.paid_orders) and in
// leaderboard sales and commission, and tells the earners.
//
// A call takes any number of orders with a fixed number of statements
// (the payment path confirms notifications in batches), with the result
// of paying them one by one in call order: an earner's level includes the
// rises the call's earlier orders bring (their sales count before the
// next order's commission, as referral progress counts them), and a
// buyer's caps count the call's earlier orders.
func (s *Service) OnPaid(ctx context.Context, tx *gorm.DB, paid []order.Paid) error {
	if len(paid) == 0 {
		return nil
	}
	tx = tx.WithContext(ctx)
	now := database.Now()
	buyers := make([]int64, 0, len(paid))
	tier1 := map[int64]int64{}
	var named []int64
	for _, p := range paid {
		o := p.Order
		buyers = append(buyers, o.ShopperID)
		if o.DistributorID != nil {
			tier1[*o.DistributorID]++
			named = append(named, *o.DistributorID)
		}
		if o.Tier2DistributorID != nil {
			named = append(named, *o.Tier2DistributorID)
		}
	}
	if err := s.deps.Referral.MarkPurchase(ctx, tx, buyers, now); err != nil {
		return err
	}
	if err := s.deps.Referral.LockOnPaid(ctx, tx, buyers); err != nil {
		return err
	}
	if err := s.deps.Referral.CountPaidOrders(ctx, tx, tier1); err != nil {
		return err
	}
	cfg, err := loadSettings(ctx, tx)
	if err != nil {
		return err
	}
	lookup, err := s.lookupEarners(ctx, tx, named)
	if err != nil {
		return err
	}
	global := Rates{Tier1: cfg.Tier1RateBP, Tier2: cfg.Tier2RateBP}
	earlier := map[int64]int64{}  // buyer -> earning orders before this one in the call
	sold := map[int64]money.Fen{} // tier-1 distributor -> sales of the call's orders before this one
	var recs []Record
	tiersOf := make([][]*accrual, len(paid))
	for i, p := range paid {
		tiers, err := earners(tx, p.Order, cfg, now, lookup, earlier[p.Order.ShopperID], sold)
		if err != nil {
			return err
		}
		if id := p.Order.DistributorID; id != nil {
			sold[*id] += p.Order.PayAmount
		}
		earns := false
		for _, l := range p.Lines {
			rs, err := lineRecords(p.Order, l, global, tiers, now)
			if err != nil {
				return err
			}
			for _, r := range rs {
				tiers[r.Tier-1].total += r.Amount
				earns = earns || r.Amount > 0
			}
			recs = append(recs, rs...)
		}
		if earns {
			earlier[p.Order.ShopperID]++
		}
		tiersOf[i] = tiers
	}
	if len(recs) > 0 {
		if err := tx.CreateInBatches(&recs, 500).Error; err != nil { // 15 columns: inside SQLite's parameter limit
			return fmt.Errorf("insert commission records: %w", err)
		}
	}
	// Rows every payment updates are touched last, each lock held from the
	// moment it is taken until commit: the ledger balances, among them the
	// merchant's commission_expense shards, all locked at once in account
	// id order after the distributor rows, as refunds and settlement take
	// them.
	if _, err := ledger.PostMany(ctx, tx, accrualEntries(recs)); err != nil {
		return err
	}
	return s.announce(ctx, tx, paid, tiersOf, now)
}

// accrualEntries are the postings of recs' positive amounts.
func accrualEntries(recs []Record) []ledger.Entry {
	var out []ledger.Entry
	for _, r := range recs {
		if r.Amount <= 0 {
			continue
		}
		out = append(out, ledger.Entry{Key: r.key("accrue"), Type: ledger.TypeCommissionAccrue, RefType: "order", RefID: r.OrderID,
			Memo: fmt.Sprintf("tier %d commission on order line %d", r.Tier, r.OrderLineID),
			Lines: []ledger.Line{
				{Account: ledger.MerchantShard(ledger.KindCommissionExpense, r.OrderID), Amount: -r.Amount},
				{Account: ledger.Distributor(r.DistributorID, ledger.KindPending), Amount: r.Amount},
			}})
	}
	return out
}

// earners resolves both tiers at payment time: a distributor frozen or
// removed since checkout earns nothing, and a capped buyer earns nobody
// anything. earlier counts the buyer's earning orders paid before this one
// in the same call, sold the sales those orders brought their tier-1
// distributors.
func earners(tx *gorm.DB, o *order.Order, cfg Settings, now time.Time, lookup *earnerLookup, earlier int64, sold map[int64]money.Fen) ([]*accrual, error) {
	capped, err := overCap(tx, o, cfg, now, earlier)
	if err != nil {
		return nil, err
	}
	out := make([]*accrual, 0, 2)
	for tier, id := range []*int64{o.DistributorID, o.Tier2DistributorID} {
		a := &accrual{tier: tier + 1}
		out = append(out, a)
		if id == nil {
			continue
		}
		if a.earner = lookup.earners[*id]; a.earner == nil {
			continue // the row is gone: nobody earns at this tier
		}
		switch {
		case a.earner.Status != referral.StatusActive:
			a.reason = ReasonDistributorInactive
		case capped:
			a.reason = ReasonCapExceeded
		}
		if lvl := lookup.levelOf(a.earner, sold[a.earner.ID]); lvl != nil {
			rate := lvl.Tier1RateBP
			if a.tier == 2 {
				rate = lvl.Tier2RateBP
			}
			a.level = &rate
		}
	}
	return out, nil
}

// overCap reports whether the buyer already has as many commission-earning
// orders today or this month (Asia/Shanghai) as a cap allows.
func overCap(tx *gorm.DB, o *order.Order, cfg Settings, now time.Time, earlier int64) (bool, error) {
	local := now.In(shanghai)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, shanghai).UTC()
	month := time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, shanghai).UTC()
	for _, c := range []struct {
		cap   int
		since time.Time
	}{{cfg.CapOrdersPerBuyerDay, day}, {cfg.CapOrdersPerBuyerMonth, month}} {
		if c.cap <= 0 {
			continue
		}
		n, err := earningOrders(tx, o.ShopperID, o.ID, c.since)
		if err != nil || n+earlier >= int64(c.cap) {
			return err == nil, err
		}
	}
	return false, nil
}

// lineRecords works out the records of one line, one per tier with an
// earner (amount 0 when that tier earns nothing).
func lineRecords(o *order.Order, l order.Line, global Rates, tiers []*accrual, now time.Time) ([]Record, error) {
	mode := Mode(l.CommissionMode)
	if mode == "" {
		mode = ModeInherit
	}
	res, err := Compute(Input{Paid: l.PaidAmount, Quantity: l.Quantity, Global: global,
		Product: Setting{Mode: mode, Tier1: l.CommissionTier1, Tier2: l.CommissionTier2},
		Level:   LevelRates{Tier1: tiers[0].level, Tier2: tiers[1].level}})
	if err != nil {
		return nil, fmt.Errorf("commission of order line %d: %w", l.ID, err)
	}
	var out []Record
	for _, a := range tiers {
		if a.earner == nil {
			continue
		}
		amount, rate := res.Tier1, res.Used.Tier1
		if a.tier == 2 {
			amount, rate = res.Tier2, res.Used.Tier2
		}
		if a.reason != "" {
			amount = 0
		}
		out = append(out, Record{OrderID: o.ID, OrderLineID: l.ID, BuyerShopperID: o.ShopperID, DistributorID: a.earner.ID, Tier: a.tier,
			BaseAmount: l.PaidAmount, Mode: mode, RateValue: rate, Amount: amount, Status: StatusPending, Reason: a.reason, CreatedAt: now})
	}
	return out, nil
}

// announce tells the earners their estimated commission and records the
// leaderboard sales (tier 1) and commission events, each in one call.
func (s *Service) announce(ctx context.Context, tx *gorm.DB, paid []order.Paid, tiersOf [][]*accrual, now time.Time) error {
	var notes []notify.Notification
	var evs []leaderboard.Event
	for i, p := range paid {
		o := p.Order
		for _, a := range tiersOf[i] {
			if a.earner == nil || a.reason != "" {
				continue
			}
			notes = append(notes, notify.NewOrder(a.earner.ShopperID, o.ID, o.OrderNo, a.tier, a.total))
			if a.tier == 1 {
				evs = append(evs, leaderboard.Event{DistributorID: a.earner.ID, Metric: leaderboard.MetricSales, Amount: int64(o.PayAmount), At: now,
					Key: fmt.Sprintf("order:%d:sales", o.ID)})
			}
			if a.total > 0 {
				evs = append(evs, leaderboard.Event{DistributorID: a.earner.ID, Metric: leaderboard.MetricCommission, Amount: int64(a.total), At: now,
					Key: fmt.Sprintf("order:%d:tier%d:commission", o.ID, a.tier)})
			}
		}
	}
	if len(notes) > 0 {
		if err := s.deps.Notify.Notify(ctx, tx, notes...); err != nil {
			return err
		}
	}
	if len(evs) == 0 {
		return nil
	}
	return s.deps.Leaderboard.Record(ctx, tx, evs...)
}
