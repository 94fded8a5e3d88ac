package ledger_test

import (
	"fmt"
	"sync"
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/apperr"
)

// overlapping is how many racers hold an open transaction and wait for each
// other before posting; it stays below the PostgreSQL pool size (20) so the
// racers cannot starve each other of connections.
const overlapping = 16

// race runs fn(i) for i in 0..n-1 on n goroutines, each in its own
// database transaction, and returns the per-goroutine results. On
// PostgreSQL the first `overlapping` goroutines hold an open transaction on
// their own connection and wait for each other (and the rest wait for them),
// so their postings really overlap; a cold pool would otherwise let the
// first finish before the rest connect. SQLite has one connection: transactions run one at a time
// by design.
func race(db *gorm.DB, n int, fn func(tx *gorm.DB, i int) (bool, error)) ([]bool, []error) {
	applied, errs := make([]bool, n), make([]error, n)
	barrier := 0
	if db.Dialector.Name() == "postgres" {
		barrier = min(n, overlapping)
	}
	var ready, done sync.WaitGroup
	ready.Add(barrier)
	for i := range n {
		done.Go(func() {
			if i >= barrier {
				ready.Wait() // the rest start only once the overlap is set up
			}
			errs[i] = db.Transaction(func(tx *gorm.DB) error {
				if i < barrier {
					if err := tx.Exec("SELECT 1").Error; err != nil {
						ready.Done()
						return err
					}
					ready.Done()
					ready.Wait()
				}
				var err error
				applied[i], err = fn(tx, i)
				return err
			})
		})
	}
	done.Wait()
	return applied, errs
}

func TestConcurrentDuplicatePostingAppliesOnce(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		e := move("order_line:42:tier1:accrue", ledger.TypeCommissionAccrue, expense, pending(9), 700, false)
		applied, errs := race(db, 20, func(tx *gorm.DB, _ int) (bool, error) { return ledger.Post(ctx, tx, e) })
		n := 0
		for i := range applied {
			if errs[i] != nil {
				t.Fatalf("goroutine %d: %v", i, errs[i])
			}
			if applied[i] {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%d goroutines applied the entry, want exactly 1", n)
		}
		wantBalance(t, db, pending(9), 700)
		wantBalance(t, db, expense, -700)
		if r := wantClean(t, db); r.Entries != 1 || r.Accounts != 2 {
			t.Fatalf("report %s", r)
		}
	})
}

func TestConcurrentWithdrawalsCannotOverdraw(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		fund(t, db, 5, 1000) // covers exactly 10 withdrawals of 100
		applied, errs := race(db, 50, func(tx *gorm.DB, i int) (bool, error) {
			key := fmt.Sprintf("withdrawal:%d:request", i)
			return ledger.Post(ctx, tx, move(key, ledger.TypeWithdrawRequest, available(5), withdrawing(5), 100, true))
		})
		ok, refused := 0, 0
		for i := range applied {
			switch e, _ := apperr.As(errs[i]); {
			case errs[i] == nil && applied[i]:
				ok++
			case e != nil && e.Code == apperr.CodeConflict && e.Reason == "insufficient_funds":
				refused++
			default:
				t.Fatalf("goroutine %d: applied=%v err=%v", i, applied[i], errs[i])
			}
		}
		if ok != 10 || refused != 40 {
			t.Fatalf("%d succeeded and %d refused; want 10 and 40", ok, refused)
		}
		wantBalance(t, db, available(5), 0)
		wantBalance(t, db, withdrawing(5), 1000)
		if r := wantClean(t, db); r.Entries != 12 {
			t.Fatalf("report %s", r)
		}
	})
}

func TestConcurrentFirstPostingsCreateAccountsOnce(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		// Different keys onto accounts that do not exist yet: every racer
		// tries to create the same two accounts.
		applied, errs := race(db, 20, func(tx *gorm.DB, i int) (bool, error) {
			key := fmt.Sprintf("order_line:%d:tier1:accrue", i)
			return ledger.Post(ctx, tx, move(key, ledger.TypeCommissionAccrue, expense, pending(11), 10, false))
		})
		for i := range applied {
			if errs[i] != nil || !applied[i] {
				t.Fatalf("goroutine %d: applied=%v err=%v", i, applied[i], errs[i])
			}
		}
		wantBalance(t, db, pending(11), 200)
		wantBalance(t, db, expense, -200)
		if r := wantClean(t, db); r.Entries != 20 || r.Accounts != 2 {
			t.Fatalf("report %s", r)
		}
	})
}
