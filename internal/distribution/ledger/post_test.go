package ledger_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
)

func TestPostBalancedEntry(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		e := move("order_line:1:tier1:accrue", ledger.TypeCommissionAccrue, expense, pending(7), 1234, false)
		e.RefType, e.RefID, e.Memo = "order", 99, "tier 1 of order 99"
		mustPost(t, db, e, true)

		wantBalance(t, db, pending(7), 1234)
		wantBalance(t, db, expense, -1234)
		wantBalance(t, db, available(7), 0) // never posted to
		got, err := ledger.Balances(ctx, db, ledger.OwnerDistributor, 7)
		want := map[ledger.Kind]money.Fen{"pending": 1234, "available": 0, "withdrawing": 0, "paid_out": 0}
		if err != nil || len(got) != len(want) {
			t.Fatalf("Balances = %v, %v; want %v", got, err, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("Balances = %v; want %v", got, want)
			}
		}

		res, err := ledger.Entries(ctx, db, ledger.Filter{OwnerType: ledger.OwnerDistributor, OwnerID: 7}, page.Request{})
		if err != nil || res.Total != 1 || len(res.Items) != 1 {
			t.Fatalf("Entries = %+v, %v", res, err)
		}
		je := res.Items[0]
		if je.Key != e.Key || je.Type != e.Type || je.RefType != "order" || je.RefID != 99 || je.Memo != e.Memo ||
			je.CreatedAt.IsZero() || len(je.Lines) != 2 {
			t.Fatalf("entry read back as %+v", je)
		}
		for _, l := range je.Lines {
			if l.Account == expense && (l.Amount != -1234 || l.BalanceAfter != -1234) ||
				l.Account == pending(7) && (l.Amount != 1234 || l.BalanceAfter != 1234) {
				t.Fatalf("line read back as %+v", l)
			}
		}
		if r := wantClean(t, db); r.Entries != 1 || r.Lines != 2 || r.Accounts != 2 {
			t.Fatalf("report counts %+v", r)
		}
	})
}

func TestPostRefusesMalformedEntries(t *testing.T) {
	t.Parallel()
	ok := move("k", ledger.TypeCommissionAccrue, expense, pending(1), 100, false)
	with := func(f func(e *ledger.Entry)) ledger.Entry {
		e := ok
		e.Lines = append([]ledger.Line(nil), ok.Lines...)
		f(&e)
		return e
	}
	tests := []struct {
		name   string
		e      ledger.Entry
		reason string
	}{
		{"unbalanced", with(func(e *ledger.Entry) { e.Lines[1].Amount = 99 }), "unbalanced"},
		{"one line", with(func(e *ledger.Entry) { e.Lines = e.Lines[:1] }), ""},
		{"zero amounts", with(func(e *ledger.Entry) { e.Lines[0].Amount, e.Lines[1].Amount = 0, 0 }), ""},
		{"no key", with(func(e *ledger.Entry) { e.Key = "" }), ""},
		{"key too long", with(func(e *ledger.Entry) { e.Key = strings.Repeat("k", 129) }), ""},
		{"no type", with(func(e *ledger.Entry) { e.Type = "" }), ""},
		{"unknown kind", with(func(e *ledger.Entry) { e.Lines[1].Account.Kind = "tier3" }), ""},
		{"merchant kind on distributor", with(func(e *ledger.Entry) { e.Lines[1].Account.Kind = ledger.KindCommissionExpense }), ""},
		{"merchant beyond its shards", with(func(e *ledger.Entry) { e.Lines[0].Account.OwnerID = ledger.MerchantShards }), ""},
		{"merchant with negative owner id", with(func(e *ledger.Entry) { e.Lines[0].Account.OwnerID = -1 }), ""},
		{"distributor without id", with(func(e *ledger.Entry) { e.Lines[1].Account.OwnerID = 0 }), ""},
		{"same account twice", with(func(e *ledger.Entry) { e.Lines[1].Account = expense }), ""},
		{"amount out of bounds", with(func(e *ledger.Entry) {
			e.Lines[0].Amount, e.Lines[1].Amount = -ledger.MaxAmount-1, ledger.MaxAmount+1
		}), ""},
	}
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		for _, tt := range tests {
			applied, err := ledger.Post(ctx, db, tt.e)
			if applied {
				t.Fatalf("%s: applied", tt.name)
			}
			wantReason(t, err, apperr.CodeInvalid, tt.reason)
		}
		if r := wantClean(t, db); r.Entries != 0 || r.Accounts != 0 {
			t.Fatalf("refused entries left rows: %s", r)
		}
		mustPost(t, db, ok, true) // the untouched entry is fine
	})
}

