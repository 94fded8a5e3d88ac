package payment

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/shop/order"
)

// Payment notifications arrive in bursts (a sale, WeChat Pay's concurrent
// deliveries and retries). Applied one per transaction, each costs some
// fifty statements; on a 2-core machine that caps a shop at a few hundred
// per second. ConfirmNotification instead queues the verified
// confirmation: a drainer takes whatever is queued and applies
// it as one batch, with a fixed number of statements for the whole batch,
// while the next notifications queue behind it (a second drainer may
// overlap the first). A lone notification is a
// batch of one and waits for nothing; under load, batches grow by
// themselves. Every caller still answers its provider only after its own
// confirmation has committed, so acknowledgement keeps its meaning.

// maxConfirmBatch bounds a batch (order.MaxPaidBatch allows as many).
const maxConfirmBatch = order.MaxPaidBatch

// maxDrainers is how many batches may be applied at once: a second one
// overlaps its statements' round trips with the first's.
const maxDrainers = 2

// confirmBatchTimeout bounds a batch's work, which no single caller owns.
const confirmBatchTimeout = 30 * time.Second

// confirmQueue holds the confirmations waiting for the drainer.
type confirmQueue struct {
	mu       sync.Mutex
	waiting  []*queuedConfirm
	draining int
	batched  atomic.Int64 // confirmations applied in a batch, for tests and metrics
}

type queuedConfirm struct {
	c    Confirmation
	want Identity
	done chan confirmResult // buffered: the drainer never blocks on a caller that left
}

type confirmResult struct {
	outcome Outcome
	err     error
}

// ConfirmNotification is Confirm for notifications arriving concurrently:
// the same outcomes and errors, applied together with the confirmations
// that arrive at the same time. It returns when c is applied (committed)
// or ctx ends; a caller that leaves early does not stop its confirmation,
// which the provider's next delivery finds done.
func (s *Service) ConfirmNotification(ctx context.Context, c Confirmation, want Identity) (Outcome, error) {
	q := &queuedConfirm{c: c, want: want, done: make(chan confirmResult, 1)}
	s.confirms.mu.Lock()
	s.confirms.waiting = append(s.confirms.waiting, q)
	start := s.confirms.draining < maxDrainers
	if start {
		s.confirms.draining++
	}
	s.confirms.mu.Unlock()
	if start {
		go s.drainConfirms()
	}
	select {
	case r := <-q.done:
		return r.outcome, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// drainConfirms applies queued confirmations batch by batch until none is
// left.
func (s *Service) drainConfirms() {
	for {
		s.confirms.mu.Lock()
		n := min(len(s.confirms.waiting), maxConfirmBatch)
		if n == 0 {
			s.confirms.draining--
			s.confirms.mu.Unlock()
			return
		}
		batch := slices.Clone(s.confirms.waiting[:n])
		s.confirms.waiting = slices.Delete(s.confirms.waiting, 0, n)
		s.confirms.mu.Unlock()
		s.confirmQueued(batch)
	}
}

// confirmQueued applies a batch and answers every caller; a panic fails
// the callers not yet answered (their providers retry) instead of the
// process. The confirmations that leave the batch go through confirmAlone
// concurrently, each with its own deadline, so a burst of repeats does not
// hold the drainer back from the next batch.
func (s *Service) confirmQueued(batch []*queuedConfirm) {
	defer failUnanswered(batch)
	ctx, cancel := context.WithTimeout(context.Background(), confirmBatchTimeout)
	defer cancel()
	alone := s.confirmTogether(ctx, batch)
	s.confirms.batched.Add(int64(len(batch) - len(alone)))
	for _, q := range batch {
		if !slices.Contains(alone, q) {
			q.done <- confirmResult{outcome: OutcomePaid}
		}
	}
	for _, q := range alone {
		go func() {
			defer failUnanswered([]*queuedConfirm{q})
			ctx, cancel := context.WithTimeout(context.Background(), confirmBatchTimeout)
			defer cancel()
			out, err := s.confirmAlone(ctx, q.c, q.want)
			q.done <- confirmResult{outcome: out, err: err}
		}()
	}
}

// failUnanswered, deferred, turns a panic into an error for the callers
// of qs not answered yet.
func failUnanswered(qs []*queuedConfirm) {
	r := recover()
	if r == nil {
		return
	}
	for _, q := range qs {
		select { // done holds one answer: a caller answered already keeps it
		case q.done <- confirmResult{err: fmt.Errorf("confirm payment: panic: %v", r)}:
		default:
		}
	}
}

// confirmTogether applies, in one transaction, the confirmations of the
// batch that are plainly the first word on an attempt still pending, and
// returns the others (and all of them if they cannot be applied as one),
// which go through confirmAlone one by one: repeats, mismatches, unknown
// trades, late payments and anything raced meanwhile.
func (s *Service) confirmTogether(ctx context.Context, batch []*queuedConfirm) (alone []*queuedConfirm) {
	nos := make([]string, len(batch))
	for i, q := range batch {
		nos[i] = q.c.OutTradeNo
	}
	pays, err := loadByTradeNos(ctx, s.db, nos)
	if err != nil {
		return batch
	}
	var fit []*queuedConfirm
	var fitPays []*Payment
	taken := map[string]bool{}
	for _, q := range batch {
		pay := pays[q.c.OutTradeNo]
		if pay == nil || pay.Status != StatusPending || taken[q.c.OutTradeNo] || mismatch(pay, q.c, q.want) != "" {
			alone = append(alone, q)
			continue
		}
		taken[q.c.OutTradeNo] = true
		fit, fitPays = append(fit, q), append(fitPays, pay)
	}
	// An order that cannot take its payment as part of a batch (cancelled,
	// say) is taken out and the rest tried again; each try is one
	// transaction, rolled back whole when it fails.
	for len(fit) > 0 {
		err := s.applyTogether(ctx, fit, fitPays)
		var unfit *order.BatchUnfitError
		if errors.As(err, &unfit) {
			var keep []*queuedConfirm
			var keepPays []*Payment
			for i, q := range fit {
				if slices.Contains(unfit.OrderIDs, fitPays[i].OrderID) {
					alone = append(alone, q)
				} else {
					keep, keepPays = append(keep, q), append(keepPays, fitPays[i])
				}
			}
			if len(keep) == len(fit) {
				return batch // names no order of ours: one by one decides each
			}
			fit, fitPays = keep, keepPays
			continue
		}
		if err != nil {
			return batch // errBatchRaced or trouble: one by one decides each
		}
		return alone
	}
	return alone
}

// applyTogether marks the attempts of fit and their orders paid in one
// transaction.
func (s *Service) applyTogether(ctx context.Context, fit []*queuedConfirm, fitPays []*Payment) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := markAttemptsPaid(tx, fitPays, fit); err != nil {
			return err
		}
		items := make([]order.PaidItem, len(fit))
		confirmed := make([]recorded, len(fit))
		for i, q := range fit {
			pay := fitPays[i]
			items[i] = order.PaidItem{OrderID: pay.OrderID, Payment: order.PaymentInfo{Provider: pay.Provider, Method: pay.Method,
				TransactionID: q.c.TransactionID, Amount: q.c.Amount, PaidAt: q.c.PaidAt}}
			confirmed[i] = recorded{c: q.c, paymentID: &pay.ID, outcome: OutcomePaid}
		}
		if err := s.orders.MarkPaidBatch(ctx, tx, items); err != nil {
			return err
		}
		return recordAll(ctx, tx, confirmed)
	})
}

