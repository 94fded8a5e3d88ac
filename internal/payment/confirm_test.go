package payment_test

import (
	"sync"
	"testing"

	"fenxiao/internal/payment"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/page"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// fixture: an order of a buyer bound to distributor B (whose parent is A)
// with one pending payment attempt.
type fixture struct {
	a     *testkit.App
	buyer int64
	order *order.Order
	pay   payment.Payment
}

func newFixture(t *testing.T, dbURL string) *fixture {
	t.Helper()
	a := testkit.NewApp(t, dbURL)
	A := a.DistributorUnder(t, "")
	B := a.DistributorUnder(t, A.Code)
	sku := a.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 9990)
	buyer, addr := a.BuyerOf(t, B.Code)
	o := a.PlaceOrder(t, buyer, addr, 1, sku)
	return &fixture{a: a, buyer: buyer, order: o, pay: newAttempt(t, a, buyer, o.ID)}
}

func newAttempt(t *testing.T, a *testkit.App, buyer, orderID int64) payment.Payment {
	t.Helper()
	st, err := a.Payments.Pay(testkit.Ctx(), buyer, orderID, payment.SandboxProvider)
	if err != nil {
		t.Fatal(err)
	}
	return st.Payment
}

// confirmation is what a verified notification of the attempt says.
func (f *fixture) confirmation(txID string) payment.Confirmation {
	return payment.Confirmation{Provider: f.pay.Provider, Source: payment.SourceNotification, OutTradeNo: f.pay.OutTradeNo,
		TransactionID: txID, Amount: f.pay.Amount, AppID: "wx-app", MchID: "mch-1", Raw: `{"trade_state":"SUCCESS"}`}
}

var ours = payment.Identity{AppID: "wx-app", MchID: "mch-1"}

func (f *fixture) orderStatus(t *testing.T) order.Status {
	t.Helper()
	var s order.Status
	f.a.DB.Gorm.Raw("SELECT status FROM orders WHERE id = ?", f.order.ID).Scan(&s)
	return s
}

func (f *fixture) openAlerts(t *testing.T, kind payment.AlertKind) int64 {
	t.Helper()
	return f.a.OrderCount(t, "payment_alerts", "kind = ? AND status = 'open'", kind)
}

func TestConfirmPaysOnceUnderConcurrentDuplicates(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		f := newFixture(t, dbURL)
		outcomes := make(chan payment.Outcome, 10)
		var wg sync.WaitGroup
		for i := 0; i < 10; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out, err := f.a.Payments.Confirm(testkit.Ctx(), f.confirmation("4200000001"), ours)
				if err != nil {
					t.Error(err)
				}
				outcomes <- out
			}()
		}
		wg.Wait()
		close(outcomes)
		got := map[payment.Outcome]int{}
		for o := range outcomes {
			got[o]++
		}
		if got[payment.OutcomePaid] != 1 || got[payment.OutcomeDuplicate] != 9 {
			t.Fatalf("outcomes = %v, want 1 paid and 9 duplicates", got)
		}
		if f.orderStatus(t) != order.StatusPaid {
			t.Fatalf("order status %s", f.orderStatus(t))
		}
		if n := f.a.OrderCount(t, "commission_records", "order_id = ?", f.order.ID); n != 2 {
			t.Fatalf("commission records = %d, want tier 1 and tier 2 once", n)
		}
		f.a.CheckCommissionLedger(t)
		if n := f.a.OrderCount(t, "payment_confirmations", "out_trade_no = ?", f.pay.OutTradeNo); n != 2 {
			t.Fatalf("kept confirmations = %d, want the first paid one and the first duplicate", n)
		}
	})
}

func TestConfirmRejectsWhatDoesNotMatchAndAlerts(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		f := newFixture(t, dbURL)
		tests := []struct {
			name   string
			change func(*payment.Confirmation)
		}{
			{"amount", func(c *payment.Confirmation) { c.Amount-- }},
			{"app id", func(c *payment.Confirmation) { c.AppID = "wx-other" }},
			{"merchant id", func(c *payment.Confirmation) { c.MchID = "mch-2" }},
			{"provider", func(c *payment.Confirmation) { c.Provider = "alipay" }},
			{"no transaction id", func(c *payment.Confirmation) { c.TransactionID = "" }},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c := f.confirmation("42000" + string(rune('a'+i)))
				tt.change(&c)
				out, err := f.a.Payments.Confirm(testkit.Ctx(), c, ours)
				if err != nil || out != payment.OutcomeRejected {
					t.Fatalf("outcome %s, %v", out, err)
				}
				if f.orderStatus(t) != order.StatusPendingPayment {
					t.Fatalf("a mismatched confirmation changed the order to %s", f.orderStatus(t))
				}
				if n := f.openAlerts(t, payment.AlertMismatch); n != int64(i+1) {
					t.Fatalf("mismatch alerts = %d, want %d", n, i+1)
				}
			})
		}
		// Repeats of one bad notification raise one alert.
		c := f.confirmation("4200000009")
		c.Amount = 1
		for i := 0; i < 3; i++ {
			f.a.Payments.Confirm(testkit.Ctx(), c, ours)
		}
		if n := f.openAlerts(t, payment.AlertMismatch); n != int64(len(tests)+1) {
			t.Fatalf("alerts after repeats = %d", n)
		}
		if n := f.a.OrderCount(t, "commission_records", "1 = 1"); n != 0 {
			t.Fatalf("%d commission records from rejected confirmations", n)
		}
		// The right confirmation still pays.
		if out, err := f.a.Payments.Confirm(testkit.Ctx(), f.confirmation("4200000010"), ours); err != nil || out != payment.OutcomePaid {
			t.Fatalf("good confirmation: %s %v", out, err)
		}
		// Afterwards, another transaction id for the same attempt is refused.
		if out, _ := f.a.Payments.Confirm(testkit.Ctx(), f.confirmation("4200000011"), ours); out != payment.OutcomeRejected {
			t.Fatalf("second transaction id: %s", out)
		}
	})
}