func TestPostIsIdempotent(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		e := move("order_line:5:tier2:accrue", ledger.TypeCommissionAccrue, expense, pending(3), 500, false)
		mustPost(t, db, e, true)
		mustPost(t, db, e, false)
		mustPost(t, db, e, false)
		wantBalance(t, db, pending(3), 500)

		changed := move(e.Key, ledger.TypeCommissionAccrue, expense, pending(3), 501, false)
		applied, err := ledger.Post(ctx, db, changed)
		if applied {
			t.Fatal("reused key with other amount applied")
		}
		wantReason(t, err, apperr.CodeConflict, "idempotency_key_reused")
		retyped := e
		retyped.Type = ledger.TypeAdjust
		_, err = ledger.Post(ctx, db, retyped)
		wantReason(t, err, apperr.CodeConflict, "idempotency_key_reused")

		wantBalance(t, db, pending(3), 500)
		if r := wantClean(t, db); r.Entries != 1 {
			t.Fatalf("want 1 entry, report %s", r)
		}
	})
}

// TestPostInsideCallerTransaction shows a refused or duplicate posting
// leaves the caller's transaction usable (a savepoint on PostgreSQL) and
// that a rolled-back caller transaction takes its postings with it.
func TestPostInsideCallerTransaction(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		fund(t, db, 1, 100)
		err := db.Transaction(func(tx *gorm.DB) error {
			_, err := ledger.Post(ctx, tx, move("w:1", ledger.TypeWithdrawRequest, available(1), withdrawing(1), 101, true))
			wantReason(t, err, apperr.CodeConflict, "insufficient_funds")
			mustPost(t, tx, move("fund:1:accrue", ledger.TypeCommissionAccrue, expense, pending(1), 100, false), false)
			mustPost(t, tx, move("w:2", ledger.TypeWithdrawRequest, available(1), withdrawing(1), 60, true), true)
			wantBalance(t, tx, available(1), 40)
			return nil
		})
		if err != nil {
			t.Fatalf("caller transaction: %v", err)
		}
		rollback := errors.New("rollback")
		err = db.Transaction(func(tx *gorm.DB) error {
			mustPost(t, tx, move("w:3", ledger.TypeWithdrawRequest, available(1), withdrawing(1), 40, true), true)
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatalf("transaction error %v", err)
		}
		wantBalance(t, db, available(1), 40)
		wantBalance(t, db, withdrawing(1), 60)
		mustPost(t, db, move("w:3", ledger.TypeWithdrawRequest, available(1), withdrawing(1), 40, true), true)
		wantClean(t, db)
	})
}

