package statement

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
)

// States of our records that count as money moved (payments.status,
// payment_refunds.status).
const (
	paymentPaid     = "paid"
	refundSucceeded = "succeeded"
)

// ourPayment is the part of a payments row reconciliation reads.
type ourPayment struct {
	OutTradeNo    string
	Amount        money.Fen
	Status        string
	TransactionID string
	PaidAt        *time.Time
}

func (p ourPayment) line() line {
	l := line{entry: EntryPayment, key: p.OutTradeNo, outTradeNo: p.OutTradeNo, ref: p.TransactionID, amount: p.Amount,
		status: p.Status, done: p.Status == paymentPaid}
	if p.PaidAt != nil {
		l.at = *p.PaidAt
	}
	return l
}

// ourRefund is the part of a payment_refunds row reconciliation reads.
type ourRefund struct {
	OutTradeNo       string
	OutRefundNo      string
	Amount           money.Fen
	Status           string
	ProviderRefundID string
	SucceededAt      *time.Time
}

func (r ourRefund) line() line {
	l := line{entry: EntryRefund, key: r.OutRefundNo, outTradeNo: r.OutTradeNo, ref: r.ProviderRefundID, amount: r.Amount,
		status: r.Status, done: r.Status == refundSucceeded}
	if r.SucceededAt != nil {
		l.at = *r.SucceededAt
	}
	return l
}

const (
	paymentColumns = "out_trade_no, amount, status, transaction_id, paid_at"
	refundColumns  = "out_trade_no, out_refund_no, amount, status, provider_refund_id, succeeded_at"
)

// loadOurs returns the provider's payments paid and refunds succeeded within w.
func loadOurs(ctx context.Context, db *gorm.DB, provider string, w window) ([]line, error) {
	// Times are stored in UTC; SQLite compares them as text.
	from, to := w.start.UTC(), w.end.UTC()
	var pays []ourPayment
	err := db.WithContext(ctx).Table("payments").Select(paymentColumns).
		Where("provider = ? AND status = ? AND paid_at >= ? AND paid_at < ?", provider, paymentPaid, from, to).Find(&pays).Error
	if err != nil {
		return nil, fmt.Errorf("load paid payments of %s: %w", w.day, err)
	}
	var refunds []ourRefund
	err = db.WithContext(ctx).Table("payment_refunds").Select(refundColumns).
		Where("provider = ? AND status = ? AND succeeded_at >= ? AND succeeded_at < ?", provider, refundSucceeded, from, to).Find(&refunds).Error
	if err != nil {
		return nil, fmt.Errorf("load succeeded refunds of %s: %w", w.day, err)
	}
	out := make([]line, 0, len(pays)+len(refunds))
	for _, p := range pays {
		out = append(out, p.line())
	}
	for _, r := range refunds {
		out = append(out, r.line())
	}
	return out, nil
}

// lookupChunk bounds an IN list (SQLite allows 32766 parameters).
const lookupChunk = 500

// loadOthers returns our records, in any state and of any day, under keys.
func loadOthers(ctx context.Context, db *gorm.DB, provider string, keys []lineKey) (map[lineKey]line, error) {
	byEntry := map[Entry][]string{}
	for _, k := range keys {
		byEntry[k.entry] = append(byEntry[k.entry], k.key)
	}
	out := map[lineKey]line{}
	for entry, nos := range byEntry {
		for len(nos) > 0 {
			n := min(len(nos), lookupChunk)
			if err := loadChunk(ctx, db, provider, entry, nos[:n], out); err != nil {
				return nil, err
			}
			nos = nos[n:]
		}
	}
	return out, nil
}

func loadChunk(ctx context.Context, db *gorm.DB, provider string, entry Entry, nos []string, out map[lineKey]line) error {
	q := db.WithContext(ctx).Where("provider = ?", provider)
	if entry == EntryPayment {
		var rows []ourPayment
		if err := q.Table("payments").Select(paymentColumns).Where("out_trade_no IN ?", nos).Find(&rows).Error; err != nil {
			return fmt.Errorf("look up payments: %w", err)
		}
		for _, r := range rows {
			out[keyOf(r.line())] = r.line()
		}
		return nil
	}
	var rows []ourRefund
	if err := q.Table("payment_refunds").Select(refundColumns).Where("out_refund_no IN ?", nos).Find(&rows).Error; err != nil {
		return fmt.Errorf("look up refunds: %w", err)
	}
	for _, r := range rows {
		out[keyOf(r.line())] = r.line()
	}
	return nil
}

