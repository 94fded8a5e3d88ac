package ledger_test

import (
	"fmt"
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/testkit"
)

// benchHistories are the numbers of prior entries each benchmark runs
// after; ns/op staying flat across them shows posting and reading a balance
// do not scan history.
var benchHistories = []int{0, 10000}

// seedHistory funds distributor 1's pending account and posts n more
// accruals to it (the account the benchmarks then use). It commits every
// 100 postings: updating one row thousands of times in a single
// PostgreSQL transaction makes each update walk a long version chain.
func seedHistory(b *testing.B, db *gorm.DB, n int) {
	b.Helper()
	mustPost(b, db, move("history:fund", ledger.TypeCommissionAccrue, expense, pending(1), 1_000_000_000, false), true)
	for start := 0; start < n; start += 100 {
		err := db.Transaction(func(tx *gorm.DB) error {
			for i := start; i < min(start+100, n); i++ {
				e := move(fmt.Sprintf("history:%d", i), ledger.TypeCommissionAccrue, expense, pending(1), 100, false)
				if _, err := ledger.Post(ctx, tx, e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatalf("seed history: %v", err)
		}
	}
}

func benchEachDB(b *testing.B, fn func(b *testing.B, db *gorm.DB)) {
	for _, d := range testkit.Dialects() {
		for _, n := range benchHistories {
			b.Run(fmt.Sprintf("%s/history=%d", d, n), func(b *testing.B) {
				db := openDB(b, testkit.FreshDatabaseURL(b, d))
				seedHistory(b, db, n)
				b.ResetTimer()
				fn(b, db)
			})
		}
	}
}

// BenchmarkPost measures one two-line posting (its own transaction) onto
// accounts that already carry the history.
func BenchmarkPost(b *testing.B) {
	benchEachDB(b, func(b *testing.B, db *gorm.DB) {
		i := 0
		for b.Loop() {
			i++
			e := move(fmt.Sprintf("bench:%d", i), ledger.TypeCommissionSettle, pending(1), available(1), 1, true)
			if _, err := ledger.Post(ctx, db, e); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBalance measures reading one cached balance.
func BenchmarkBalance(b *testing.B) {
	benchEachDB(b, func(b *testing.B, db *gorm.DB) {
		mustPost(b, db, move("bench:one", ledger.TypeCommissionAccrue, expense, pending(1), 1, false), true)
		for b.Loop() {
			if _, err := ledger.Balance(ctx, db, pending(1)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
