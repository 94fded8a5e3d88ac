package payment_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/payment"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// batchWorld: orders of buyers spread over three distributor pairs, one
// product on the global rates, each order with a pending attempt, and a
// distributor level with higher rates that a tier-1 distributor reaches
// after a few of its orders (so orders of one batch pay at different
// levels); built the same way on every database so two worlds can be
// compared row by row.
type batchWorld struct {
	a      *testkit.App
	orders []*order.Order
	pays   []payment.Payment
	buyers []int64
}

func newBatchWorld(t *testing.T, dbURL string, orders int) *batchWorld {
	t.Helper()
	a := testkit.NewApp(t, dbURL)
	sku := a.CommissionProduct(t, catalog.CommissionInherit, 0, 0, 9990)
	_, err := a.Referral.CreateLevel(testkit.Ctx(), audit.Actor{Username: "batch-test"}, referral.LevelInput{Name: "金牌", Rank: 1,
		Tier1RateBP: 3000, Tier2RateBP: 1500, ThresholdKind: referral.ThresholdSales, ThresholdFen: 40000})
	if err != nil {
		t.Fatal(err)
	}
	w := &batchWorld{a: a}
	var addrs []int64
	for range 3 {
		A := a.DistributorUnder(t, "")
		B := a.DistributorUnder(t, A.Code)
		buyer, addr := a.BuyerOf(t, B.Code)
		w.buyers, addrs = append(w.buyers, buyer), append(addrs, addr)
	}
	for i := range orders {
		k := i % len(w.buyers)
		o := a.PlaceOrder(t, w.buyers[k], addrs[k], int64(1+i%2), sku)
		w.orders, w.pays = append(w.orders, o), append(w.pays, newAttempt(t, a, w.buyers[k], o.ID))
	}
	return w
}

func (w *batchWorld) confirmation(i int) payment.Confirmation {
	p := w.pays[i]
	return payment.Confirmation{Provider: p.Provider, Source: payment.SourceNotification, OutTradeNo: p.OutTradeNo,
		TransactionID: fmt.Sprintf("42000%05d", i), Amount: p.Amount, AppID: "wx-app", MchID: "mch-1", Raw: `{"trade_state":"SUCCESS"}`}
}

// state is what paying leaves behind, in a comparable form.
func (w *batchWorld) state(t *testing.T) map[string][]map[string]any {
	t.Helper()
	if _, err := w.a.CountLeaderboardEvents(testkit.Ctx()); err != nil {
		t.Fatal(err)
	}
	out := map[string][]map[string]any{}
	for name, q := range map[string]string{
		"orders":      "SELECT id, status, pay_transaction_id FROM orders ORDER BY id",
		"commissions": "SELECT order_line_id, tier, distributor_id, amount, status FROM commission_records ORDER BY order_line_id, tier",
		"balances": `SELECT a.owner_type, a.owner_id, a.kind, SUM(b.balance) AS balance FROM ledger_accounts a
			JOIN account_balances b ON b.account_id = a.id GROUP BY a.owner_type, a.owner_id, a.kind ORDER BY 1, 2, 3`,
		"distributors": "SELECT id, paid_orders, sales_total, level_id FROM distributors ORDER BY id",
		"levelled":     "SELECT COUNT(*) AS n FROM distributors WHERE level_id IS NOT NULL",
		"products":     "SELECT id, sales FROM products ORDER BY id",
		"leaderboard":  "SELECT metric, period_kind, distributor_id, value FROM leaderboard_counters ORDER BY 1, 2, 3",
		"notices":      "SELECT recipient_shopper_id, kind, COUNT(*) AS n FROM notifications GROUP BY 1, 2 ORDER BY 1, 2",
		"confirmations": `SELECT p.order_id, c.outcome, COUNT(*) AS n FROM payment_confirmations c
			LEFT JOIN payments p ON p.out_trade_no = c.out_trade_no GROUP BY 1, 2 ORDER BY 1, 2`,
	} {
		var rows []map[string]any
		if err := w.a.DB.Gorm.Raw(q).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		out[name] = rows
	}
	return out
}

