package withdrawal

import (
	"context"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
)

// Rules is what a distributor sees before asking to withdraw: the rules,
// what it already requested today (Asia/Shanghai) and what it may still
// request, so the form can say so instead of failing after the fact.
type Rules struct {
	Settings
	TodayCount     int       `json:"today_count"`
	TodayAmount    money.Fen `json:"today_amount"`
	Available      money.Fen `json:"available"`       // the available balance
	MaxRequestable money.Fen `json:"max_requestable"` // min(available, what today's limit leaves), 0 if below the minimum
}

// RulesFor returns the Rules of the distributor that is shopper shopperID.
// Errors: forbidden (not_a_distributor).
func (s *Service) RulesFor(ctx context.Context, shopperID int64) (Rules, error) {
	d, err := s.active(ctx, shopperID)
	if err != nil {
		return Rules{}, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return Rules{}, err
	}
	db := s.db.WithContext(ctx)
	r := Rules{Settings: st}
	if r.TodayCount, r.TodayAmount, err = dailyUsage(db, d.ID, dayOf(database.Now())); err != nil {
		return Rules{}, err
	}
	if r.Available, err = ledger.Balance(ctx, db, ledger.Distributor(d.ID, ledger.KindAvailable)); err != nil {
		return Rules{}, err
	}
	r.MaxRequestable = min(r.Available, st.DailyMaxAmount-r.TodayAmount)
	if r.TodayCount >= st.DailyMaxCount || r.MaxRequestable < st.MinAmount {
		r.MaxRequestable = 0
	}
	return r, nil
}
