package testkit

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/database"
)

// Scale describes the data set of the distribution performance benchmarks.
// SeedScale inserts it with set-based SQL (INSERT ... SELECT over a
// generated sequence): going through the services would take hours.
type Scale struct {
	Distributors int64 // ids 1..Distributors, each its own shopper id
	Buyers       int64 // shopper ids Distributors+1..Distributors+Buyers, each bound
	Orders       int64 // paid orders, every one attributed to its buyer's distributor
}

// FullScale is the target of the performance requirement: 100k
// distributors, 200k buyers and 1M attributed orders.
var FullScale = Scale{Distributors: 100_000, Buyers: 200_000, Orders: 1_000_000}

// The shape of a seeded network, the same at any Scale of at least 100k
// distributors and 50k buyers:
//   - distributor 1 is the root of a 20k team (2..20001);
//   - distributor 2 (ScaleWhale, parent 1) has its own 20k team
//     (20002..40001), the first 50k buyers bound to it and every tenth
//     order, with its ledger, commission and leaderboard history;
//   - every later distributor's parent is id/2, so ScaleSmall (99999) has
//     a team of none and its parent (49999) a team of two;
//   - the other buyers and orders spread over distributors 3..N.
const (
	ScaleWhale int64 = 2
	ScaleSmall int64 = 99_999
)

// InviteCode is the invite code of a seeded distributor.
func (Scale) InviteCode(distributorID int64) string { return fmt.Sprintf("S%d", distributorID) }

// FullScaleApp is an app on a fresh database of dialect d seeded with
// FullScale at now, for benchmarks. Seeding takes about a minute per
// database, so -short skips the benchmark.
func FullScaleApp(b *testing.B, d string, now time.Time) *App {
	b.Helper()
	if testing.Short() {
		b.Skip("seeds 1M orders; run without -short")
	}
	a := NewApp(b, FreshDatabaseURL(b, d))
	SeedScale(b, a.DB, FullScale, now)
	return a
}

