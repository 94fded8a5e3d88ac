package dashboard_test

import (
	"testing"
	"time"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// cstAt is an Asia/Shanghai wall-clock time in November 2026.
func cstAt(day, hour, minute, second int) time.Time {
	return time.Date(2026, time.November, day, hour, minute, second, 0, cst.Zone)
}

// longAgo is where every timestamp the scenario does not place goes, far
// outside any range.
var longAgo = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// stampOp sets column col of the rows of table matching where to at.
type stampOp struct {
	table, col string
	at         time.Time
	where      string
	args       []any
}

// background moves every timestamp the dashboard reads far into the past,
// so only what the scenario places explicitly counts, whatever the real
// time the fixtures ran at.
var background = []stampOp{
	{table: "shoppers", col: "created_at", where: "1 = 1"},
	{table: "distributors", col: "joined_at", where: "1 = 1"},
	{table: "orders", col: "created_at", where: "1 = 1"},
	{table: "orders", col: "paid_at", where: "paid_at IS NOT NULL"},
	{table: "commission_records", col: "created_at", where: "1 = 1"},
	{table: "ledger_entries", col: "created_at", where: "1 = 1"},
}

// world is the scenario's cast. Fixtures run at the real time; stamps
// are applied by finish.
type world struct {
	a         *testkit.App
	top, b, c *testkit.DistributorFixture // b's parent is top; b and c sell
	orders    map[string]*order.Order
	stamps    []stampOp
}

func (wd *world) stamp(table, col string, at time.Time, where string, args ...any) {
	wd.stamps = append(wd.stamps, stampOp{table: table, col: col, at: at, where: where, args: args})
}

// finish applies the background, then the scenario's stamps.
func (wd *world) finish(t *testing.T) {
	t.Helper()
	ops := append([]stampOp{}, background...)
	for i := range ops {
		ops[i].at = longAgo
	}
	for _, op := range append(ops, wd.stamps...) {
		err := wd.a.DB.Gorm.Table(op.table).Where(op.where, op.args...).Update(op.col, op.at.UTC()).Error
		if err != nil {
			t.Fatalf("stamp %s.%s: %v", op.table, op.col, err)
		}
	}
}

// order places qty units for buyer and, unless paid is zero, pays them;
// then it moves the order, its commission records and its accrual
// postings to the given times.
func (wd *world) order(t *testing.T, name string, buyer, addr, sku, qty int64, placed, paid time.Time) *order.Order {
	t.Helper()
	o := wd.a.PlaceOrder(t, buyer, addr, qty, sku)
	if !paid.IsZero() {
		wd.a.PayOrder(t, o)
		wd.stamp("orders", "paid_at", paid, "id = ?", o.ID)
		wd.stamp("commission_records", "created_at", paid, "order_id = ?", o.ID)
		wd.stamp("ledger_entries", "created_at", paid, "ref_type = 'order' AND ref_id = ? AND type = 'commission_accrue'", o.ID)
	}
	wd.stamp("orders", "created_at", placed, "id = ?", o.ID)
	wd.orders[name] = o
	return o
}

// withdrawPaid has the distributor withdraw amount through the real
// withdrawal flow (request, approval with the admin's password, manual
// payout) and moves its postings to requested and paid.
func (wd *world) withdrawPaid(t *testing.T, d *testkit.DistributorFixture, amount money.Fen, requested, paid time.Time) {
	t.Helper()
	a, ctx := wd.a, testkit.Ctx()
	adminID, username, password := a.NewAdmin(t, adminauth.RoleSuper)
	by := audit.Actor{ID: adminID, Username: username, Role: string(adminauth.RoleSuper)}
	acct, err := a.Withdrawals.AddAccount(ctx, d.ShopperID, withdrawal.AccountInput{Kind: withdrawal.KindAlipay, Account: "13812348000", RealName: "张三"})
	if err != nil {
		t.Fatal(err)
	}
	wr, err := a.Withdrawals.Request(ctx, d.ShopperID, withdrawal.RequestInput{Amount: amount, PayoutAccountID: acct.ID})
	if err != nil {
		t.Fatalf("request withdrawal: %v", err)
	}
	if _, err := a.Withdrawals.Approve(ctx, by, wr.ID, password); err != nil {
		t.Fatalf("approve withdrawal: %v", err)
	}
	if _, err := a.Withdrawals.MarkPaid(ctx, by, wr.ID, withdrawal.PayoutInput{Reference: "REF-1"}); err != nil {
		t.Fatalf("pay withdrawal: %v", err)
	}
	wd.stamp("ledger_entries", "created_at", requested, "ref_type = 'withdrawal' AND ref_id = ? AND type = 'withdraw_request'", wr.ID)
	wd.stamp("ledger_entries", "created_at", paid, "ref_type = 'withdrawal' AND ref_id = ? AND type = 'withdraw_paid'", wr.ID)
}

// settleOrder completes the order and settles its commission at once,
// with the settlement postings at settled.
func (wd *world) settleOrder(t *testing.T, o *order.Order, settled time.Time) {
	t.Helper()
	s := commission.DefaultSettings()
	s.SettleAfterDays = 0
	wd.a.SetCommissionSettings(t, s)
	wd.a.CompleteOrder(t, o)
	if _, err := wd.a.Commissions.SettleDue(testkit.Ctx()); err != nil {
		t.Fatal(err)
	}
	wd.stamp("ledger_entries", "created_at", settled, "ref_type = 'order' AND ref_id = ? AND type = 'commission_settle'", o.ID)
}

// product is a 100.00 yuan SKU paying 10% to tier 1 and 5% to tier 2.
func product(t *testing.T, a *testkit.App) int64 {
	return a.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 10000)
}
