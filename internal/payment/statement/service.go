package statement

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/database"
)

// Service reconciles the providers' bills and serves the reports.
type Service struct {
	db      *gorm.DB
	log     *slog.Logger
	billers map[string]biller
	now     func() time.Time
}

// NewService reconciles the configured providers; a nil client is a
// provider that is not configured.
func NewService(db *gorm.DB, log *slog.Logger, wx *wechatpay.Client, ali *alipay.Client) *Service {
	s := &Service{db: db, log: log, billers: map[string]biller{}, now: time.Now}
	if wx != nil {
		s.billers[wechatpay.ProviderName] = wechatBiller{wx}
	}
	if ali != nil {
		s.billers[alipay.ProviderName] = alipayBiller{ali}
	}
	return s
}

// Providers lists the providers whose bills are reconciled, sorted.
func (s *Service) Providers() []string {
	out := make([]string, 0, len(s.billers))
	for name := range s.billers {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Run (re)reconciles one provider's past day for an admin and returns the
// new report, audited. A provider failure is not an error: the report says
// failed and why. Errors: invalid (provider_not_configured, invalid_day,
// day_not_over).
func (s *Service) Run(ctx context.Context, by audit.Actor, in RunInput) (*Report, error) {
	if _, ok := s.billers[in.Provider]; !ok {
		return nil, apperr.InvalidField("provider", fmt.Sprintf("no bills for %q: configured providers are %v", in.Provider, s.Providers())).
			WithReason("provider_not_configured")
	}
	day, err := time.ParseInLocation(time.DateOnly, in.Day, cst.Zone)
	if err != nil {
		return nil, apperr.InvalidField("day", "must be a date like 2025-01-31").WithReason("invalid_day")
	}
	if !day.Before(dayWindow(s.now()).start) {
		return nil, apperr.InvalidField("day", "only a day that is over (China Standard Time) has a bill").WithReason("day_not_over")
	}
	w := dayWindow(day)
	return s.reconcile(ctx, in.Provider, w, by.Username, func(tx *gorm.DB, r *Report) error {
		return audit.Record(ctx, tx, by, audit.Change{Action: "statement.run", TargetType: "statement_report", TargetID: r.ID,
			After: map[string]any{"provider": r.Provider, "day": r.Day, "status": r.Status, "mismatches": r.MismatchCount}})
	})
}

// reconcile fetches the bill, compares it with our records and replaces
// the day's report; after, if set, runs in the same transaction. Only a
// failure to read our records or store the report is returned as an error.
func (s *Service) reconcile(ctx context.Context, provider string, w window, runBy string, after func(*gorm.DB, *Report) error) (*Report, error) {
	r := &Report{Provider: provider, Day: w.day, RunBy: runBy, StartedAt: database.Now()}
	lines, noBill, err := s.billers[provider].bill(ctx, w.start)
	var ms []Mismatch
	if err != nil {
		r.Status, r.Failure = StatusFailed, publicError(err)
		s.log.Warn("statement: bill not available", "provider", provider, "day", w.day, "err", r.Failure)
		// A timed-out request must still leave its failed report behind.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
	} else if ms, err = s.compareDay(ctx, provider, w, lines, r); err != nil {
		return nil, err
	}
	r.NoBill = noBill
	r.FinishedAt = database.Now()
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := saveReport(ctx, tx, r, ms); err != nil {
			return err
		}
		if after != nil {
			return after(tx, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// compareDay loads our side of the day and compares it with the bill,
// filling r's figures and status.
func (s *Service) compareDay(ctx context.Context, provider string, w window, bill []line, r *Report) ([]Mismatch, error) {
	ours, err := loadOurs(ctx, s.db, provider, w)
	if err != nil {
		return nil, err
	}
	have := make(map[lineKey]bool, len(ours))
	for _, l := range ours {
		have[keyOf(l)] = true
	}
	var unknown []lineKey
	for _, l := range bill {
		if !have[keyOf(l)] {
			unknown = append(unknown, keyOf(l))
		}
	}
	others, err := loadOthers(ctx, s.db, provider, unknown)
	if err != nil {
		return nil, err
	}
	ms := compare(r, bill, ours, others, w)
	r.Status = StatusBalanced
	if len(ms) > 0 {
		r.Status = StatusMismatched
	}
	return ms, nil
}

// urlPattern finds URLs in error texts: a bill's download URL carries a
// token that must not be shown.
var urlPattern = regexp.MustCompile(`[a-z]+://[^\s"']+`)

// publicError is err as the merchant may see it: the adapters' errors name
// the provider's code and message and never include keys or signatures;
// URLs are removed and the text bounded to its column.
func publicError(err error) string {
	msg := urlPattern.ReplaceAllString(err.Error(), "<url>")
	msg = strings.ToValidUTF8(msg, "?")
	if r := []rune(msg); len(r) > 250 {
		msg = string(r[:250])
	}
	return msg
}
