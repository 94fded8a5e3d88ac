package commission

import (
	"context"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/settings"
)

// SettingsKey is where Settings live in the settings table.
const SettingsKey = "commission"

// Settings are the merchant's commission rules.
type Settings struct {
	// Global rates for inherit products when the earner's level has none.
	Tier1RateBP money.BP `json:"tier1_rate_bp"`
	Tier2RateBP money.BP `json:"tier2_rate_bp"`
	// SettleAfterDays is the after-sales window after completion.
	SettleAfterDays int `json:"settle_after_days"`
	// SelfPurchase: an active distributor's own purchases earn it tier 1.
	SelfPurchase bool `json:"self_purchase"`
	// Caps on commission-earning orders per buyer (Asia/Shanghai day and
	// month); 0 is off.
	CapOrdersPerBuyerDay   int `json:"cap_orders_per_buyer_day"`
	CapOrdersPerBuyerMonth int `json:"cap_orders_per_buyer_month"`
}

// DefaultSettings: 10% / 5%, settle 7 days after completion, no caps.
func DefaultSettings() Settings {
	return Settings{Tier1RateBP: 1000, Tier2RateBP: 500, SettleAfterDays: 7}
}

// Validate reports every bad field. Errors: invalid.
func (s Settings) Validate() error {
	f := map[string]string{}
	referral.CheckTierRates(f, s.Tier1RateBP, s.Tier2RateBP)
	if s.SettleAfterDays < 0 || s.SettleAfterDays > 365 {
		f["settle_after_days"] = "must be 0 to 365"
	}
	if s.CapOrdersPerBuyerDay < 0 || s.CapOrdersPerBuyerDay > 10000 {
		f["cap_orders_per_buyer_day"] = "must be 0 (off) to 10000"
	}
	if s.CapOrdersPerBuyerMonth < 0 || s.CapOrdersPerBuyerMonth > 100000 {
		f["cap_orders_per_buyer_month"] = "must be 0 (off) to 100000"
	}
	if len(f) == 0 {
		return nil
	}
	e := apperr.Invalid("some commission settings are not valid")
	e.Fields = f
	return e
}

func loadSettings(ctx context.Context, db *gorm.DB) (Settings, error) {
	s := DefaultSettings()
	err := settings.Load(ctx, db, SettingsKey, &s)
	return s, err
}
