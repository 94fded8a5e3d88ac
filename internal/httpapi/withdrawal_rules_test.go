package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

// Amount rules, daily limits and the negative-balance stop: each refusal
// is a clear 4xx and leaves balances and rows untouched.
func TestWithdrawalLimits(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWdEnv(t, dbURL)
		e.a.SetWithdrawalSettings(t, withdrawal.Settings{MinAmount: 200, DailyMaxAmount: 1000, DailyMaxCount: 2})
		e.a.FundDistributor(t, e.d.ID, 5000)
		for _, tc := range []struct {
			name   string
			body   any
			status int
			reason string
		}{
			{"zero", map[string]any{"amount": 0, "payout_account_id": e.account}, 400, ""},
			{"negative", map[string]any{"amount": -100, "payout_account_id": e.account}, 400, ""},
			{"below minimum", map[string]any{"amount": 199, "payout_account_id": e.account}, 400, "below_minimum"},
			{"over daily amount", map[string]any{"amount": 1001, "payout_account_id": e.account}, 409, "daily_limit"},
			{"no account", map[string]any{"amount": 300}, 400, ""},
			{"unknown account", map[string]any{"amount": 300, "payout_account_id": 999999}, 404, ""},
			{"unknown field", map[string]any{"amount": 300, "payout_account_id": e.account, "fee": 0}, 400, ""},
			{"amount as string", `{"amount":"300","payout_account_id":1}`, 400, ""},
		} {
			r := e.d.C.Do("POST", "/api/shop/distributor/withdrawals", tc.body)
			if r.Status != tc.status || (tc.reason != "" && !strings.Contains(string(r.Body), `"reason":"`+tc.reason+`"`)) {
				t.Fatalf("%s: got %d %s, want %d %s", tc.name, r.Status, r.Body, tc.status, tc.reason)
			}
		}
		e.balances(t, 5000, 0, 0)

		e.requestOK(t, 600)
		expectError(t, e.request(500), 409, "conflict", "daily_limit") // 1100 > 1000 a day
		e.requestOK(t, 400)
		expectError(t, e.request(200), 409, "conflict", "daily_limit") // third request of the day
		e.balances(t, 4000, 1000, 0)

		e.a.SetWithdrawalSettings(t, loose(0))
		expectError(t, e.request(4001), 409, "conflict", "insufficient_funds")
		e.a.FundDistributor(t, e.d.ID, -4500) // a clawback leaves available at -500
		expectError(t, e.request(100), 409, "conflict", "negative_balance")
		e.balances(t, -500, 1000, 0)
	})
}

// The fee is floored; the rules are validated and only super admins edit them.
func TestWithdrawalSettingsAndFees(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWdEnv(t, dbURL)
		super := e.a.SessionClient(session.KindAdmin, mustAdmin(t, e.a, adminauth.RoleSuper))
		var st withdrawal.Settings
		super.Do("GET", "/api/admin/settings/withdrawal", nil).Expect(http.StatusOK).JSON(&st)
		if st != withdrawal.DefaultSettings() || st.MinAmount != 100 || st.DailyMaxAmount != 500000 || st.DailyMaxCount != 3 {
			t.Fatalf("defaults %+v", st)
		}
		expectError(t, e.admin.Do("GET", "/api/admin/settings/withdrawal", nil), 403, "forbidden", "")
		expectError(t, e.admin.Do("PUT", "/api/admin/settings/withdrawal", loose(0)), 403, "forbidden", "")
		for _, bad := range []withdrawal.Settings{
			{MinAmount: 0, DailyMaxAmount: 100, DailyMaxCount: 1},
			{MinAmount: 100, DailyMaxAmount: 99, DailyMaxCount: 1},
			{MinAmount: 100, DailyMaxAmount: 100, DailyMaxCount: 0},
			{MinAmount: 100, DailyMaxAmount: 100, DailyMaxCount: 1, FeeBP: 10000},
			{MinAmount: 100, DailyMaxAmount: 100, DailyMaxCount: 1, FeeBP: -1},
		} {
			expectError(t, super.Do("PUT", "/api/admin/settings/withdrawal", bad), 400, "invalid", "")
		}
		super.Do("PUT", "/api/admin/settings/withdrawal", withdrawal.Settings{MinAmount: 1, DailyMaxAmount: 100000, DailyMaxCount: 100, FeeBP: 5000}).Expect(http.StatusOK)
		e.a.FundDistributor(t, e.d.ID, 1000)
		for _, tc := range []struct{ amount, fee, net int64 }{{1, 0, 1}, {3, 1, 2}, {101, 50, 51}} {
			w := e.requestOK(t, withdrawalFen(tc.amount))
			if int64(w.Fee) != tc.fee || int64(w.Net) != tc.net {
				t.Fatalf("amount %d: fee %d net %d, want %d %d", tc.amount, w.Fee, w.Net, tc.fee, tc.net)
			}
		}
	})
}