// TestNotificationsArrivingTogetherAreConfirmedAsOneByOne: notifications
// queued together (duplicates, a wrong amount, an unknown trade and a
// payment of a cancelled order among them) get the outcomes Confirm gives
// one by one, and leave the same orders, commissions, ledger balances,
// counters, notifications and kept confirmations as confirming them one by
// one in another database.
func TestNotificationsArrivingTogetherAreConfirmedAsOneByOne(t *testing.T) {
	t.Parallel()
	const orders = 24
	type sent struct {
		c    payment.Confirmation
		want payment.Outcome
	}
	// The plain ones first, in order: with levels, which order pays first
	// decides which earns the higher rate, so both worlds pay in one order
	// (the queue keeps it; the odd ones are settled after the batch).
	plan := func(w *batchWorld) []sent {
		var out []sent
		for i := range orders {
			if i != 5 && i != 7 {
				out = append(out, sent{w.confirmation(i), payment.OutcomePaid})
			}
		}
		out = append(out, sent{w.confirmation(5), payment.OutcomeRestored}) // its order is cancelled first; stock allows
		wrong := w.confirmation(7)
		wrong.Amount++
		out = append(out, sent{wrong, payment.OutcomeRejected})
		for _, i := range []int{1, 2, 2, 9} {
			out = append(out, sent{w.confirmation(i), payment.OutcomeDuplicate})
		}
		unknown := w.confirmation(0)
		unknown.OutTradeNo = "P-nobody-knows"
		return append(out, sent{unknown, payment.OutcomeUnknown})
	}
	cancel := func(t *testing.T, w *batchWorld) {
		if _, err := w.a.Orders.CancelByShopper(testkit.Ctx(), w.orders[5].ShopperID, w.orders[5].ID); err != nil {
			t.Fatal(err)
		}
	}
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		// One world confirms one by one, another in batches.
		single := newBatchWorld(t, testkit.FreshDatabaseLike(t, dbURL), orders)
		cancel(t, single)
		for _, s := range plan(single) {
			if out, err := single.a.Payments.Confirm(testkit.Ctx(), s.c, ours); err != nil || out != s.want {
				t.Fatalf("%s one by one: %s %v, want %s", s.c.OutTradeNo, out, err, s.want)
			}
		}
		oneByOne := single.state(t)

		w := newBatchWorld(t, dbURL, orders)
		cancel(t, w)
		sends := plan(w)
		release := payment.HoldConfirms(w.a.Payments)
		got := make([]payment.Outcome, len(sends))
		var wg sync.WaitGroup
		for i, s := range sends {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out, err := w.a.Payments.ConfirmNotification(testkit.Ctx(), s.c, ours)
				if err != nil {
					t.Error(err)
				}
				got[i] = out
			}()
			for deadline := time.Now().Add(10 * time.Second); payment.Queued(w.a.Payments) < i+1; time.Sleep(100 * time.Microsecond) {
				if time.Now().After(deadline) {
					t.Fatalf("%d of %d queued", payment.Queued(w.a.Payments), i+1)
				}
			}
		}
		release()
		wg.Wait()
		count := func(outs []payment.Outcome) map[payment.Outcome]int {
			m := map[payment.Outcome]int{}
			for _, o := range outs {
				m[o]++
			}
			return m
		}
		want := make([]payment.Outcome, len(sends))
		for i, s := range sends {
			want[i] = s.want
		}
		if g, w := count(got), count(want); fmt.Sprint(g) != fmt.Sprint(w) {
			t.Fatalf("outcomes %v, want %v", g, w)
		}
		for i, s := range sends {
			if s.want != payment.OutcomeDuplicate && got[i] != s.want && !(s.want == payment.OutcomePaid && got[i] == payment.OutcomeDuplicate) {
				t.Errorf("%s: %s, want %s", s.c.OutTradeNo, got[i], s.want)
			}
		}
		if n := payment.Batched(w.a.Payments); n != orders-2 {
			t.Fatalf("%d confirmations applied in batches, want every plain one (%d)", n, orders-2)
		}
		w.a.CheckCommissionLedger(t)
		if diff := compareStates(w.state(t), oneByOne); diff != "" {
			t.Fatal(diff)
		}
		if n := w.a.OrderCount(t, "payment_alerts", "kind IN ?", []payment.AlertKind{payment.AlertMismatch, payment.AlertUnknownTrade}); n != 2 {
			t.Fatalf("%d alerts, want the wrong amount's and the unknown trade's", n)
		}
	})
}

func compareStates(got, want map[string][]map[string]any) string {
	if len(want) == 0 {
		return "nothing to compare with"
	}
	diff := ""
	for name, rows := range want {
		if len(rows) == 0 {
			diff += name + " is empty one by one\n"
		}
		if fmt.Sprint(got[name]) != fmt.Sprint(rows) {
			diff += fmt.Sprintf("%s differ from one by one:\n got  %v\n want %v\n", name, got[name], rows)
		}
	}
	return diff
}

// TestBatchOfOrdersWithManyLines: nine orders of thirty lines each (540
// commission records and postings) are still confirmed as one batch.
func TestBatchOfOrdersWithManyLines(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		A := a.DistributorUnder(t, "")
		B := a.DistributorUnder(t, A.Code)
		buyer, addr := a.BuyerOf(t, B.Code)
		var skus []int64
		for range 30 {
			skus = append(skus, a.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 990))
		}
		var cs []payment.Confirmation
		for i := range 9 {
			o := a.PlaceOrder(t, buyer, addr, 1, skus...)
			p := newAttempt(t, a, buyer, o.ID)
			cs = append(cs, payment.Confirmation{Provider: p.Provider, Source: payment.SourceNotification, OutTradeNo: p.OutTradeNo,
				TransactionID: fmt.Sprintf("43000%05d", i), Amount: p.Amount, AppID: "wx-app", MchID: "mch-1"})
		}
		release := payment.HoldConfirms(a.Payments)
		var wg sync.WaitGroup
		for _, c := range cs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if out, err := a.Payments.ConfirmNotification(testkit.Ctx(), c, ours); err != nil || out != payment.OutcomePaid {
					t.Errorf("%s: %s %v", c.OutTradeNo, out, err)
				}
			}()
		}
		for deadline := time.Now().Add(10 * time.Second); payment.Queued(a.Payments) < len(cs); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("not all queued")
			}
		}
		release()
		wg.Wait()
		if n := payment.Batched(a.Payments); n != int64(len(cs)) {
			t.Fatalf("%d of %d confirmed in a batch", n, len(cs))
		}
		if n := a.OrderCount(t, "commission_records", "amount > 0"); n != 9*30*2 {
			t.Fatalf("%d commission records, want %d", n, 9*30*2)
		}
		a.CheckCommissionLedger(t)
	})
}
