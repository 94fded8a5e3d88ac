package dashboard

import (
	"context"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/money"
)

// Service answers the admin dashboard.
type Service struct {
	db  *gorm.DB
	now func() time.Time
}

// Option configures the service.
type Option func(*Service)

// WithClock sets the clock that decides "today" (tests).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// NewService builds the dashboard on db.
func NewService(db *gorm.DB, opts ...Option) *Service {
	s := &Service{db: db, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Get computes the dashboard of range r at the current time. The queries
// run one after the other outside a transaction (on SQLite a transaction
// would hold the only connection and the write lock), so a payment
// committed meanwhile may show in one figure and not yet in another.
// Errors: invalid (field range).
func (s *Service) Get(ctx context.Context, r Range) (*Dashboard, error) {
	w, err := windowOf(r, s.now())
	if err != nil {
		return nil, err
	}
	db := s.db.WithContext(ctx)
	from, to := w.days()
	out := &Dashboard{Range: r, From: from, To: to, Series: w.buckets(), TopDistributors: []TopDistributor{}}
	if err := s.fillSeries(db, w, out); err != nil {
		return nil, err
	}
	if out.Totals.NewShoppers, err = newShoppers(db, w); err != nil {
		return nil, err
	}
	if out.TopDistributors, err = top(db, w); err != nil {
		return nil, err
	}
	return out, nil
}

// fillSeries fills the buckets and the totals that are their sums.
func (s *Service) fillSeries(db *gorm.DB, w window, out *Dashboard) error {
	t, series := &out.Totals, out.Series
	orders, err := orderBuckets(db, w)
	if err != nil {
		return err
	}
	var placedPaid int64
	for _, r := range orders {
		if i := w.slot(r.PlacedB); i >= 0 {
			series[i].Orders += r.N
			t.Orders += r.N
			placedPaid += r.Paid
		}
		if i := w.slot(r.PaidB); i >= 0 {
			series[i].PaidOrders += r.N
			series[i].GMV += money.Fen(r.Amount)
			t.PaidOrders += r.N
			t.GMV += money.Fen(r.Amount)
		}
	}
	t.PaidConversionBP = ConversionBP(placedPaid, t.Orders)
	joined, err := newDistributors(db, w)
	if err != nil {
		return err
	}
	for _, r := range joined {
		if i := w.slot(r.B); i >= 0 {
			series[i].NewDistributors += r.N
			t.NewDistributors += r.N
		}
	}
	return fillPostings(db, w, out)
}

// fillPostings adds the ledger figures: accruals per bucket and in total,
// settlements and payouts in total.
func fillPostings(db *gorm.DB, w window, out *Dashboard) error {
	rows, err := postings(db, w)
	if err != nil {
		return err
	}
	t := &out.Totals
	for _, r := range rows {
		i := w.slot(r.B)
		if i < 0 {
			continue
		}
		amount := money.Fen(r.Amount)
		switch ledger.EntryType(r.EntryType) {
		case ledger.TypeCommissionAccrue:
			out.Series[i].CommissionAccrued += amount
			t.CommissionAccrued += amount
		case ledger.TypeCommissionSettle:
			t.CommissionSettled += amount
		case ledger.TypeWithdrawPaid:
			t.CommissionPaidOut += amount
		}
	}
	return nil
}

// top is the range's best sellers with their nickname and commission.
func top(db *gorm.DB, w window) ([]TopDistributor, error) {
	rows, err := topSellers(db, w)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.DistributorID
	}
	names, err := nicknames(db, ids)
	if err != nil {
		return nil, err
	}
	commission, err := accruedTo(db, w, ids)
	if err != nil {
		return nil, err
	}
	out := make([]TopDistributor, len(rows))
	for i, r := range rows {
		out[i] = TopDistributor{DistributorID: r.DistributorID, Nickname: names[r.DistributorID],
			Sales: money.Fen(r.Sales), Orders: r.N, Commission: money.Fen(commission[r.DistributorID])}
	}
	return out, nil
}
