package commission_test

import (
	"testing"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/testkit"
)

// A record that cannot settle (its pending balance is short) fails alone:
// the job reports the error and still settles every other due record.
func TestSettleOneBadRowDoesNotBlockOthers(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		app, sku := settlingAtOnce(t, dbURL)
		bad, good := newChain(t, app), newChain(t, app)
		o1 := app.PlaceOrder(t, bad.buyer, bad.addr, 1, sku)
		o2 := app.PlaceOrder(t, good.buyer, good.addr, 1, sku)
		app.PayOrder(t, o1)
		app.PayOrder(t, o2)
		app.CompleteOrder(t, o1)
		app.CompleteOrder(t, o2)
		// Corrupt o1's tier-1 record: it claims more than pending holds.
		err := app.DB.Gorm.Model(&commission.Record{}).Where("order_id = ? AND tier = 1", o1.ID).Update("amount", 999999).Error
		if err != nil {
			t.Fatal(err)
		}
		if _, err := app.Jobs.RunPeriodic(testkit.Ctx(), commission.SettleJob); err == nil {
			t.Fatal("settle job hid the failing record")
		}
		wantBalance(t, app, bad.b.ID, ledger.KindPending, 1000)
		wantBalance(t, app, bad.a.ID, ledger.KindAvailable, 500)
		wantBalance(t, app, good.b.ID, ledger.KindAvailable, 1000)
		wantBalance(t, app, good.a.ID, ledger.KindAvailable, 500)
		app.CheckCommissionLedger(t, good.a.ID, good.b.ID, bad.a.ID)

		top, err := app.Leaderboard.Top(testkit.Ctx(), leaderboard.MetricSales, leaderboard.PeriodAll, 10)
		if err != nil {
			t.Fatal(err)
		}
		sales := map[int64]int64{}
		for _, e := range top {
			sales[e.DistributorID] = e.Value
		}
		if sales[good.b.ID] != 10000 || sales[bad.b.ID] != 10000 || len(sales) != 2 {
			t.Errorf("sales board %+v: only tier-1 distributors count the sale", top)
		}
		if e, ok, err := app.Leaderboard.Rank(testkit.Ctx(), leaderboard.MetricCommission, leaderboard.PeriodAll, good.a.ID); err != nil || !ok || e.Value != 500 {
			t.Errorf("tier-2 commission on the board: %+v %v %v", e, ok, err)
		}
	})
}