func TestNonNegativeRuleIsPerLine(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		fund(t, db, 2, 300)
		// A refund after settlement claws back more than is available:
		// allowed, the distributor owes the difference.
		mustPost(t, db, move("clawback:1", ledger.TypeCommissionReverse, available(2), expense, 500, false), true)
		wantBalance(t, db, available(2), -200)
		// Spending from a negative balance is refused...
		_, err := ledger.Post(ctx, db, move("w:1", ledger.TypeWithdrawRequest, available(2), withdrawing(2), 1, true))
		wantReason(t, err, apperr.CodeConflict, "insufficient_funds")
		// ...and so is a guarded clawback that would go below zero.
		_, err = ledger.Post(ctx, db, move("clawback:2", ledger.TypeCommissionReverse, pending(2), expense, 1, true))
		wantReason(t, err, apperr.CodeConflict, "insufficient_funds")
		// New commission settles into the debt.
		mustPost(t, db, move("a:2", ledger.TypeCommissionAccrue, expense, pending(2), 250, false), true)
		mustPost(t, db, move("s:2", ledger.TypeCommissionSettle, pending(2), available(2), 250, true), true)
		wantBalance(t, db, available(2), 50)
		mustPost(t, db, move("w:2", ledger.TypeWithdrawRequest, available(2), withdrawing(2), 50, true), true)
		wantBalance(t, db, available(2), 0)
		wantClean(t, db)
	})
}

func TestEntriesFilters(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		fund(t, db, 1, 100) // accrue + settle for distributor 1
		fund(t, db, 2, 100)
		e := move("w:1", ledger.TypeWithdrawRequest, available(1), withdrawing(1), 30, true)
		e.RefType, e.RefID = "withdrawal", 77
		mustPost(t, db, e, true)
		tests := []struct {
			name string
			f    ledger.Filter
			keys []string
		}{
			{"all newest first", ledger.Filter{}, []string{"w:1", "fund:2:settle", "fund:2:accrue", "fund:1:settle", "fund:1:accrue"}},
			{"owner", ledger.Filter{OwnerType: ledger.OwnerDistributor, OwnerID: 1}, []string{"w:1", "fund:1:settle", "fund:1:accrue"}},
			{"owner and kind", ledger.Filter{OwnerType: ledger.OwnerDistributor, OwnerID: 2, Kind: ledger.KindAvailable}, []string{"fund:2:settle"}},
			{"type", ledger.Filter{Type: ledger.TypeCommissionAccrue}, []string{"fund:2:accrue", "fund:1:accrue"}},
			{"reference", ledger.Filter{RefType: "withdrawal", RefID: 77}, []string{"w:1"}},
			{"merchant", ledger.Filter{OwnerType: ledger.OwnerMerchant}, []string{"fund:2:accrue", "fund:1:accrue"}},
		}
		for _, tt := range tests {
			res, err := ledger.Entries(ctx, db, tt.f, page.Request{})
			if err != nil || res.Total != int64(len(tt.keys)) || len(res.Items) != len(tt.keys) {
				t.Fatalf("%s: Entries = %+v, %v", tt.name, res, err)
			}
			for i, k := range tt.keys {
				if res.Items[i].Key != k || len(res.Items[i].Lines) != 2 {
					t.Fatalf("%s: item %d = %+v, want key %s", tt.name, i, res.Items[i], k)
				}
			}
		}
		res, err := ledger.Entries(ctx, db, ledger.Filter{}, page.Request{Page: 2, Size: 2})
		if err != nil || res.Total != 5 || len(res.Items) != 2 || res.Items[0].Key != "fund:2:accrue" {
			t.Fatalf("page 2 = %+v, %v", res, err)
		}
	})
}

// TestBalanceOverflowIsRefused: a sum past int64 must fail, never wrap or
// (on SQLite) silently become a float.
func TestBalanceOverflowIsRefused(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		mustPost(t, db, move("a:1", ledger.TypeCommissionAccrue, expense, pending(1), 1, false), true)
		id := accountID(t, db, pending(1))
		mustExec(t, db, "UPDATE account_balances SET balance = ? WHERE account_id = ?", int64(math.MaxInt64-10), id)
		applied, err := ledger.Post(ctx, db, move("a:2", ledger.TypeCommissionAccrue, expense, pending(1), 11, false))
		if applied || err == nil {
			t.Fatalf("overflowing post = %v, %v; want an error", applied, err)
		}
		wantBalance(t, db, pending(1), math.MaxInt64-10)
		wantBalance(t, db, expense, -1)
	})
}
