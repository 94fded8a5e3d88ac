package ledger_test

import (
	"fmt"
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/apperr"
)

// Transactions posting several entries through the merchant's expense
// account, for the same distributors in opposite orders (a payment of a
// buyer of B earning B and its parent A, another of a buyer of A earning A
// and Z...), lock everything first and so never deadlock.
func TestLockBeforeSeveralPostingsDoesNotDeadlock(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		_, errs := race(db, 16, func(tx *gorm.DB, i int) (bool, error) {
			first, second := int64(1), int64(2)
			if i%2 == 1 {
				first, second = second, first
			}
			if err := ledger.Lock(ctx, tx, pending(first), expense, pending(second)); err != nil {
				return false, err
			}
			for _, d := range []int64{first, second} {
				key := fmt.Sprintf("order_line:%d:tier%d:accrue", i, d)
				if _, err := ledger.Post(ctx, tx, move(key, ledger.TypeCommissionAccrue, expense, pending(d), 10, false)); err != nil {
					return false, err
				}
			}
			return true, nil
		})
		for i, err := range errs {
			if err != nil {
				t.Fatalf("racer %d: %v", i, err)
			}
		}
		wantBalance(t, db, pending(1), 160)
		wantBalance(t, db, pending(2), 160)
		wantBalance(t, db, expense, -320)
		wantClean(t, db)
	})
}

func TestLockCreatesAccountsAndChangesNoBalance(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		fund(t, db, 4, 300)
		if err := ledger.Lock(ctx, db, available(4), withdrawing(4), available(4)); err != nil {
			t.Fatal(err)
		}
		wantBalance(t, db, available(4), 300)
		wantBalance(t, db, withdrawing(4), 0)
		if r := wantClean(t, db); r.Accounts != 4 {
			t.Fatalf("want 4 accounts (expense, pending, available, withdrawing): %s", r)
		}
		err := ledger.Lock(ctx, db, ledger.Account{OwnerType: ledger.OwnerMerchant, Kind: ledger.KindPending})
		if !apperr.Is(err, apperr.CodeInvalid) {
			t.Fatalf("locking an account outside the chart: %v", err)
		}
	})
}