// errBatchRaced: an attempt of the batch changed since it was read.
var errBatchRaced = errors.New("a payment attempt changed while its batch was applied")

// markAttemptsPaid moves every attempt of pays from pending (or failed)
// to paid with its confirmation's transaction id, in one statement.
//
// Lock order: step 1 of the payment transaction (see package distribution).
func markAttemptsPaid(tx *gorm.DB, pays []*Payment, qs []*queuedConfirm) error {
	now := database.Now()
	txn, paidAt := database.NewCases(tx, "id", ""), database.NewCases(tx, "id", "TIMESTAMPTZ")
	ids := make([]int64, len(pays))
	for i, pay := range pays {
		at := qs[i].c.PaidAt
		if at.IsZero() {
			at = now
		}
		txn.When(pay.ID, qs[i].c.TransactionID)
		paidAt.When(pay.ID, at.UTC())
		ids[i] = pay.ID
	}
	args := append(append(txn.Args(), paidAt.Args()...), StatusPaid, now, ids, []Status{StatusPending, StatusFailed})
	res := tx.Exec("UPDATE payments SET transaction_id = "+txn.SQL()+", paid_at = "+paidAt.SQL()+
		", status = ?, updated_at = ? WHERE id IN ? AND status IN ?", args...)
	if res.Error != nil {
		return fmt.Errorf("mark payments paid: %w", res.Error)
	}
	if res.RowsAffected != int64(len(pays)) {
		return errBatchRaced
	}
	return nil
}

// loadByTradeNos reads the attempts of out_trade_nos, by out_trade_no.
func loadByTradeNos(ctx context.Context, db *gorm.DB, nos []string) (map[string]*Payment, error) {
	var rows []Payment
	if err := db.WithContext(ctx).Where("out_trade_no IN ?", nos).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load payments: %w", err)
	}
	out := make(map[string]*Payment, len(rows))
	for i := range rows {
		out[rows[i].OutTradeNo] = &rows[i]
	}
	return out, nil
}
