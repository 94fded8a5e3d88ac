package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

// wdEnv is an app with an active distributor, its alipay payout account
// and an operator admin whose password is known.
type wdEnv struct {
	a        *testkit.App
	d        refDist
	account  int64
	adminPW  string
	admin    *testkit.Client
	ledgerNo int64 // ledger entries when the test started acting
}

func newWdEnv(t *testing.T, dbURL string, opts ...testkit.Option) *wdEnv {
	a := testkit.NewApp(t, dbURL, opts...)
	e := &wdEnv{a: a, d: refDistributor(t, a)}
	e.account = e.addAccount(t, map[string]string{"kind": "alipay", "account": "13812348000", "real_name": "张三"})
	id, _, pw := a.NewAdmin(t, adminauth.RoleOperator)
	e.adminPW, e.admin = pw, a.SessionClient(session.KindAdmin, id)
	return e
}

// addAccount adds a payout account of the distributor's and returns its id.
func (e *wdEnv) addAccount(t *testing.T, body map[string]string) int64 {
	var acc withdrawal.Account
	e.d.C.Do("POST", "/api/shop/distributor/payout-accounts", body).Expect(http.StatusOK).JSON(&acc)
	return acc.ID
}

// request asks for a withdrawal of amount and returns the response.
func (e *wdEnv) request(amount money.Fen) *testkit.Response {
	return e.d.C.Do("POST", "/api/shop/distributor/withdrawals", map[string]any{"amount": amount, "payout_account_id": e.account})
}

func (e *wdEnv) requestOK(t *testing.T, amount money.Fen) withdrawal.Withdrawal {
	var w withdrawal.Withdrawal
	e.request(amount).Expect(http.StatusOK).JSON(&w)
	if w.Status != withdrawal.StatusPending || w.Amount != amount || w.OutBizNo != fmt.Sprintf("W%d", w.ID) {
		t.Fatalf("unexpected withdrawal %+v", w)
	}
	return w
}

func (e *wdEnv) act(id int64, action string, body any) *testkit.Response {
	return e.admin.Do("POST", fmt.Sprintf("/api/admin/withdrawals/%d/%s", id, action), body)
}

func (e *wdEnv) approve(t *testing.T, id int64) {
	e.act(id, "approve", map[string]string{"password": e.adminPW}).Expect(http.StatusOK)
}

// balances asserts the distributor's balances and a clean ledger.
func (e *wdEnv) balances(t *testing.T, avail, withdrawing, paidOut money.Fen) {
	t.Helper()
	b := e.a.Balances(t, e.d.ID)
	if b[ledger.KindAvailable] != avail || b[ledger.KindWithdrawing] != withdrawing || b[ledger.KindPaidOut] != paidOut {
		t.Fatalf("balances %v, want available %d withdrawing %d paid_out %d", b, avail, withdrawing, paidOut)
	}
	rep, err := ledger.Check(testkit.Ctx(), e.a.DB.Gorm)
	if err != nil || !rep.OK() {
		t.Fatalf("ledger check: %v %s", err, rep)
	}
}

func (e *wdEnv) entries(t *testing.T) int64 {
	var n int64
	if err := e.a.DB.Gorm.Table("ledger_entries").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// notified counts the distributor's notifications of kind (and title,
// unless it is empty).
func (e *wdEnv) notified(t *testing.T, kind, title string) int64 {
	var n int64
	q := e.a.DB.Gorm.Table("notifications").Where("recipient_shopper_id = ? AND kind = ?", e.d.ShopperID, kind)
	if title != "" {
		q = q.Where("title = ?", title)
	}
	if err := q.Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// loose raises the daily limits out of the way.
func loose(fee money.BP) withdrawal.Settings {
	return withdrawal.Settings{MinAmount: 100, DailyMaxAmount: 10_000_000, DailyMaxCount: 1000, FeeBP: fee}
}

var wdActor = audit.Actor{Username: "test"}

func withdrawalFen(v int64) money.Fen { return money.Fen(v) }

func mustAdmin(t *testing.T, a *testkit.App, role adminauth.Role) int64 {
	id, _, _ := a.NewAdmin(t, role)
	return id
}
