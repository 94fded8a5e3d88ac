package commission_test

import (
	"testing"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

// TestRatePrecedenceThroughOrders checks product snapshot > earner's level
// > global as it flows from checkout to the records: tier 1 takes the
// level of B (tier-1 earner), tier 2 the level of A (tier-2 earner).
func TestRatePrecedenceThroughOrders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		mode      catalog.CommissionMode
		t1, t2    int64
		levels    bool
		want1     money.Fen
		want2     money.Fen
		wantMode  commission.Mode
		wantRate1 int64
	}{
		{"inherit uses global", catalog.CommissionInherit, 0, 0, false, 2400, 1200, "inherit", 1200},
		{"inherit uses each earner's level", catalog.CommissionInherit, 0, 0, true, 3000, 1600, "inherit", 1500},
		{"product rate beats levels", catalog.CommissionRate, 2000, 300, true, 4000, 600, "rate", 2000},
		{"product fixed per unit beats levels", catalog.CommissionFixed, 150, 50, true, 300, 100, "fixed", 150},
		{"product rate zero pays nothing", catalog.CommissionRate, 0, 0, false, 0, 0, "rate", 0},
	}
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		app := testkit.NewApp(t, dbURL)
		s := commission.DefaultSettings()
		s.Tier1RateBP, s.Tier2RateBP = 1200, 600
		app.SetCommissionSettings(t, s)
		// B's level grants 15% as tier 1 (its 4% tier-2 rate must not be
		// used for A); A's level grants 8% as tier 2.
		lb := level(t, app, "金牌", 2, 1500, 400)
		la := level(t, app, "银牌", 1, 700, 800)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c := newChain(t, app)
				if tt.levels {
					setLevel(t, app, c.b.ID, lb)
					setLevel(t, app, c.a.ID, la)
				}
				sku := app.CommissionProduct(t, tt.mode, tt.t1, tt.t2, 10000)
				o := app.PlaceOrder(t, c.buyer, c.addr, 2, sku)
				app.PayOrder(t, o)
				rs := byTier(t, records(t, app, o.ID))
				if rs[1].Amount != tt.want1 || rs[2].Amount != tt.want2 || rs[1].Mode != tt.wantMode || rs[1].RateValue != tt.wantRate1 {
					t.Fatalf("records %+v, want tier1 %d tier2 %d mode %s rate %d", rs, tt.want1, tt.want2, tt.wantMode, tt.wantRate1)
				}
				wantBalance(t, app, c.b.ID, ledger.KindPending, tt.want1)
				wantBalance(t, app, c.a.ID, ledger.KindPending, tt.want2)
				app.CheckCommissionLedger(t, c.a.ID, c.b.ID, c.z.ID)
			})
		}
	})
}

func level(t *testing.T, app *testkit.App, name string, rank int, t1, t2 money.BP) int64 {
	t.Helper()
	l, err := app.Referral.CreateLevel(testkit.Ctx(), testkitAdmin, referral.LevelInput{Name: name, Rank: rank,
		Tier1RateBP: t1, Tier2RateBP: t2, ThresholdKind: referral.ThresholdSales, ThresholdFen: money.Fen(rank) * 100000})
	if err != nil {
		t.Fatal(err)
	}
	return l.ID
}

func setLevel(t *testing.T, app *testkit.App, distributorID, levelID int64) {
	t.Helper()
	if err := app.DB.Gorm.Table("distributors").Where("id = ?", distributorID).Update("level_id", levelID).Error; err != nil {
		t.Fatal(err)
	}
}

func TestFrozenTier2EarnsNothingAndTier1IsUnchanged(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		app := testkit.NewApp(t, dbURL)
		sku := app.CommissionProduct(t, catalog.CommissionInherit, 0, 0, 10000)
		c := newChain(t, app)
		o := app.PlaceOrder(t, c.buyer, c.addr, 1, sku)
		// Frozen between checkout and payment: judged at payment.
		if _, err := app.Referral.Freeze(testkit.Ctx(), testkitAdmin, c.a.ID, "违规"); err != nil {
			t.Fatal(err)
		}
		app.PayOrder(t, o)
		rs := byTier(t, records(t, app, o.ID))
		if rs[1].Amount != 1000 || rs[1].DistributorID != c.b.ID {
			t.Errorf("tier 1 = %+v, want 1000 to B", rs[1])
		}
		if rs[2].Amount != 0 || rs[2].Reason != commission.ReasonDistributorInactive {
			t.Errorf("tier 2 = %+v, want 0 with reason", rs[2])
		}
		if n := app.OrderCount(t, "commission_records", "distributor_id = ?", c.z.ID); n != 0 {
			t.Errorf("Z moved up a tier: %d records", n)
		}
		wantBalance(t, app, c.a.ID, ledger.KindPending, 0)
		wantBalance(t, app, c.b.ID, ledger.KindPending, 1000)

		// Frozen at checkout: not attributed at all.
		o2 := app.PlaceOrder(t, c.buyer, c.addr, 1, sku)
		if o2.Tier2DistributorID != nil {
			t.Errorf("frozen distributor attributed as tier 2")
		}
		app.PayOrder(t, o2)
		if rs := byTier(t, records(t, app, o2.ID)); len(rs) != 1 || rs[1].Amount != 1000 {
			t.Errorf("records %+v, want only tier 1", rs)
		}
		app.CheckCommissionLedger(t, c.a.ID, c.b.ID, c.z.ID)
	})
}