func TestConfirmUnknownTradeAndMoneyTheOrderCannotTake(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		f := newFixture(t, dbURL)
		c := f.confirmation("4200000001")
		c.OutTradeNo = "P-nobody-knows"
		if out, err := f.a.Payments.Confirm(testkit.Ctx(), c, ours); err != nil || out != payment.OutcomeUnknown {
			t.Fatalf("unknown trade: %s %v", out, err)
		}
		if f.openAlerts(t, payment.AlertUnknownTrade) != 1 {
			t.Fatal("no alert for an unknown trade")
		}

		// A second attempt of the same order paid after the first: paid twice.
		second := newAttempt(t, f.a, f.buyer, f.order.ID)
		if out, _ := f.a.Payments.Confirm(testkit.Ctx(), f.confirmation("4200000002"), ours); out != payment.OutcomePaid {
			t.Fatalf("first attempt: %s", out)
		}
		c2 := f.confirmation("4200000003")
		c2.OutTradeNo = second.OutTradeNo
		if out, err := f.a.Payments.Confirm(testkit.Ctx(), c2, ours); err != nil || out != payment.OutcomeOrphaned {
			t.Fatalf("second attempt: %s %v", out, err)
		}
		if f.openAlerts(t, payment.AlertPaidTwice) != 1 || f.a.OrderCount(t, "payments", "status = 'paid'") != 2 {
			t.Fatal("a double payment must be recorded and alerted")
		}
		if n := f.a.OrderCount(t, "commission_records", "order_id = ?", f.order.ID); n != 2 {
			t.Fatalf("commission records = %d after a double payment, want 2", n)
		}

		// Money for a cancelled order that is sold out meanwhile (a second
		// fixture on the same database); with stock it would be restored.
		g := newFixture(t, dbURL)
		if _, err := g.a.Orders.CancelByShopper(testkit.Ctx(), g.buyer, g.order.ID); err != nil {
			t.Fatal(err)
		}
		g.a.DB.Gorm.Exec("UPDATE skus SET stock = 0")
		if out, err := g.a.Payments.Confirm(testkit.Ctx(), g.confirmation("4200000004"), ours); err != nil || out != payment.OutcomeOrphaned {
			t.Fatalf("after cancel: %s %v", out, err)
		}
		if g.orderStatus(t) != order.StatusCancelled || g.openAlerts(t, payment.AlertPaidAfterCancel) != 1 {
			t.Fatal("money after cancel must leave the order cancelled and alert the merchant")
		}
		alerts, err := g.a.Payments.Alerts(testkit.Ctx(), "open", pageOne)
		if err != nil || len(alerts.Items) == 0 {
			t.Fatalf("alerts: %v", err)
		}
		newest := alerts.Items[0]
		if alerts.Total != 3 || newest.Kind != payment.AlertPaidAfterCancel || newest.OrderID == nil || *newest.OrderID != g.order.ID {
			t.Fatalf("alerts: %+v %v", alerts, err)
		}
	})
}

var pageOne = page.Request{Page: 1, Size: 20}

// Sandbox confirmations of two attempts of one order, repeated and racing:
// the order is paid once, repeats are duplicates, and nothing fails with
// an internal error.
func TestSandboxConfirmationsRaceSafely(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		f := newFixture(t, dbURL)
		second := newAttempt(t, f.a, f.buyer, f.order.ID)
		var wg sync.WaitGroup
		for i := 0; i < 10; i++ {
			no := f.pay.OutTradeNo
			if i%2 == 1 {
				no = second.OutTradeNo
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := f.a.Payments.SandboxConfirm(testkit.Ctx(), f.buyer, no)
				if err != nil && !apperr.Is(err, apperr.CodeConflict) {
					t.Errorf("sandbox confirm: %v", err)
				}
			}()
		}
		wg.Wait()
		if f.orderStatus(t) != order.StatusPaid {
			t.Fatalf("order %s", f.orderStatus(t))
		}
		if n := f.a.OrderCount(t, "commission_records", "order_id = ?", f.order.ID); n != 2 {
			t.Fatalf("commission records = %d", n)
		}
		if n := f.openAlerts(t, payment.AlertMismatch); n != 0 {
			t.Fatalf("%d spurious mismatch alerts", n)
		}
	})
}
