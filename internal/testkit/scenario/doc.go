// Package scenario holds Fenxiao's randomized whole-system scenario test; it
// has no code outside its tests.
//
// TestScenario drives the real, fully wired services (testkit.App) on
// SQLite and, when FENXIAO_TEST_POSTGRES_URL is set, on PostgreSQL through a
// seeded random walk: shoppers bind through invite codes (self and cycle
// attempts included), distributors are designated, frozen and restored,
// orders of one to three lines over products with every commission mode are
// placed, paid (twice, concurrently, by a second transaction, late),
// shipped, completed, settled (after-sales window 0), refunded in part or in
// full before and after settlement, and distributors withdraw, several
// requests racing each other and clawbacks, while withdrawals are approved,
// rejected, paid and failed, sometimes concurrently. Any finished event may
// be delivered again. The invariants (invariants_test.go and its
// invariants_*_test.go siblings) say what must hold.
//
// Running it:
//
//	go test ./internal/testkit/scenario/ -count=1                        # 2,000 steps per database, time-based seed
//	go test ./internal/testkit/scenario/ -count=1 -scenario.seed=42      # replay the seed a failure printed
//	go test ./internal/testkit/scenario/ -count=1 -v                     # also log the operation counts
//
// After every step the invariants run on the rows the step touched (the
// ledger part checks the step's new entries, lines and accounts by
// induction on the steps before); every -scenario.full steps and after the
// last one the full audit runs instead: ledger.Check itself and every
// invariant over all rows. The default is every max(10, ops/200) steps;
// -scenario.full=1 audits everything after every step.
//
// Millions of steps: run one database at a time without the test timeout
// (the full audit then runs every 5,000 steps by default):
//
//	go test ./internal/testkit/scenario/ -count=1 -run 'TestScenario/sqlite' -timeout 0 -scenario.ops=1000000
//
// A replayed seed repeats the same operations as long as no concurrent
// step resolved differently (goroutine scheduling is not seeded).
package scenario
