package withdrawal

import (
	"context"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/settings"
)

// SettingsKey is the settings row of the withdrawal rules.
const SettingsKey = "withdrawal"

// Settings are the withdrawal rules. Days are Asia/Shanghai calendar days.
type Settings struct {
	MinAmount      money.Fen `json:"min_amount"`       // smallest request, fen
	DailyMaxAmount money.Fen `json:"daily_max_amount"` // sum of requests per day, fen
	DailyMaxCount  int       `json:"daily_max_count"`  // requests per day
	FeeBP          money.BP  `json:"fee_bp"`           // fee rate, basis points
}

// DefaultSettings: at least 1.00 yuan, at most 5000.00 yuan and three
// requests a day, no fee.
func DefaultSettings() Settings {
	return Settings{MinAmount: 100, DailyMaxAmount: 500000, DailyMaxCount: 3}
}

// Fee is floor(amount * fee_bp / 10000): the distributor is never charged
// a fraction of a fen more than the rate says. Net is amount - fee.
func (st Settings) Fee(amount money.Fen) money.Fen { return money.ApplyRate(amount, st.FeeBP) }

func (st Settings) validate() error {
	switch {
	case st.MinAmount < 1 || st.MinAmount > ledger.MaxAmount:
		return apperr.InvalidField("min_amount", "must be at least 1 fen")
	case st.DailyMaxAmount < st.MinAmount || st.DailyMaxAmount > ledger.MaxAmount:
		return apperr.InvalidField("daily_max_amount", "must be at least min_amount")
	case st.DailyMaxCount < 1 || st.DailyMaxCount > 1000:
		return apperr.InvalidField("daily_max_count", "must be 1 to 1000")
	case st.FeeBP < 0 || st.FeeBP > 5000:
		return apperr.InvalidField("fee_bp", "must be 0 to 5000 (50%)")
	}
	return nil
}

func loadSettings(ctx context.Context, db *gorm.DB) (Settings, error) {
	st := DefaultSettings()
	return st, settings.Load(ctx, db, SettingsKey, &st)
}

// Settings returns the withdrawal rules with their defaults.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	return loadSettings(ctx, s.db.WithContext(ctx))
}

// SaveSettings replaces the withdrawal rules. Audited. Errors: invalid.
func (s *Service) SaveSettings(ctx context.Context, by audit.Actor, in Settings) (Settings, error) {
	if err := in.validate(); err != nil {
		return in, err
	}
	return in, settings.Replace(ctx, s.db, by, "withdrawal.settings", SettingsKey, in, loadSettings)
}
