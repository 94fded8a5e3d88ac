package order

import (
	"context"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/settings"
)

// SettingsKey is where the order settings live in the settings table.
const SettingsKey = "order"

// Settings are the merchant's order timing rules.
type Settings struct {
	// AutoCancelMinutes: an unpaid order is cancelled (stock returned) this
	// long after it was placed. 1..1440.
	AutoCancelMinutes int `json:"auto_cancel_minutes"`
	// AutoConfirmDays: a shipped order is completed this long after shipping
	// unless the shopper confirmed earlier. 1..60.
	AutoConfirmDays int `json:"auto_confirm_days"`
	// AutoRefundLatePayments: money that arrives for an order that cannot
	// take it (cancelled and out of stock, or paid twice) is refunded
	// through the provider at once; when off, the merchant is alerted and
	// refunds by hand. A cancelled order whose stock is still there is
	// always restored instead.
	AutoRefundLatePayments bool `json:"auto_refund_late_payments"`
}

// DefaultSettings are used until an admin saves others.
func DefaultSettings() Settings {
	return Settings{AutoCancelMinutes: 30, AutoConfirmDays: 10, AutoRefundLatePayments: true}
}

// AutoCancelAfter is the payment window.
func (s Settings) AutoCancelAfter() time.Duration {
	return time.Duration(s.AutoCancelMinutes) * time.Minute
}

// AutoConfirmAfter is how long after shipping an order completes by itself.
func (s Settings) AutoConfirmAfter() time.Duration {
	return time.Duration(s.AutoConfirmDays) * 24 * time.Hour
}

// Validate checks the bounds. Errors: invalid (with fields).
func (s Settings) Validate() error {
	e := apperr.Invalid("some settings are not valid")
	bad := false
	if s.AutoCancelMinutes < 1 || s.AutoCancelMinutes > 1440 {
		e, bad = e.WithField("auto_cancel_minutes", "must be between 1 and 1440 minutes"), true
	}
	if s.AutoConfirmDays < 1 || s.AutoConfirmDays > 60 {
		e, bad = e.WithField("auto_confirm_days", "must be between 1 and 60 days"), true
	}
	if bad {
		return e
	}
	return nil
}

// Settings returns the current order settings (defaults when never saved).
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	return loadSettings(ctx, s.db)
}

func loadSettings(ctx context.Context, db *gorm.DB) (Settings, error) {
	v := DefaultSettings()
	if err := settings.Load(ctx, db, SettingsKey, &v); err != nil {
		return DefaultSettings(), err
	}
	return v, nil
}

// UpdateSettings validates and saves new settings with an audit entry.
// They apply to orders placed or shipped afterwards (jobs already scheduled
// keep their time; the periodic sweeps use the new values). Errors: invalid.
func (s *Service) UpdateSettings(ctx context.Context, by audit.Actor, next Settings) (Settings, error) {
	if err := next.Validate(); err != nil {
		return Settings{}, err
	}
	if err := settings.Replace(ctx, s.db, by, "settings.order.update", SettingsKey, next, loadSettings); err != nil {
		return Settings{}, err
	}
	return next, nil
}
