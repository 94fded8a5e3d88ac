package commission

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/leaderboard"
	"fenxiao/internal/ledger"
	"fenxiao/internal/notify"
	"fenxiao/internal/order"
	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/referral"
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
		self, err := findEarnerByShopper(tx.WithContext(ctx), shopperID)
		if err != nil {
			return nil, nil, err
		}
		if self != nil && self.Status == referral.StatusActive {
			if self.ParentID != nil {
				p, err := findEarner(tx.WithContext(ctx), *self.ParentID)
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
	earner *earner // nil: nobody at this tier
	reason string  // why this tier earns nothing, if so
	level  *money.BP
	total  money.Fen
}

// OnPaid accrues the order's commissions in MarkPaid's transaction
// (order.Lifecycle): per line and tier with an earner, a record and a
// ledger posting (merchant commission_expense -X, distributor pending +X),
// keyed "order_line:<id>:tier<n>:accrue" so nothing can double. It also
// marks the buyer's purchase on its binding, counts the order on its tier-1
// distributor (distributors.paid_orders) and in leaderboard sales and
// commission, and tells the earners.
func (s *Service) OnPaid(ctx context.Context, tx *gorm.DB, o *order.Order, lines []order.Line) error {
	tx = tx.WithContext(ctx)
	now := database.Now()
	if err := s.deps.Referral.MarkPurchase(ctx, tx, o.ShopperID, now); err != nil {
		return err
	}
	if err := s.deps.Referral.LockOnPaid(ctx, tx, o.ShopperID); err != nil {
		return err
	}
	if o.DistributorID != nil {
		if err := countPaidOrder(tx, *o.DistributorID); err != nil {
			return err
		}
	}
	cfg, err := loadSettings(ctx, tx)
	if err != nil {
		return err
	}
	tiers, err := s.earners(tx, o, cfg, now)
	if err != nil {
		return err
	}
	global := Rates{Tier1: cfg.Tier1RateBP, Tier2: cfg.Tier2RateBP}
	var recs []Record
	for _, l := range lines {
		rs, err := lineRecords(o, l, global, tiers, now)
		if err != nil {
			return err
		}
		recs = append(recs, rs...)
	}
	for _, r := range recs {
		tiers[r.Tier-1].total += r.Amount
	}
	if len(recs) > 0 {
		if err := tx.Create(&recs).Error; err != nil {
			return fmt.Errorf("insert commission records: %w", err)
		}
	}
	// Rows every payment updates are touched last, each lock held from the
	// moment it is taken until commit: the merchant's one commission_expense
	// account, then the leaderboard's rank histogram, whose coarse cells all
	// distributors share. Refunds take them in the same order.
	// One posting per line and tier: all their balance locks are taken
	// first, in the ledger's order, or concurrent payments can deadlock.
	if err := ledger.Lock(ctx, tx, accrualAccounts(recs)...); err != nil {
		return err
	}
	for i := range recs {
		if err := s.accrue(ctx, tx, &recs[i]); err != nil {
			return err
		}
	}
	return s.announce(ctx, tx, o, tiers, now)
}

// accrualAccounts are the accounts the accruals of recs post to.
func accrualAccounts(recs []Record) []ledger.Account {
	var out []ledger.Account
	for _, r := range recs {
		if r.Amount > 0 {
			out = append(out, ledger.Distributor(r.DistributorID, ledger.KindPending), ledger.MerchantShard(ledger.KindCommissionExpense, r.OrderID))
		}
	}
	return out
}

// earners resolves both tiers at payment time: a distributor frozen or
// removed since checkout earns nothing, and a capped buyer earns nobody
// anything.
func (s *Service) earners(tx *gorm.DB, o *order.Order, cfg Settings, now time.Time) ([]*accrual, error) {
	capped, err := overCap(tx, o, cfg, now)
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
		if a.earner, err = findEarner(tx, *id); err != nil {
			return nil, err
		}
		if a.earner == nil {
			continue // the row is gone: nobody earns at this tier
		}
		switch {
		case a.earner.Status != referral.StatusActive:
			a.reason = ReasonDistributorInactive
		case capped:
			a.reason = ReasonCapExceeded
		}
		lvl, err := levelRates(tx, a.earner.LevelID)
		if err != nil {
			return nil, err
		}
		if lvl != nil {
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
func overCap(tx *gorm.DB, o *order.Order, cfg Settings, now time.Time) (bool, error) {
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
		if err != nil || n >= int64(c.cap) {
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

// accrue writes one record and, for a positive amount, its posting. A
// record that exists already (unique line+tier) means this accrual ran.
func (s *Service) accrue(ctx context.Context, tx *gorm.DB, r *Record) error {
	if r.Amount <= 0 {
		return nil
	}
	_, err := ledger.Post(ctx, tx, ledger.Entry{Key: r.key("accrue"), Type: ledger.TypeCommissionAccrue, RefType: "order", RefID: r.OrderID,
		Memo: fmt.Sprintf("tier %d commission on order line %d", r.Tier, r.OrderLineID),
		Lines: []ledger.Line{
			{Account: ledger.MerchantShard(ledger.KindCommissionExpense, r.OrderID), Amount: -r.Amount},
			{Account: ledger.Distributor(r.DistributorID, ledger.KindPending), Amount: r.Amount},
		}})
	return err
}

// announce tells the earners their estimated commission, then counts
// leaderboard sales (tier 1) and commissions: the leaderboard's rank cells
// are shared rows, so they are written last, just before commit.
func (s *Service) announce(ctx context.Context, tx *gorm.DB, o *order.Order, tiers []*accrual, now time.Time) error {
	var earning []*accrual
	for _, a := range tiers {
		if a.earner != nil && a.reason == "" {
			earning = append(earning, a)
		}
	}
	for _, a := range earning {
		if err := s.deps.Notify.Notify(ctx, tx, notify.NewOrder(a.earner.ShopperID, o.ID, o.OrderNo, a.tier, a.total)); err != nil {
			return err
		}
	}
	for _, a := range earning {
		if a.tier == 1 {
			ev := leaderboard.Event{DistributorID: a.earner.ID, Metric: leaderboard.MetricSales, Amount: int64(o.PayAmount), At: now,
				Key: fmt.Sprintf("order:%d:sales", o.ID)}
			if err := s.deps.Leaderboard.Record(ctx, tx, ev); err != nil {
				return err
			}
		}
		if a.total > 0 {
			ev := leaderboard.Event{DistributorID: a.earner.ID, Metric: leaderboard.MetricCommission, Amount: int64(a.total), At: now,
				Key: fmt.Sprintf("order:%d:tier%d:commission", o.ID, a.tier)}
			if err := s.deps.Leaderboard.Record(ctx, tx, ev); err != nil {
				return err
			}
		}
	}
	return nil
}
