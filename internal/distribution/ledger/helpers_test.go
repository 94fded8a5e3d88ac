package ledger_test

import (
	"context"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/testkit"
)

var ctx = context.Background()

// openDB opens and migrates the database at url, closed when tb ends.
func openDB(tb testing.TB, url string) *gorm.DB {
	tb.Helper()
	db, err := database.Open(ctx, url)
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return db.Gorm
}

// forEachDB runs fn on a fresh migrated database per dialect.
func forEachDB(t *testing.T, fn func(t *testing.T, db *gorm.DB)) {
	testkit.ForEachDB(t, func(t *testing.T, url string) { fn(t, openDB(t, url)) })
}

// move is a two-line entry taking amount from one account to another.
func move(key string, typ ledger.EntryType, from, to ledger.Account, amount money.Fen, guard bool) ledger.Entry {
	return ledger.Entry{Key: key, Type: typ, RefType: "test", Memo: "test " + string(typ), Lines: []ledger.Line{
		{Account: from, Amount: -amount, RequireNonNegative: guard},
		{Account: to, Amount: amount},
	}}
}

var expense = ledger.Merchant(ledger.KindCommissionExpense)

func pending(d int64) ledger.Account     { return ledger.Distributor(d, ledger.KindPending) }
func available(d int64) ledger.Account   { return ledger.Distributor(d, ledger.KindAvailable) }
func withdrawing(d int64) ledger.Account { return ledger.Distributor(d, ledger.KindWithdrawing) }

// mustPost posts e and fails the test unless it was applied as wanted.
func mustPost(tb testing.TB, db *gorm.DB, e ledger.Entry, wantApplied bool) {
	tb.Helper()
	applied, err := ledger.Post(ctx, db, e)
	if err != nil || applied != wantApplied {
		tb.Fatalf("Post(%s) = %v, %v; want applied=%v", e.Key, applied, err, wantApplied)
	}
}

// fund gives distributor d an available balance (accrued then settled).
func fund(tb testing.TB, db *gorm.DB, d int64, amount money.Fen) {
	tb.Helper()
	mustPost(tb, db, move(fmt.Sprintf("fund:%d:accrue", d), ledger.TypeCommissionAccrue, expense, pending(d), amount, false), true)
	mustPost(tb, db, move(fmt.Sprintf("fund:%d:settle", d), ledger.TypeCommissionSettle, pending(d), available(d), amount, true), true)
}

func wantBalance(tb testing.TB, db *gorm.DB, a ledger.Account, want money.Fen) {
	tb.Helper()
	got, err := ledger.Balance(ctx, db, a)
	if err != nil || got != want {
		tb.Fatalf("Balance(%v) = %d, %v; want %d", a, got, err, want)
	}
}

func wantClean(tb testing.TB, db *gorm.DB) ledger.Report {
	tb.Helper()
	r, err := ledger.Check(ctx, db)
	if err != nil {
		tb.Fatalf("Check: %v", err)
	}
	if !r.OK() {
		tb.Fatalf("Check found problems:\n%s", r)
	}
	return r
}

func wantReason(tb testing.TB, err error, code apperr.Code, reason string) {
	tb.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code || e.Reason != reason {
		tb.Fatalf("error = %v; want %s with reason %q", err, code, reason)
	}
}