// reportColumns are the columns a re-run overwrites (all but id and created_at).
var reportColumns = []string{"status", "failure", "no_bill", "our_payment_count", "our_payment_total", "bill_payment_count",
	"bill_payment_total", "our_refund_count", "our_refund_total", "bill_refund_count", "bill_refund_total", "mismatch_count",
	"missing_here_count", "missing_there_count", "amount_differs_count", "status_differs_count", "run_by", "started_at",
	"finished_at", "updated_at"}

// saveReport writes r (replacing the report of its provider and day, whose
// id it keeps) and its mismatches in tx, and sets r.ID.
func saveReport(ctx context.Context, tx *gorm.DB, r *Report, ms []Mismatch) error {
	r.UpdatedAt = database.Now()
	r.CreatedAt = r.UpdatedAt
	// The upsert locks the day's row, so two runs of one day take turns.
	err := tx.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "provider"}, {Name: "day"}},
		DoUpdates: clause.AssignmentColumns(reportColumns)}).Create(r).Error
	if err != nil {
		return fmt.Errorf("save statement report: %w", err)
	}
	saved, err := database.TakeOrNil[Report](tx.WithContext(ctx).Where("provider = ? AND day = ?", r.Provider, r.Day), "reload statement report")
	if err != nil || saved == nil {
		return fmt.Errorf("reload statement report: %w", err)
	}
	r.ID, r.CreatedAt = saved.ID, saved.CreatedAt
	if err := tx.WithContext(ctx).Where("report_id = ?", r.ID).Delete(&Mismatch{}).Error; err != nil {
		return fmt.Errorf("clear old mismatches: %w", err)
	}
	for i := range ms {
		ms[i].ID, ms[i].ReportID = 0, r.ID
	}
	if len(ms) > 0 {
		if err := tx.WithContext(ctx).CreateInBatches(ms, 200).Error; err != nil {
			return fmt.Errorf("save mismatches: %w", err)
		}
	}
	return nil
}

func findReport(ctx context.Context, db *gorm.DB, provider, day string) (*Report, error) {
	return database.TakeOrNil[Report](db.WithContext(ctx).Where("provider = ? AND day = ?", provider, day),
		"load statement report %s %s", provider, day)
}

func getReport(ctx context.Context, db *gorm.DB, id int64) (*Report, error) {
	return database.Take[Report](db.WithContext(ctx).Where("id = ?", id), apperr.NotFound("no such statement report"),
		"load statement report %d", id)
}

func listReports(ctx context.Context, db *gorm.DB, f ListFilter, p page.Request) ([]Report, int64, error) {
	q := db.WithContext(ctx).Model(&Report{})
	for cond, v := range map[string]string{"provider = ?": f.Provider, "status = ?": f.Status, "day >= ?": f.From, "day <= ?": f.To} {
		if v != "" {
			q = q.Where(cond, v)
		}
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count statement reports: %w", err)
	}
	items := []Report{}
	if err := q.Order("day DESC, provider").Offset(p.Offset()).Limit(p.Limit()).Find(&items).Error; err != nil {
		return nil, 0, fmt.Errorf("list statement reports: %w", err)
	}
	return items, total, nil
}

func listMismatches(ctx context.Context, db *gorm.DB, reportID int64, kind string, p page.Request) ([]Mismatch, int64, error) {
	q := db.WithContext(ctx).Model(&Mismatch{}).Where("report_id = ?", reportID)
	if kind != "" {
		q = q.Where("kind = ?", kind)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count mismatches: %w", err)
	}
	items := []Mismatch{}
	if err := q.Order("id").Offset(p.Offset()).Limit(p.Limit()).Find(&items).Error; err != nil {
		return nil, 0, fmt.Errorf("list mismatches: %w", err)
	}
	return items, total, nil
}
