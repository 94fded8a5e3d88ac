package ledger_test

import (
	"slices"
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/apperr"
)

// TestPostManyIsPostingOneByOne: a batch leaves exactly the balances,
// balance_after values and applied flags that posting its entries one by
// one leaves, including repeated keys and one account moved several times.
func TestPostManyIsPostingOneByOne(t *testing.T) {
	t.Parallel()
	batch := []ledger.Entry{
		move("b:1", ledger.TypeCommissionAccrue, expense, pending(1), 100, false),
		move("b:2", ledger.TypeCommissionAccrue, expense, pending(2), 30, false),
		move("b:3", ledger.TypeCommissionSettle, pending(1), available(1), 70, true),
		move("b:4", ledger.TypeCommissionAccrue, expense, pending(1), 5, false),
		move("b:0", ledger.TypeCommissionAccrue, expense, pending(3), 9, false), // posted before the batch
	}
	lines := func(db *gorm.DB) []int64 {
		var after []int64
		mustScan(t, db, `SELECT l.balance_after FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id
			JOIN ledger_accounts a ON a.id = l.account_id ORDER BY e.idem_key, a.owner_type, a.owner_id, a.kind`, &after)
		return after
	}
	var want []int64
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		mustPost(t, db, batch[4], true)
		for _, e := range batch[:4] {
			mustPost(t, db, e, true)
		}
		mustPost(t, db, batch[4], false)
		want = lines(db)
	})
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		mustPost(t, db, batch[4], true)
		applied, err := ledger.PostMany(ctx, db, batch)
		if err != nil {
			t.Fatal(err)
		}
		if wantApplied := []bool{true, true, true, true, false}; !slices.Equal(applied, wantApplied) {
			t.Fatalf("applied = %v, want %v", applied, wantApplied)
		}
		wantBalance(t, db, pending(1), 35)
		wantBalance(t, db, available(1), 70)
		wantBalance(t, db, pending(2), 30)
		wantBalance(t, db, expense, -144)
		if got := lines(db); !slices.Equal(got, want) {
			t.Fatalf("balance_after = %v, one by one %v", got, want)
		}
		wantClean(t, db)
	})
}

// TestPostManyIsAllOrNothing: a guard failing on the batch's third entry
// (its own earlier entries included) fails the call, so the caller's
// transaction leaves nothing of the batch, and bad batches are refused.
func TestPostManyIsAllOrNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		batch  []ledger.Entry
		code   apperr.Code
		reason string
	}{
		{"guard trips after earlier entries", []ledger.Entry{
			move("c:1", ledger.TypeCommissionAccrue, expense, pending(1), 10, false),
			move("c:2", ledger.TypeCommissionSettle, pending(1), available(1), 10, true),
			move("c:3", ledger.TypeCommissionSettle, pending(1), available(1), 2, true),
		}, apperr.CodeConflict, "insufficient_funds"},
		{"one key twice", []ledger.Entry{
			move("c:1", ledger.TypeCommissionAccrue, expense, pending(1), 10, false),
			move("c:1", ledger.TypeCommissionAccrue, expense, pending(1), 10, false),
		}, apperr.CodeInvalid, ""},
		{"a key reused with other lines", []ledger.Entry{
			move("c:1", ledger.TypeCommissionAccrue, expense, pending(1), 10, false),
			move("seed", ledger.TypeCommissionAccrue, expense, pending(1), 2, false),
		}, apperr.CodeConflict, "idempotency_key_reused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forEachDB(t, func(t *testing.T, db *gorm.DB) {
				mustPost(t, db, move("seed", ledger.TypeCommissionAccrue, expense, pending(1), 1, false), true)
				err := db.Transaction(func(tx *gorm.DB) error { // PostMany leaves the rollback to its caller
					_, err := ledger.PostMany(ctx, tx, tt.batch)
					return err
				})
				if err == nil {
					t.Fatalf("%s: no error", tt.name)
				}
				if tt.reason != "" {
					wantReason(t, err, tt.code, tt.reason)
				} else if !apperr.Is(err, tt.code) {
					t.Fatalf("%s: %v, want %s", tt.name, err, tt.code)
				}
				if _, err := ledger.PostMany(ctx, db, tt.batch); err == nil { // outside a transaction it makes its own
					t.Fatalf("%s: no error outside a transaction", tt.name)
				}
				wantBalance(t, db, pending(1), 1)
				wantBalance(t, db, available(1), 0)
				var entries int64
				mustScan(t, db, "SELECT COUNT(*) FROM ledger_entries", &entries)
				if entries != 1 {
					t.Fatalf("%s: %d entries after a refused batch, want the seed only", tt.name, entries)
				}
			})
		})
	}
}

func mustScan(t *testing.T, db *gorm.DB, sql string, dst any) {
	t.Helper()
	if err := db.Raw(sql).Scan(dst).Error; err != nil {
		t.Fatal(err)
	}
}
