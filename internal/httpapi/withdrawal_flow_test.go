package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/testkit"
)

// Fifty concurrent requests of 1.00 against 10.00 available: exactly ten
// succeed, the rest are refused with insufficient_funds and write nothing.
func TestWithdrawalConcurrentRequests(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWdEnv(t, dbURL)
		e.a.SetWithdrawalSettings(t, loose(0))
		e.a.FundDistributor(t, e.d.ID, 1000)
		clients := make([]*testkit.Client, 50)
		for i := range clients {
			clients[i] = e.a.SessionClient(session.KindShop, e.d.ShopperID)
		}
		var wg sync.WaitGroup
		statuses := make([]int, len(clients))
		for i, c := range clients {
			wg.Go(func() {
				statuses[i] = c.Do("POST", "/api/shop/distributor/withdrawals", map[string]any{"amount": 100, "payout_account_id": e.account}).Status
			})
		}
		wg.Wait()
		counts := map[int]int{}
		for _, s := range statuses {
			counts[s]++
		}
		if counts[http.StatusOK] != 10 || counts[http.StatusConflict] != 40 {
			t.Fatalf("statuses %v, want 10 OK and 40 conflicts", counts)
		}
		e.balances(t, 0, 1000, 0)
		var rows int64
		e.a.DB.Gorm.Model(&withdrawal.Withdrawal{}).Count(&rows)
		if rows != 10 {
			t.Fatalf("%d withdrawal rows, want 10", rows)
		}
	})
}

// Request -> approve (password) -> payout: the net reaches paid_out, the
// fee the merchant, and no transition can be applied twice.
func TestWithdrawalHappyPathAndDoubles(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWdEnv(t, dbURL)
		e.a.SetWithdrawalSettings(t, loose(100)) // 1%
		e.a.FundDistributor(t, e.d.ID, 5000)
		w := e.requestOK(t, 1050)
		if w.Fee != 10 || w.Net != 1040 { // floor(10.5)
			t.Fatalf("fee %d net %d, want 10 and 1040", w.Fee, w.Net)
		}
		e.balances(t, 3950, 1050, 0)

		expectError(t, e.act(w.ID, "payout", map[string]string{"reference": "R1"}), 409, "conflict", "wrong_status")
		expectError(t, e.act(w.ID, "approve", map[string]string{"password": "wrong-password"}), 403, "forbidden", "password_mismatch")
		e.approve(t, w.ID)
		expectError(t, e.act(w.ID, "approve", map[string]string{"password": e.adminPW}), 409, "conflict", "wrong_status")
		expectError(t, e.act(w.ID, "reject", map[string]string{"reason": "late"}), 409, "conflict", "wrong_status")
		expectError(t, e.act(w.ID, "payout", map[string]string{"reference": "R1", "proof_url": "https://evil.example/x.png"}), 400, "invalid", "")
		expectError(t, e.act(w.ID, "payout", map[string]string{}), 400, "invalid", "")

		var paid withdrawal.Withdrawal
		e.act(w.ID, "payout", map[string]string{"reference": "BANK-123"}).Expect(http.StatusOK).JSON(&paid)
		if paid.Status != withdrawal.StatusPaid || paid.Reference != "BANK-123" || paid.PaidAt == nil {
			t.Fatalf("paid withdrawal %+v", paid)
		}
		e.balances(t, 3950, 0, 1040)
		fee, _ := ledger.Balance(testkit.Ctx(), e.a.DB.Gorm, ledger.Merchant(ledger.KindAdjustment))
		if fee != 10 {
			t.Fatalf("merchant adjustment %d, want the 10 fen fee", fee)
		}
		n := e.entries(t)
		expectError(t, e.act(w.ID, "payout", map[string]string{"reference": "BANK-124"}), 409, "conflict", "wrong_status")
		expectError(t, e.act(w.ID, "fail", map[string]string{"reason": "bounced"}), 409, "conflict", "wrong_status")
		if e.entries(t) != n {
			t.Fatal("a refused transition posted a ledger entry")
		}
		e.balances(t, 3950, 0, 1040)
		if e.notified(t, "withdrawal_approved", "") != 1 || e.notified(t, "withdrawal_paid", "") != 1 {
			t.Fatal("approval and payment must each notify once")
		}
		var audits int64
		e.a.DB.Gorm.Table("audit_log").Where("target_type = ? AND action LIKE ?", "withdrawal", "withdrawal.%").Count(&audits)
		if audits != 2 {
			t.Fatalf("%d withdrawal audit entries, want 2", audits)
		}
	})
}