func TestSelfPurchase(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		app := testkit.NewApp(t, dbURL)
		sku := app.CommissionProduct(t, catalog.CommissionInherit, 0, 0, 10000)
		top := app.DistributorUnder(t, "")
		b := app.DistributorUnder(t, top.Code)

		o := app.PlaceOrder(t, top.ShopperID, top.AddressID, 1, sku)
		app.PayOrder(t, o)
		if rs := records(t, app, o.ID); len(rs) != 0 {
			t.Fatalf("self purchase off: records %+v", rs)
		}

		s := commission.DefaultSettings()
		s.SelfPurchase = true
		app.SetCommissionSettings(t, s)
		o = app.PlaceOrder(t, b.ShopperID, b.AddressID, 1, sku)
		app.PayOrder(t, o)
		rs := byTier(t, records(t, app, o.ID))
		if rs[1].DistributorID != b.ID || rs[1].Amount != 1000 || rs[2].DistributorID != top.ID || rs[2].Amount != 500 {
			t.Fatalf("self purchase on: %+v", rs)
		}
		app.CheckCommissionLedger(t, top.ID, b.ID)
	})
}

func TestBuyerCaps(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		app := testkit.NewApp(t, dbURL)
		s := commission.DefaultSettings()
		s.CapOrdersPerBuyerDay = 1
		app.SetCommissionSettings(t, s)
		sku := app.CommissionProduct(t, catalog.CommissionInherit, 0, 0, 10000)
		c := newChain(t, app)
		first := app.PlaceOrder(t, c.buyer, c.addr, 1, sku)
		second := app.PlaceOrder(t, c.buyer, c.addr, 1, sku)
		app.PayOrder(t, first)
		app.PayOrder(t, second)
		if rs := byTier(t, records(t, app, first.ID)); rs[1].Amount != 1000 || rs[2].Amount != 500 {
			t.Fatalf("first order: %+v", rs)
		}
		for _, r := range records(t, app, second.ID) {
			if r.Amount != 0 || r.Reason != commission.ReasonCapExceeded {
				t.Errorf("second order record %+v, want capped", r)
			}
		}
		wantBalance(t, app, c.b.ID, ledger.KindPending, 1000)

		s.CapOrdersPerBuyerDay, s.CapOrdersPerBuyerMonth = 0, 2
		app.SetCommissionSettings(t, s)
		third := app.PlaceOrder(t, c.buyer, c.addr, 1, sku)
		app.PayOrder(t, third)
		if rs := byTier(t, records(t, app, third.ID)); rs[1].Amount != 1000 {
			t.Errorf("month cap 2 with 1 earning order: %+v", rs)
		}
		fourth := app.PlaceOrder(t, c.buyer, c.addr, 1, sku)
		app.PayOrder(t, fourth)
		if rs := byTier(t, records(t, app, fourth.ID)); rs[1].Reason != commission.ReasonCapExceeded {
			t.Errorf("month cap reached: %+v", rs)
		}
		app.CheckCommissionLedger(t, c.a.ID, c.b.ID)
	})
}

func TestSettingsValidate(t *testing.T) {
	t.Parallel()
	bad := []commission.Settings{
		{Tier1RateBP: -1}, {Tier2RateBP: 10001}, {Tier1RateBP: 6000, Tier2RateBP: 5000},
		{SettleAfterDays: -1}, {CapOrdersPerBuyerDay: -1}, {CapOrdersPerBuyerMonth: -2},
	}
	for _, s := range bad {
		if err := s.Validate(); err == nil {
			t.Errorf("%+v accepted", s)
		}
	}
	if err := commission.DefaultSettings().Validate(); err != nil {
		t.Errorf("defaults refused: %v", err)
	}
}
