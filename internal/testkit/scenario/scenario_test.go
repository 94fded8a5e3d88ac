package scenario

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/testkit"
)

var (
	seedFlag = flag.Uint64("scenario.seed", 0, "seed of the random scenario (0: time-based, printed)")
	opsFlag  = flag.Int("scenario.ops", 2000, "random operations per database")
	fullFlag = flag.Int("scenario.full", 0, "run the full audit (ledger.Check, invariants over all rows) every N steps; 0: every max(10, ops/200) steps")
)

var ctx = context.Background()

// TestScenario is the randomized whole-system test (see the package doc).
func TestScenario(t *testing.T) {
	t.Parallel()
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	full := *fullFlag
	if full <= 0 {
		full = max(10, *opsFlag/200)
	}
	t.Logf("scenario seed %d, %d operations per database, full audit every %d steps (replay: -scenario.seed=%d)", seed, *opsFlag, full, seed)
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		start := time.Now()
		w := newWorld(t, testkit.NewApp(t, dbURL), seed)
		w.run(*opsFlag, full)
		t.Logf("%s: %d operations in %s (checks %s)\n%s", w.dialect, *opsFlag, time.Since(start).Round(time.Millisecond),
			w.checkTime.Round(time.Millisecond), w.summary())
	})
}

// run performs n random operations, checking the invariants after each.
func (w *world) run(n, full int) {
	w.touched = newScope()
	w.setup()
	w.audit(true)
	for w.step = 1; w.step <= n; w.step++ {
		o := w.pickOp()
		w.op = o.name
		w.touched = newScope()
		start := time.Now()
		o.run(w)
		w.opTime[o.name] += time.Since(start)
		w.audit(w.step%full == 0 || w.step == n)
	}
	if n >= 2000 {
		w.checkCoverage()
	}
}

// checkCoverage fails a long enough run that never reached the states the
// invariants are about: a walk that stopped settling, clawing back or
// paying out would pass without testing anything.
func (w *world) checkCoverage() {
	var c struct{ Settled, Clawbacks, Refunded, Paid, Released int64 }
	err := w.a.DB.Gorm.Raw(`SELECT (SELECT COUNT(*) FROM commission_records WHERE status = 'settled') AS settled,
		(SELECT COUNT(*) FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id JOIN ledger_accounts a ON a.id = l.account_id
			WHERE e.type = 'commission_reverse' AND a.kind = 'available') AS clawbacks,
		(SELECT COUNT(*) FROM orders WHERE status = 'refunded') AS refunded,
		(SELECT COUNT(*) FROM withdrawals WHERE status = 'paid') AS paid,
		(SELECT COUNT(*) FROM withdrawals WHERE status IN ('rejected', 'failed')) AS released`).Scan(&c).Error
	w.must(err, "measure coverage")
	if c.Settled == 0 || c.Clawbacks == 0 || c.Refunded == 0 || c.Paid == 0 || c.Released == 0 {
		w.fatalf("the walk never reached every state that matters (%+v): adjust the op weights", c)
	}
	w.t.Logf("%s reached %+v", w.dialect, c)
}

// pickOp draws an operation by weight.
func (w *world) pickOp() op {
	total := 0
	for _, o := range ops {
		total += o.weight
	}
	r := w.rng.IntN(total)
	for _, o := range ops {
		if r < o.weight {
			return o
		}
		r -= o.weight
	}
	panic("unreachable")
}

// fatalf fails the test, naming the seed, the step and how to replay it.
func (w *world) fatalf(format string, args ...any) {
	w.t.Helper()
	w.t.Fatalf("seed %d, %s step %d (%s): %s\nreplay: go test ./internal/testkit/scenario/ -count=1 -run 'TestScenario/%s' -scenario.seed=%d -scenario.ops=%d",
		w.seed, w.dialect, w.step, w.op, fmt.Sprintf(format, args...), w.dialect, w.seed, max(*opsFlag, w.step))
}

// must fails the step on an unexpected error.
func (w *world) must(err error, what string, args ...any) {
	w.t.Helper()
	if err != nil {
		w.fatalf("%s: unexpected error: %v", fmt.Sprintf(what, args...), err)
	}
}

// count tallies an outcome for the summary.
func (w *world) count(outcome string) { w.stats[w.op+": "+outcome]++ }

func (w *world) summary() string {
	keys := make([]string, 0, len(w.stats))
	for k := range w.stats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "  %-64s %d\n", k, w.stats[k])
	}
	for _, o := range ops {
		fmt.Fprintf(&b, "  time in %-56s %s\n", o.name, w.opTime[o.name].Round(time.Millisecond))
	}
	return b.String()
}

// newRand returns the scenario's generator; each database gets the same
// sequence.
func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x5eed)) }
