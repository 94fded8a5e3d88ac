package referral_test

import (
	"testing"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// Levels are reached by attributed sales and by settled commission, in
// the transaction of the money event, and never by recruiting; refunds
// lower the figures but do not demote.
func TestLevelsRiseWithSalesAndSettledCommission(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		ctx := testkit.Ctx()
		admin := audit.Actor{Username: "test"}
		a.SetCommissionSettings(t, commission.Settings{Tier1RateBP: 1000, Tier2RateBP: 500, SettleAfterDays: 0})
		silver, err := a.Referral.CreateLevel(ctx, admin, referral.LevelInput{Name: "银牌", Rank: 1, Tier1RateBP: 1500, Tier2RateBP: 500,
			ThresholdKind: referral.ThresholdSales, ThresholdFen: 20000})
		if err != nil {
			t.Fatal(err)
		}
		gold, err := a.Referral.CreateLevel(ctx, admin, referral.LevelInput{Name: "金牌", Rank: 2, Tier1RateBP: 2000, Tier2RateBP: 500,
			ThresholdKind: referral.ThresholdCommission, ThresholdFen: 3000})
		if err != nil {
			t.Fatal(err)
		}
		A := a.DistributorUnder(t, "")
		B := a.DistributorUnder(t, A.Code) // recruiting B earns A nothing, and no level
		sku := a.CommissionProduct(t, catalog.CommissionInherit, 0, 0, 10000)
		buyer, addr := a.BuyerOf(t, B.Code)
		state := func() (sales, settled int64, level *int64) {
			var r struct {
				SalesTotal, SettledTotal int64
				LevelID                  *int64
			}
			a.DB.Gorm.Raw("SELECT sales_total, settled_total, level_id FROM distributors WHERE id = ?", B.ID).Scan(&r)
			return r.SalesTotal, r.SettledTotal, r.LevelID
		}
		levelOf := func(id int64) *int64 {
			var r struct{ LevelID *int64 }
			a.DB.Gorm.Raw("SELECT level_id FROM distributors WHERE id = ?", id).Scan(&r)
			return r.LevelID
		}

		first := a.PlaceOrder(t, buyer, addr, 1, sku)
		a.PayOrder(t, first)
		if sales, _, level := state(); sales != 10000 || level != nil {
			t.Fatalf("after 100.00: sales %d level %v", sales, level)
		}
		second := a.PlaceOrder(t, buyer, addr, 1, sku)
		a.PayOrder(t, second)
		if sales, _, level := state(); sales != 20000 || level == nil || *level != silver.ID {
			t.Fatalf("after 200.00: sales %d level %v, want silver", sales, level)
		}
		if levelOf(A.ID) != nil {
			t.Fatal("A reached a level by recruiting")
		}
		// The level's rate applies from the next order on (snapshotted at payment).
		third := a.PlaceOrder(t, buyer, addr, 1, sku)
		a.PayOrder(t, third)
		var rate int64
		a.DB.Gorm.Raw("SELECT rate_value FROM commission_records WHERE order_id = ? AND tier = 1", third.ID).Scan(&rate)
		if rate != 1500 {
			t.Fatalf("tier-1 rate on the third order = %d, want the silver 1500", rate)
		}
		// A refund lowers sales but keeps the level.
		var lineID int64
		a.DB.Gorm.Raw("SELECT id FROM order_lines WHERE order_id = ?", first.ID).Scan(&lineID)
		a.RefundLine(t, first, lineID, 1)
		if sales, _, level := state(); sales != 20000 || level == nil || *level != silver.ID {
			t.Fatalf("after a refund: sales %d level %v", sales, level)
		}
		// Settling 10.00 + 15.00 of commission (window 0) is not yet gold's 30.00.
		for _, o := range []*order.Order{second, third} {
			a.CompleteOrder(t, o)
		}
		if _, err := a.Commissions.SettleDue(ctx); err != nil {
			t.Fatal(err)
		}
		if _, settled, level := state(); settled != 2500 || *level != silver.ID {
			t.Fatalf("settled %d level %v", settled, *level)
		}
		fourth := a.PlaceOrder(t, buyer, addr, 1, sku)
		a.PayOrder(t, fourth)
		a.CompleteOrder(t, fourth)
		if _, err := a.Commissions.SettleDue(ctx); err != nil {
			t.Fatal(err)
		}
		if _, settled, level := state(); settled != 4000 || *level != gold.ID {
			t.Fatalf("settled %d level %v, want gold", settled, *level)
		}
	})
}
