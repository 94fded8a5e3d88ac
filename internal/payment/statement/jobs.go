package statement

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/jobs"
)

// DailyJob is the periodic reconciliation of yesterday's bills
// (`fenxiao jobs run statement.reconcile_yesterday`).
const DailyJob = "statement.reconcile_yesterday"

// billsOutHour is the China Standard Time hour from which yesterday's bills
// can be downloaded (WeChat Pay publishes at about 10:00).
const billsOutHour = 10

// RegisterJobs adds the hourly check that reconciles yesterday once the
// bills are out.
func RegisterJobs(q *jobs.Queue, s *Service) {
	q.AddPeriodic(jobs.Periodic{Name: DailyJob, Interval: time.Hour, Run: s.ReconcileYesterday})
}

// ReconcileYesterday reconciles yesterday (CST) for every configured
// provider whose report is not settled yet, from billsOutHour on; run
// hourly, each day is done once and a failed one again until it works.
// A provider's failure is on its report, not returned; the error is a
// failure to read or store our records.
func (s *Service) ReconcileYesterday(ctx context.Context) (string, error) {
	now := s.now().In(cst.Zone)
	if now.Hour() < billsOutHour {
		return "bills are not out yet", nil
	}
	w := dayWindow(now.AddDate(0, 0, -1))
	var done []string
	for _, p := range s.Providers() {
		r, err := findReport(ctx, s.db, p, w.day)
		if err != nil {
			return strings.Join(done, "; "), err
		}
		if r != nil && r.settled() {
			continue
		}
		if r, err = s.reconcile(ctx, p, w, "system", nil); err != nil {
			return strings.Join(done, "; "), err
		}
		done = append(done, fmt.Sprintf("%s %s: %s", p, w.day, r.Status))
	}
	if len(done) == 0 {
		return "nothing to do", nil
	}
	return strings.Join(done, "; "), nil
}

// settled reports whether the daily job leaves r alone. A failed run is
// retried; so is a missing bill while we have entries for the day, since
// Alipay also answers "no bill" before its bill is generated.
func (r *Report) settled() bool {
	return r.Status != StatusFailed && !(r.NoBill && r.MismatchCount > 0)
}
