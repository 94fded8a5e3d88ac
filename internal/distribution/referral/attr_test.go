package referral_test

import (
	"errors"
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/testkit"
)

func isCode(err error, code, reason string) bool {
	var e *apperr.Error
	return errors.As(err, &e) && string(e.Code) == code && (reason == "" || e.Reason == reason)
}

func ids(t1, t2 *referral.DistributorRef) [2]int64 {
	var out [2]int64
	if t1 != nil {
		out[0] = t1.ID
	}
	if t2 != nil {
		out[1] = t2.ID
	}
	return out
}

// A buyer of a three-deep chain pays at most two tiers, and a frozen or
// removed distributor leaves a hole: nobody above moves up.
func TestAttributionTwoTiersNothingShifts(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		top := a.NewDistributor(t, phone())
		mid := distributorUnder(t, a, top)
		low := distributorUnder(t, a, mid)
		buyer := a.NewShopper(t, phone())
		a.BindVia(t, buyer, low.InviteCode)
		unbound := a.NewShopper(t, phone())

		attr := func(shopper int64) [2]int64 {
			t.Helper()
			var got [2]int64
			err := a.DB.Gorm.Transaction(func(tx *gorm.DB) error {
				t1, t2, err := a.Referral.Attribution(testkit.Ctx(), tx, shopper)
				got = ids(t1, t2)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		set := func(id int64, s referral.Status) {
			a.DB.Gorm.Model(&referral.Distributor{}).Where("id = ?", id).Update("status", s)
		}
		steps := []struct {
			name string
			do   func()
			want [2]int64
		}{
			{"all active: low and mid, never top", func() {}, [2]int64{low.ID, mid.ID}},
			{"tier1 frozen: hole, mid stays tier2", func() { set(low.ID, referral.StatusFrozen) }, [2]int64{0, mid.ID}},
			{"tier1 back, tier2 frozen: top does not move up", func() { set(low.ID, referral.StatusActive); set(mid.ID, referral.StatusFrozen) }, [2]int64{low.ID, 0}},
			{"tier2 removed", func() { set(mid.ID, referral.StatusRemoved) }, [2]int64{low.ID, 0}},
			{"both gone", func() { set(low.ID, referral.StatusRemoved) }, [2]int64{0, 0}},
		}
		for _, s := range steps {
			s.do()
			if got := attr(buyer); got != s.want {
				t.Errorf("%s: got %v want %v", s.name, got, s.want)
			}
		}
		if got := attr(unbound); got != [2]int64{} {
			t.Errorf("unbound buyer: %v", got)
		}
	})
}

func TestBestLevel(t *testing.T) {
	t.Parallel()
	levels := []referral.Level{
		{ID: 1, Rank: 1, ThresholdKind: referral.ThresholdSales, ThresholdFen: 0},
		{ID: 2, Rank: 2, ThresholdKind: referral.ThresholdSales, ThresholdFen: 100000},
		{ID: 3, Rank: 3, ThresholdKind: referral.ThresholdCommission, ThresholdFen: 50000},
		{ID: 4, Rank: 4, ThresholdKind: referral.ThresholdSales, ThresholdFen: 10000000},
	}
	cases := []struct {
		name              string
		sales, commission money.Fen
		want              int64
	}{
		{"nothing yet: entry level", 0, 0, 1},
		{"just below sales threshold", 99999, 0, 1},
		{"sales threshold reached exactly", 100000, 0, 2},
		{"commission reaches rank 3", 100000, 50000, 3},
		{"commission alone skips rank 2", 0, 50000, 3},
		{"huge sales: top", 10000000, 0, 4},
	}
	for _, tc := range cases {
		got := referral.BestLevel(levels, tc.sales, tc.commission)
		if got == nil || got.ID != tc.want {
			t.Errorf("%s: got %+v want %d", tc.name, got, tc.want)
		}
	}
	if referral.BestLevel(levels[1:2], 0, 0) != nil {
		t.Error("no qualifying level must give nil")
	}
}

func TestEvaluateLevelAndLevelValidation(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		d := a.NewDistributor(t, phone())
		silver, err := a.Referral.CreateLevel(testkit.Ctx(), admin, referral.LevelInput{Name: "Silver", Rank: 1, Tier1RateBP: 1000, Tier2RateBP: 500, ThresholdKind: referral.ThresholdSales, ThresholdFen: 1000})
		if err != nil {
			t.Fatal(err)
		}
		gold, err := a.Referral.CreateLevel(testkit.Ctx(), admin, referral.LevelInput{Name: "Gold", Rank: 2, Tier1RateBP: 2000, Tier2RateBP: 800, ThresholdKind: referral.ThresholdCommission, ThresholdFen: 500})
		if err != nil {
			t.Fatal(err)
		}
		bad := []referral.LevelInput{
			{Name: "", Rank: 3, ThresholdKind: referral.ThresholdSales},
			{Name: "X", Rank: 3, Tier1RateBP: 9000, Tier2RateBP: 1001, ThresholdKind: referral.ThresholdSales},
			{Name: "X", Rank: 3, Tier1RateBP: -1, ThresholdKind: referral.ThresholdSales},
			{Name: "X", Rank: 3, ThresholdKind: "recruits"},
			{Name: "X", Rank: 3, ThresholdKind: referral.ThresholdSales, ThresholdFen: -5},
		}
		for i, in := range bad {
			if _, err := a.Referral.CreateLevel(testkit.Ctx(), admin, in); !isCode(err, "invalid", "") {
				t.Errorf("bad level %d: %v", i, err)
			}
		}
		if _, err := a.Referral.CreateLevel(testkit.Ctx(), admin, referral.LevelInput{Name: "Dup", Rank: 1, ThresholdKind: referral.ThresholdSales}); !isCode(err, "conflict", "level_taken") {
			t.Errorf("duplicate rank: %v", err)
		}
		if ls, _ := a.Referral.Levels(testkit.Ctx()); len(ls) != 2 {
			t.Fatalf("levels written by bad input: %d", len(ls))
		}
		eval := func(sales, comm money.Fen) *int64 {
			err := a.DB.Gorm.Transaction(func(tx *gorm.DB) error {
				_, err := a.Referral.EvaluateLevel(testkit.Ctx(), tx, d.ID, sales, comm)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			var got referral.Distributor
			a.DB.Gorm.Where("id = ?", d.ID).Take(&got)
			return got.LevelID
		}
		if l := eval(999, 0); l != nil {
			t.Errorf("below all: %v", *l)
		}
		if l := eval(1000, 0); l == nil || *l != silver.ID {
			t.Errorf("silver: %v", l)
		}
		if l := eval(1000, 500); l == nil || *l != gold.ID {
			t.Errorf("gold: %v", l)
		}
		if err := a.Referral.DeleteLevel(testkit.Ctx(), admin, gold.ID); !isCode(err, "conflict", "level_in_use") {
			t.Errorf("delete held level: %v", err)
		}
	})
}
