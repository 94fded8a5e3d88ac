package payment

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
)

// AlertKind names what went wrong.
type AlertKind string

const (
	// AlertMismatch: a verified confirmation disagrees with our record
	// (amount, app id, merchant id or provider); the order stays unpaid.
	AlertMismatch AlertKind = "mismatch"
	// AlertUnknownTrade: a confirmation for an out_trade_no we never issued.
	AlertUnknownTrade AlertKind = "unknown_trade"
	// AlertPaidAfterCancel: money arrived for an order that was cancelled.
	AlertPaidAfterCancel AlertKind = "paid_after_cancel"
	// AlertPaidTwice: a second attempt was paid for an order already paid.
	AlertPaidTwice AlertKind = "paid_twice"
	// AlertRefundFailed: the provider could not return a refund; the
	// after-sales request failed and its amount is refundable again.
	AlertRefundFailed AlertKind = "refund_failed"
	// AlertRefundStuck: a refund waits for the merchant (low balance).
	AlertRefundStuck AlertKind = "refund_stuck"
	// AlertForeignRefund: the provider reported a refund Fenxiao did not
	// make (from the merchant portal); adjust the order by hand.
	AlertForeignRefund AlertKind = "foreign_refund"
	// AlertLatePaymentRefunded: money for an order that could not take it
	// is being refunded automatically.
	AlertLatePaymentRefunded AlertKind = "late_payment_refunded"
	// AlertRestored: a cancelled order was paid late and restored.
	AlertRestored AlertKind = "restored"
	// AlertInvalidNotification: a notification failed verification (bad
	// signature, stale timestamp, wrong key or merchant); nothing changed.
	AlertInvalidNotification AlertKind = "invalid_notification"
)

// NotificationRejected records that a provider notification failed
// verification and why (one alert per provider, reason and hour, so a
// flood of forgeries cannot flood the merchant).
func (s *Service) NotificationRejected(ctx context.Context, provider, reason string) error {
	hour := database.Now().Format("2006010215")
	return raiseAlert(ctx, s.db, Alert{Kind: AlertInvalidNotification, Provider: provider, Detail: reason,
		DedupeKey: fmt.Sprintf("%s:%s:%s:%s", AlertInvalidNotification, provider, hour, reason)})
}

// Alert is a payment problem shown to the merchant until resolved.
type Alert struct {
	ID           int64      `json:"id"`
	Kind         AlertKind  `json:"kind"`
	Provider     string     `json:"provider"`
	OutTradeNo   string     `json:"out_trade_no"`
	OrderID      *int64     `json:"order_id"`
	PaymentID    *int64     `json:"payment_id"`
	Amount       money.Fen  `json:"amount"`
	Detail       string     `json:"detail"`
	DedupeKey    string     `json:"-"`
	Status       string     `json:"status"` // open | resolved
	ResolvedBy   *int64     `json:"resolved_by"`
	ResolvedNote string     `json:"resolved_note"`
	CreatedAt    time.Time  `json:"created_at"`
	ResolvedAt   *time.Time `json:"resolved_at"`
}

// TableName binds Alert to its table.
func (Alert) TableName() string { return "payment_alerts" }

// raiseAlert records a in tx; the same problem (same dedupe key) is
// recorded once however often the provider repeats itself.
func raiseAlert(ctx context.Context, tx *gorm.DB, a Alert) error {
	a.Status, a.CreatedAt = "open", database.Now()
	err := tx.WithContext(ctx).Exec(`INSERT INTO payment_alerts (kind, provider, out_trade_no, order_id, payment_id, amount, detail, dedupe_key, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
		a.Kind, a.Provider, a.OutTradeNo, a.OrderID, a.PaymentID, int64(a.Amount), a.Detail, a.DedupeKey, a.Status, a.CreatedAt).Error
	if err != nil {
		return fmt.Errorf("raise payment alert %s: %w", a.Kind, err)
	}
	return nil
}

// Alerts lists alerts newest first; status "" lists all. Errors: invalid.
func (s *Service) Alerts(ctx context.Context, status string, p page.Request) (page.Result[Alert], error) {
	q := s.db.WithContext(ctx).Model(&Alert{})
	switch status {
	case "":
	case "open", "resolved":
		q = q.Where("status = ?", status)
	default:
		return page.Result[Alert]{}, apperr.InvalidField("status", "must be open or resolved")
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return page.Result[Alert]{}, fmt.Errorf("count payment alerts: %w", err)
	}
	items := []Alert{}
	if err := q.Order("id DESC").Offset(p.Offset()).Limit(p.Limit()).Find(&items).Error; err != nil {
		return page.Result[Alert]{}, fmt.Errorf("list payment alerts: %w", err)
	}
	return page.NewResult(p, items, total), nil
}

// ResolveAlert closes an open alert with the admin's note, audited.
// Errors: invalid (note), not_found, conflict (already_resolved).
func (s *Service) ResolveAlert(ctx context.Context, by audit.Actor, id int64, note string) (*Alert, error) {
	if note == "" {
		return nil, apperr.InvalidField("note", "say what was done about it")
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := database.Now()
		res := tx.Model(&Alert{}).Where("id = ? AND status = ?", id, "open").
			Updates(map[string]any{"status": "resolved", "resolved_by": by.ID, "resolved_note": note, "resolved_at": now})
		if res.Error != nil {
			return fmt.Errorf("resolve payment alert %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			var n int64
			if err := tx.Model(&Alert{}).Where("id = ?", id).Count(&n).Error; err != nil {
				return fmt.Errorf("find payment alert %d: %w", id, err)
			}
			if n == 0 {
				return apperr.NotFound("no such payment alert")
			}
			return apperr.Conflict("this alert is resolved already").WithReason("already_resolved")
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "payment_alert.resolve", TargetType: "payment_alert", TargetID: id, Note: note})
	})
	if err != nil {
		return nil, err
	}
	return database.Take[Alert](s.db.WithContext(ctx).Where("id = ?", id), apperr.NotFound("no such payment alert"), "load payment alert")
}