// Non-distributors, other distributors, shop sessions on admin routes and
// requests without the CSRF token are all refused.
func TestWithdrawalAccessControl(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWdEnv(t, dbURL)
		e.a.SetWithdrawalSettings(t, loose(0))
		e.a.FundDistributor(t, e.d.ID, 1000)
		w := e.requestOK(t, 300)

		_, shopper := refShopper(t, e.a)
		expectError(t, shopper.Do("GET", "/api/shop/distributor/payout-accounts", nil), 403, "forbidden", "not_a_distributor")
		expectError(t, shopper.Do("POST", "/api/shop/distributor/withdrawals", map[string]any{"amount": 100, "payout_account_id": e.account}), 403, "forbidden", "not_a_distributor")

		other := refDistributor(t, e.a)
		e.a.FundDistributor(t, other.ID, 1000)
		expectError(t, other.C.Do("DELETE", fmt.Sprintf("/api/shop/distributor/payout-accounts/%d", e.account), nil), 404, "not_found", "")
		expectError(t, other.C.Do("POST", "/api/shop/distributor/withdrawals", map[string]any{"amount": 100, "payout_account_id": e.account}), 404, "not_found", "")
		var mine struct {
			Items []withdrawal.Withdrawal `json:"items"`
			Total int64                   `json:"total"`
		}
		other.C.Do("GET", "/api/shop/distributor/withdrawals", nil).Expect(http.StatusOK).JSON(&mine)
		if mine.Total != 0 {
			t.Fatalf("another distributor sees %d withdrawals", mine.Total)
		}
		var accts []withdrawal.Account
		other.C.Do("GET", "/api/shop/distributor/payout-accounts", nil).Expect(http.StatusOK).JSON(&accts)
		if len(accts) != 0 {
			t.Fatal("another distributor sees payout accounts")
		}

		expectError(t, e.d.C.Do("GET", "/api/admin/withdrawals", nil), 401, "unauthenticated", "")
		expectError(t, e.d.C.Do("POST", fmt.Sprintf("/api/admin/withdrawals/%d/reject", w.ID), map[string]string{"reason": "x"}), 401, "unauthenticated", "")
		e.admin.CSRF = ""
		expectError(t, e.act(w.ID, "reject", map[string]string{"reason": "x"}), 403, "forbidden", "")
		e.d.C.CSRF = ""
		expectError(t, e.request(100), 403, "forbidden", "")
		e.balances(t, 700, 300, 0)

		if _, err := e.a.Referral.Freeze(testkit.Ctx(), wdActor, e.d.ID, "test"); err != nil {
			t.Fatal(err)
		}
		fresh := e.a.SessionClient(session.KindShop, e.d.ShopperID)
		expectError(t, fresh.Do("GET", "/api/shop/distributor/payout-accounts", nil), 403, "forbidden", "not_a_distributor")
	})
}

// Wrong passwords are refused and throttled.
func TestWithdrawalApprovePasswordThrottled(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWdEnv(t, dbURL)
		e.a.FundDistributor(t, e.d.ID, 1000)
		w := e.requestOK(t, 300)
		for range 10 {
			expectError(t, e.act(w.ID, "approve", map[string]string{"password": "nope"}), 403, "forbidden", "password_mismatch")
		}
		expectError(t, e.act(w.ID, "approve", map[string]string{"password": e.adminPW}), 429, "rate_limited", "")
		expectError(t, e.act(w.ID, "approve", map[string]string{}), 400, "invalid", "")
		var got withdrawal.Withdrawal
		e.admin.Do("GET", fmt.Sprintf("/api/admin/withdrawals/%d", w.ID), nil).Expect(http.StatusOK).JSON(&got)
		if got.Status != withdrawal.StatusPending {
			t.Fatalf("status %s after refused approvals", got.Status)
		}
	})
}