// Rejecting a pending and failing an approved withdrawal return the money.
func TestWithdrawalRejectAndFailReturnFunds(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWdEnv(t, dbURL)
		e.a.SetWithdrawalSettings(t, loose(0))
		e.a.FundDistributor(t, e.d.ID, 1000)
		r := e.requestOK(t, 400)
		f := e.requestOK(t, 300)
		e.balances(t, 300, 700, 0)

		expectError(t, e.act(r.ID, "reject", map[string]string{"reason": ""}), 400, "invalid", "")
		e.act(r.ID, "reject", map[string]string{"reason": "account name mismatch"}).Expect(http.StatusOK)
		e.balances(t, 700, 300, 0)
		n := e.entries(t)
		expectError(t, e.act(r.ID, "payout", map[string]string{"reference": "X"}), 409, "conflict", "wrong_status")
		expectError(t, e.act(r.ID, "approve", map[string]string{"password": e.adminPW}), 409, "conflict", "wrong_status")
		if e.entries(t) != n {
			t.Fatal("paying a rejected withdrawal touched the ledger")
		}

		expectError(t, e.act(f.ID, "fail", map[string]string{"reason": "x"}), 409, "conflict", "wrong_status") // still pending
		e.approve(t, f.ID)
		e.act(f.ID, "fail", map[string]string{"reason": "card closed"}).Expect(http.StatusOK)
		e.balances(t, 1000, 0, 0)
		if e.notified(t, "withdrawal_rejected", "") != 2 {
			t.Fatal("reject and fail must notify")
		}
		var reasons []string // in the data too, so apps can word the notice in the reader's language
		e.a.DB.Gorm.Table("notifications").Where("kind = ?", "withdrawal_rejected").Order("id").Pluck("data_json", &reasons)
		if len(reasons) != 2 || !strings.Contains(reasons[0], `"reason":"account name mismatch"`) || !strings.Contains(reasons[1], `"reason":"card closed"`) {
			t.Fatalf("rejection notices carry %q", reasons)
		}
		var got withdrawal.Withdrawal
		e.admin.Do("GET", fmt.Sprintf("/api/admin/withdrawals/%d", f.ID), nil).Expect(http.StatusOK).JSON(&got)
		if got.Status != withdrawal.StatusFailed || got.Reason != "card closed" {
			t.Fatalf("failed withdrawal %+v", got)
		}
	})
}

// Ten admins paying the same approved withdrawal at once: exactly one
// payout is recorded and the ledger moves once.
func TestWithdrawalConcurrentPayout(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWdEnv(t, dbURL)
		e.a.FundDistributor(t, e.d.ID, 1000)
		w := e.requestOK(t, 500)
		e.approve(t, w.ID)
		admins := make([]*testkit.Client, 10)
		for i := range admins {
			admins[i] = e.a.SessionClient(session.KindAdmin, mustAdmin(t, e.a, "operator"))
		}
		var wg sync.WaitGroup
		statuses := make([]int, len(admins))
		for i, c := range admins {
			wg.Go(func() {
				statuses[i] = c.Do("POST", fmt.Sprintf("/api/admin/withdrawals/%d/payout", w.ID), map[string]string{"reference": fmt.Sprint("R", i)}).Status
			})
		}
		wg.Wait()
		ok := 0
		for _, s := range statuses {
			if s == http.StatusOK {
				ok++
			} else if s != http.StatusConflict {
				t.Fatalf("unexpected status %d", s)
			}
		}
		if ok != 1 {
			t.Fatalf("%d payouts succeeded, want exactly 1", ok)
		}
		e.balances(t, 500, 0, 500)
	})
}
