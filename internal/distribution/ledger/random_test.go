package ledger_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
)

// model is the in-memory truth the database must agree with.
type model map[ledger.Account]money.Fen

// predict says whether e should apply: every guarded line must leave its
// balance non-negative.
func (m model) predict(e ledger.Entry) bool {
	for _, l := range e.Lines {
		if l.RequireNonNegative && m[l.Account]+l.Amount < 0 {
			return false
		}
	}
	return true
}

func (m model) apply(e ledger.Entry) {
	for _, l := range e.Lines {
		m[l.Account] += l.Amount
	}
}

// randomEntry builds one of the postings of the chart with a random,
// sometimes excessive, amount so guards are exercised.
func randomEntry(rng *rand.Rand, m model, key string) ledger.Entry {
	d := int64(1 + rng.IntN(5))
	amt := func(a ledger.Account) money.Fen { return 1 + money.Fen(rng.Int64N(int64(max(m[a], 0))+200)) }
	paidOut := ledger.Distributor(d, ledger.KindPaidOut)
	adjustment := ledger.Merchant(ledger.KindAdjustment)
	switch rng.IntN(9) {
	case 0:
		return move(key, ledger.TypeCommissionAccrue, expense, pending(d), 1+money.Fen(rng.IntN(10000)), false)
	case 1: // tier 1 and tier 2 of one line in a single three-line entry
		p := int64(1 + rng.IntN(5))
		if p == d {
			p = d%5 + 1
		}
		t1, t2 := 1+money.Fen(rng.IntN(1000)), 1+money.Fen(rng.IntN(500))
		return ledger.Entry{Key: key, Type: ledger.TypeCommissionAccrue, Lines: []ledger.Line{
			{Account: expense, Amount: -t1 - t2}, {Account: pending(d), Amount: t1}, {Account: pending(p), Amount: t2}}}
	case 2:
		return move(key, ledger.TypeCommissionSettle, pending(d), available(d), amt(pending(d)), true)
	case 3:
		return move(key, ledger.TypeCommissionReverse, pending(d), expense, amt(pending(d)), rng.IntN(2) == 0)
	case 4:
		return move(key, ledger.TypeCommissionReverse, available(d), expense, amt(available(d)), false)
	case 5:
		return move(key, ledger.TypeWithdrawRequest, available(d), withdrawing(d), amt(available(d)), true)
	case 6:
		return move(key, ledger.TypeWithdrawRelease, withdrawing(d), available(d), amt(withdrawing(d)), true)
	case 7:
		return move(key, ledger.TypeWithdrawPaid, withdrawing(d), paidOut, amt(withdrawing(d)), true)
	default:
		if rng.IntN(2) == 0 {
			return move(key, ledger.TypeAdjust, adjustment, available(d), 1+money.Fen(rng.IntN(300)), false)
		}
		return move(key, ledger.TypeAdjust, available(d), adjustment, 1+money.Fen(rng.IntN(300)), false)
	}
}

func TestRandomPostingsMatchModel(t *testing.T) {
	t.Parallel()
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("FENXIAO_TEST_SEED"), 10, 64); err == nil {
		seed = s
	}
	defer func() {
		if t.Failed() {
			t.Logf("failed with seed %d (replay: FENXIAO_TEST_SEED=%d)", seed, seed)
		}
	}()
	forEachDB(t, func(t *testing.T, db *gorm.DB) {
		rng := rand.New(rand.NewPCG(seed, 1))
		m := model{}
		var posted []ledger.Entry
		applied := 0
		for i := range 3200 {
			e := randomEntry(rng, m, fmt.Sprintf("random:%d", i))
			if len(posted) > 0 && rng.IntN(6) == 0 { // repost an applied entry
				e = posted[rng.IntN(len(posted))]
				mustPost(t, db, e, false)
				continue
			}
			if rng.IntN(40) == 0 { // a caller transaction that rolls back
				rollback := errors.New("rollback")
				err := db.Transaction(func(tx *gorm.DB) error {
					if _, err := ledger.Post(ctx, tx, e); err != nil {
						return err
					}
					return rollback
				})
				if !errors.Is(err, rollback) && !apperr.Is(err, apperr.CodeConflict) {
					t.Fatalf("op %d: rolled back posting: %v", i, err)
				}
				continue
			}
			want := m.predict(e)
			ok, err := ledger.Post(ctx, db, e)
			if want {
				if err != nil || !ok {
					t.Fatalf("op %d %+v: Post = %v, %v; want applied", i, e, ok, err)
				}
				m.apply(e)
				posted = append(posted, e)
				applied++
				continue
			}
			if ok || !apperr.Is(err, apperr.CodeConflict) {
				t.Fatalf("op %d %+v: Post = %v, %v; want insufficient_funds", i, e, ok, err)
			}
		}
		r := wantClean(t, db)
		if r.Entries != int64(applied) {
			t.Fatalf("%d entries stored, %d applied", r.Entries, applied)
		}
		var sum money.Fen
		for a, want := range m {
			wantBalance(t, db, a, want)
			sum += want
		}
		if sum != 0 {
			t.Fatalf("model does not sum to zero: %d", sum)
		}
		for d := int64(1); d <= 5; d++ {
			bals, err := ledger.Balances(ctx, db, ledger.OwnerDistributor, d)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range ledger.Kinds(ledger.OwnerDistributor) {
				if bals[k] != m[ledger.Distributor(d, k)] {
					t.Fatalf("Balances(%d)[%s] = %d, model %d", d, k, bals[k], m[ledger.Distributor(d, k)])
				}
			}
		}
		t.Logf("%d entries applied, %d accounts", applied, r.Accounts)
	})
}
