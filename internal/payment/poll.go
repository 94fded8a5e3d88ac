package payment

import (
	"context"
	"fmt"
	"time"

	"fenxiao/internal/platform/database"
)

// pollBatch bounds one run of the pending-payment poll.
const pollBatch = 200

// pollUntil is how long after its creation an attempt is still polled;
// past it, the order's auto-cancel (which asks once more) has the last word.
const pollUntil = 48 * time.Hour

// PollDelay is the back-off between two questions about one attempt: one
// minute after creation, then doubling up to an hour.
func PollDelay(asked int) time.Duration {
	d := time.Minute
	for i := 0; i < asked && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// PollPending asks the providers about pending attempts whose next
// question is due and applies any payment they report; it returns how
// many it asked. One failing attempt does not stop the others; the first
// error is returned after all were tried.
func (s *Service) PollPending(ctx context.Context) (int, error) {
	askable := s.queriers()
	if len(askable) == 0 {
		return 0, nil
	}
	now := database.Now()
	var due []Payment
	// Only providers that can be asked: attempts of others (the sandbox)
	// would otherwise fill every batch.
	err := s.db.WithContext(ctx).Where("status = ? AND provider IN ? AND created_at > ? AND (next_query_at IS NULL OR next_query_at <= ?)",
		StatusPending, askable, now.Add(-pollUntil), now).Order("id").Limit(pollBatch).Find(&due).Error
	if err != nil {
		return 0, fmt.Errorf("find pending payments to ask about: %w", err)
	}
	asked := 0
	var first error
	for _, pay := range due {
		if pay.NextQueryAt == nil && now.Sub(pay.CreatedAt) < PollDelay(0) {
			continue // give the shopper a minute before the first question
		}
		asked++
		if _, err := s.applyQuery(ctx, pay); err != nil && first == nil {
			first = err
		}
		next := database.Now().Add(PollDelay(pay.QueryCount + 1))
		err := s.db.WithContext(ctx).Model(&Payment{}).Where("id = ?", pay.ID).
			Updates(map[string]any{"query_count": pay.QueryCount + 1, "next_query_at": next}).Error
		if err != nil && first == nil {
			first = fmt.Errorf("schedule next question about payment %d: %w", pay.ID, err)
		}
	}
	return asked, first
}

// queriers names the configured providers that can be asked about trades.
func (s *Service) queriers() []string {
	var out []string
	for name, p := range s.byName {
		if _, ok := p.(Querier); ok {
			out = append(out, name)
		}
	}
	return out
}

// PollRefunds asks the providers about processing refunds whose next
// question is due (back-off as PollDelay) and applies their answers; it
// returns how many it asked. A refund the provider never received is sent
// again with the same out_refund_no. Processing refunds are asked about
// until they end: money on its way back is never forgotten.
func (s *Service) PollRefunds(ctx context.Context) (int, error) {
	now := database.Now()
	var due []Refund
	err := s.db.WithContext(ctx).Where("status = ? AND next_query_at <= ?", RefundProcessing, now).
		Order("next_query_at").Limit(pollBatch).Find(&due).Error
	if err != nil {
		return 0, fmt.Errorf("find processing refunds to ask about: %w", err)
	}
	var first error
	for i := range due {
		rf := &due[i]
		next := database.Now().Add(PollDelay(rf.QueryCount + 1))
		err := s.db.WithContext(ctx).Model(&Refund{}).Where("id = ?", rf.ID).
			Updates(map[string]any{"query_count": rf.QueryCount + 1, "next_query_at": next}).Error
		if err == nil {
			err = s.askAboutRefund(ctx, rf)
		}
		if err != nil && first == nil {
			first = err
		}
	}
	return len(due), first
}