// SeedScale fills a freshly migrated, empty database with sc: shoppers,
// distributors, bindings, paid orders with one line each, a tier-1
// commission record (10%) per order, ledger postings of that commission
// (merchant commission_expense -> distributor pending, with running and
// cached balances: one per order of ScaleWhale, one opening posting per
// other distributor), each distributor's paid order count, and
// leaderboard sales and commission counters for every period of now with
// their rank histogram. Orders are paid every 9 seconds going back from
// now. It loads in one transaction with the secondary indexes dropped and
// rebuilt afterwards, then refreshes the planner statistics.
func SeedScale(tb testing.TB, db *database.DB, sc Scale, now time.Time) {
	tb.Helper()
	if sc.Distributors < ScaleSmall || sc.Buyers <= 50_000 {
		tb.Fatalf("seed scale: %+v is smaller than the shape of the network", sc)
	}
	started := time.Now()
	now = now.UTC().Truncate(time.Second)
	g := db.Gorm
	sd := seedDialects[db.Dialect]
	for _, s := range sd.before {
		if err := g.Exec(s).Error; err != nil {
			tb.Fatalf("seed scale: %s: %v", s, err)
		}
	}
	err := g.Transaction(func(tx *gorm.DB) error {
		for _, s := range sd.inTx {
			if err := tx.Exec(s).Error; err != nil {
				return err
			}
		}
		indexes, err := dropIndexes(tx, sd.indexes)
		if err != nil {
			return err
		}
		for _, s := range scaleStatements(sc, now, sd.paidAt) {
			var args []any
			if strings.Contains(s, "@now") {
				args = append(args, map[string]any{"now": now})
			}
			if err := tx.Exec(s, args...).Error; err != nil {
				return fmt.Errorf("%w\n%s", err, s)
			}
		}
		if err := leaderboard.RebuildHistogram(tx); err != nil {
			return err
		}
		for _, s := range indexes {
			if err := tx.Exec(s).Error; err != nil {
				return fmt.Errorf("recreate index: %w\n%s", err, s)
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("seed scale: %v", err)
	}
	for _, s := range sd.after {
		if err := g.Exec(s).Error; err != nil {
			tb.Fatalf("seed scale: %s: %v", s, err)
		}
	}
	tb.Logf("seeded %d distributors, %d buyers, %d orders on %s in %s",
		sc.Distributors, sc.Buyers, sc.Orders, db.Dialect, time.Since(started).Round(time.Second))
}

// scaleStatements are SeedScale's inserts, each over a generated sequence
// or over the orders inserted before it; at is SQL for order x's time.
func scaleStatements(sc Scale, now time.Time, at string) []string {
	seq := func(n int64) string {
		return fmt.Sprintf("WITH RECURSIVE seq(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM seq WHERE x < %d) ", n)
	}
	nd, nb, no := sc.Distributors, sc.Buyers, sc.Orders
	stmts := []string{
		seq(nd+nb) + `INSERT INTO shoppers (id, nickname, status, created_at, updated_at)
			SELECT x, 'seed-' || x, 'active', @now, @now FROM seq`,
		seq(nd) + `INSERT INTO distributors (id, shopper_id, invite_code, parent_id, status, joined_at, created_at, updated_at)
			SELECT x, x, 'S' || x, CASE WHEN x = 1 THEN NULL WHEN x <= 20001 THEN 1 WHEN x <= 40001 THEN 2 ELSE x / 2 END,
			'active', @now, @now, @now FROM seq`,
		seq(nb) + fmt.Sprintf(`INSERT INTO bindings (shopper_id, distributor_id, source, bound_at, locked, updated_at)
			SELECT %d + x, CASE WHEN x <= 50000 THEN 2 ELSE 3 + (x * 7919) %% %d END, 'link', @now, FALSE, @now FROM seq`, nd, nd-2),
		// Every tenth order is the whale's (its first 50k buyers); the
		// others go to the other buyers, whose distributor and its parent
		// follow from the formulas above.
		seq(no) + fmt.Sprintf(`INSERT INTO orders (id, order_no, shopper_id, status, goods_amount, pay_amount, distributor_id,
			tier2_distributor_id, address_json, pay_method, pay_provider, pay_transaction_id, expires_at, paid_at, created_at, updated_at)
			SELECT x, 'SEED' || x, buyer, 'paid', amount, amount, dist,
			CASE WHEN dist = 1 THEN NULL WHEN dist <= 20001 THEN 1 WHEN dist <= 40001 THEN 2 ELSE dist / 2 END, '{}',
			'sandbox', 'sandbox', 'seed-' || x, at, at, at, at
			FROM (SELECT x, at, amount, %[2]d + j AS buyer, CASE WHEN j <= 50000 THEN 2 ELSE 3 + (j * 7919) %% %[3]d END AS dist
				FROM (SELECT x, %[1]s AS at, 1000 + (x * 37) %% 20000 AS amount,
					CASE WHEN x %% 10 = 0 THEN 1 + (x / 10) %% 50000 ELSE 50001 + (x * 31) %% %[4]d END AS j FROM seq) s) t`,
			at, nd, nd-2, nb-50000),
		`INSERT INTO order_lines (id, order_id, product_id, sku_id, title, unit_price, quantity, amount, paid_amount)
			SELECT id, id, 0, 0, 'seed', pay_amount, 1, pay_amount, pay_amount FROM orders`,
		`INSERT INTO commission_records (id, order_id, order_line_id, buyer_shopper_id, distributor_id, tier, base_amount,
			mode, rate_value, amount, status, created_at)
			SELECT id, id, id, shopper_id, distributor_id, 1, pay_amount, 'inherit', 1000, pay_amount / 10, 'pending', paid_at FROM orders`,
		seedSums(sc, now),
		`INSERT INTO ledger_accounts (id, owner_type, owner_id, kind, created_at) VALUES (1, 'merchant', 0, 'commission_expense', @now)`,
		`INSERT INTO ledger_accounts (id, owner_type, owner_id, kind, created_at)
			SELECT distributor_id + 1, 'distributor', distributor_id, 'pending', @now FROM seed_sums`,
		// One posting per order of the whale (its history), one opening
		// posting per other distributor with the sum of its commissions.
		fmt.Sprintf(`CREATE TEMPORARY TABLE seed_postings AS
			SELECT id / 10 AS e, 'seed:order:' || id AS idem_key, distributor_id, pay_amount / 10 AS amount, paid_at AS at
			FROM orders WHERE distributor_id = %[1]d
			UNION ALL
			SELECT %[2]d + distributor_id, 'seed:opening:' || distributor_id, distributor_id, commission_all, last_paid_at
			FROM seed_sums WHERE distributor_id <> %[1]d`, ScaleWhale, no/10),
		`INSERT INTO ledger_entries (id, idem_key, type, ref_type, ref_id, memo, created_at)
			SELECT e, idem_key, 'commission_accrue', 'seed', e, '', at FROM seed_postings`,
		`INSERT INTO ledger_lines (id, entry_id, account_id, amount, balance_after)
			SELECT 2 * e - 1, e, 1, -amount, -SUM(amount) OVER (ORDER BY e) FROM seed_postings`,
		`INSERT INTO ledger_lines (id, entry_id, account_id, amount, balance_after)
			SELECT 2 * e, e, distributor_id + 1, amount, SUM(amount) OVER (PARTITION BY distributor_id ORDER BY e) FROM seed_postings`,
		`INSERT INTO account_balances (account_id, balance, updated_at)
			SELECT account_id, SUM(amount), @now FROM ledger_lines GROUP BY account_id`,
		`DROP TABLE seed_postings`,
		`UPDATE distributors SET paid_orders = seed_sums.orders_all FROM seed_sums WHERE seed_sums.distributor_id = distributors.id`,
	}
	for _, p := range leaderboard.Periods {
		for _, m := range []string{"sales", "commission"} {
			stmts = append(stmts, fmt.Sprintf(`INSERT INTO leaderboard_counters (metric, period_kind, period_key, distributor_id, value)
				SELECT '%[1]s', '%[2]s', '%[3]s', distributor_id, %[1]s_%[2]s FROM seed_sums WHERE orders_%[2]s > 0`,
				m, p, leaderboard.Bucket(p, now)))
		}
	}
	return append(stmts, `DROP TABLE seed_sums`)
}

// seedSums is one pass over the orders that sums, per distributor and
// leaderboard period of now, the orders, sales and commissions. Order x
// was paid 9x seconds before now, so a period is a range of ids.
func seedSums(sc Scale, now time.Time) string {
	cols := []string{"distributor_id", "MAX(paid_at) AS last_paid_at"}
	for _, p := range leaderboard.Periods {
		last := sc.Orders
		if start := periodStart(p, now); !start.IsZero() {
			last = min(last, int64(now.Sub(start)/(9*time.Second)))
		}
		cols = append(cols,
			fmt.Sprintf("COUNT(CASE WHEN id <= %d THEN 1 END) AS orders_%s", last, p),
			fmt.Sprintf("SUM(CASE WHEN id <= %d THEN pay_amount ELSE 0 END) AS sales_%s", last, p),
			fmt.Sprintf("SUM(CASE WHEN id <= %d THEN pay_amount / 10 ELSE 0 END) AS commission_%s", last, p))
	}
	return "CREATE TEMPORARY TABLE seed_sums AS SELECT " + strings.Join(cols, ", ") + " FROM orders GROUP BY distributor_id"
}

// dropIndexes drops the secondary indexes of scaleTables (not primary
// keys or constraints) and, on PostgreSQL, their foreign keys, whose
// per-row triggers dominate a bulk load there, as the dialect's query q
// lists them. It returns the statements that restore them: building an
// index or validating a key once is far cheaper than a million random
// inserts or checks.
func dropIndexes(tx *gorm.DB, q string) ([]string, error) {
	type object struct{ DropSQL, RestoreSQL string }
	var objs []object
	if err := tx.Raw(q, map[string]any{"tables": scaleTables}).Scan(&objs).Error; err != nil {
		return nil, fmt.Errorf("list indexes: %w", err)
	}
	out := make([]string, 0, len(objs))
	for _, o := range objs {
		if err := tx.Exec(o.DropSQL).Error; err != nil {
			return nil, fmt.Errorf("%s: %w", o.DropSQL, err)
		}
		out = append(out, o.RestoreSQL)
	}
	return out, nil
}

// periodStart is when the leaderboard period p containing now began, in
// Shanghai time; zero for all time.
func periodStart(p leaderboard.Period, now time.Time) time.Time {
	t := now.In(cst.Zone)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	switch p {
	case leaderboard.PeriodToday:
		return day
	case leaderboard.PeriodWeek:
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	case leaderboard.PeriodMonth:
		return day.AddDate(0, 0, 1-day.Day())
	}
	return time.Time{}
}

// scaleTables are the tables SeedScale fills, those with an id sequence first.
var scaleTables = []string{"shoppers", "distributors", "orders", "order_lines", "commission_records",
	"ledger_accounts", "ledger_entries", "ledger_lines", "bindings", "account_balances",
	"leaderboard_counters", "leaderboard_rank_cells"}

// seedDialect is what SeedScale does differently on each database: bulk
// load tuning and catalogue queries the application never runs, so they
// are chosen here, once, rather than among database.Dialect's methods.
type seedDialect struct {
	before  []string // on the connection, before the load
	inTx    []string // first in the load's transaction
	paidAt  string   // SQL for the time x * 9 seconds before @now
	indexes string   // lists drop_sql, restore_sql of what dropIndexes drops
	after   []string // on the connection, after the load
}

var seedDialects = map[database.Dialect]seedDialect{
	// SQLite's single connection gets a 1 GB page cache and skips fsync
	// during the load; after it the defaults come back, the WAL is
	// checkpointed and the planner statistics refreshed.
	database.SQLite: {
		before: []string{"PRAGMA cache_size = -1000000", "PRAGMA synchronous = OFF", "PRAGMA temp_store = MEMORY"},
		paidAt: "datetime(@now, '-' || (x * 9) || ' seconds')",
		indexes: `SELECT 'DROP INDEX ' || name AS drop_sql, sql AS restore_sql
		FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN @tables`,
		after: []string{"PRAGMA cache_size = -2000", "PRAGMA synchronous = NORMAL", "PRAGMA temp_store = DEFAULT",
			"PRAGMA wal_checkpoint(TRUNCATE)", "ANALYZE"},
	},
	database.Postgres: {
		inTx:   []string{"SET LOCAL synchronous_commit = off", "SET LOCAL work_mem = '256MB'", "SET LOCAL maintenance_work_mem = '512MB'"},
		paidAt: "(CAST(@now AS TIMESTAMPTZ) - x * INTERVAL '9 seconds')",
		indexes: `SELECT 'DROP INDEX ' || quote_ident(i.relname) AS drop_sql, pg_get_indexdef(i.oid) AS restore_sql
			FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
			WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN @tables AND NOT x.indisprimary
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
			UNION ALL
			SELECT 'ALTER TABLE ' || quote_ident(t.relname) || ' DROP CONSTRAINT ' || quote_ident(c.conname),
				'ALTER TABLE ' || quote_ident(t.relname) || ' ADD CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid)
			FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
			WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname IN @tables`,
		after: postgresAfterSeed(),
	},
}

// postgresAfterSeed moves the id sequences past the explicit ids and
// refreshes planner statistics and the visibility map that index-only
// scans need.
func postgresAfterSeed() []string {
	var out []string
	for _, t := range scaleTables[:8] {
		out = append(out, fmt.Sprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT MAX(id) FROM %s))", t, t))
	}
	for _, t := range scaleTables {
		out = append(out, "VACUUM ANALYZE "+t)
	}
	return out
}
