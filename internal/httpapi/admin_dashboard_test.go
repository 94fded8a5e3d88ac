package httpapi_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/platform/cst"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

// The dashboard contract the admin app is written against: exactly these
// keys (the figures themselves are checked in internal/readmodel/dashboard against a
// seeded scenario with a fixed clock).
var (
	dashTopKeys    = []string{"from", "range", "series", "to", "top_distributors", "totals"}
	dashTotalsKeys = []string{"commission_accrued", "commission_paid_out", "commission_settled", "gmv", "new_distributors",
		"new_shoppers", "orders", "paid_conversion_bp", "paid_orders"}
	dashBucketKeys = []string{"commission_accrued", "gmv", "label", "new_distributors", "orders", "paid_orders", "start"}
	dashTopDKeys   = []string{"commission", "distributor_id", "nickname", "orders", "sales"}
)

func keysOf(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("not an object: %s", raw)
	}
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

type dashBody struct {
	Range  string `json:"range"`
	From   string `json:"from"`
	To     string `json:"to"`
	Totals struct {
		GMV              int64 `json:"gmv"`
		Orders           int64 `json:"orders"`
		PaidOrders       int64 `json:"paid_orders"`
		PaidConversionBP int64 `json:"paid_conversion_bp"`
		Accrued          int64 `json:"commission_accrued"`
	} `json:"totals"`
	Series []struct {
		Label string `json:"label"`
		Start string `json:"start"`
		GMV   int64  `json:"gmv"`
	} `json:"series"`
	Top []struct {
		DistributorID int64  `json:"distributor_id"`
		Nickname      string `json:"nickname"`
		Sales         int64  `json:"sales"`
		Orders        int64  `json:"orders"`
		Commission    int64  `json:"commission"`
	} `json:"top_distributors"`
}

func TestAdminDashboardAPI(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		// One order of 100.00 yuan paid just now through distributor d
		// (10% commission), one placed and left unpaid.
		sku := a.CommissionProduct(t, catalog.CommissionRate, 1000, 0, 10000)
		d := a.DistributorUnder(t, "")
		buyer, addr := a.BuyerOf(t, d.Code)
		a.PayOrder(t, a.PlaceOrder(t, buyer, addr, 1, sku))
		a.PlaceOrder(t, buyer, addr, 1, sku)
		operator := a.AdminClient(t, adminauth.RoleOperator)
		today := time.Now().In(cst.Zone)

		tests := []struct {
			name, query string
			status      int
			rng         string
			buckets     int
			from        string
		}{
			{name: "default is 7d", query: "", status: 200, rng: "7d", buckets: 7, from: today.AddDate(0, 0, -6).Format(time.DateOnly)},
			{name: "empty is 7d", query: "?range=", status: 200, rng: "7d", buckets: 7, from: today.AddDate(0, 0, -6).Format(time.DateOnly)},
			{name: "today", query: "?range=today", status: 200, rng: "today", buckets: today.Hour() + 1, from: today.Format(time.DateOnly)},
			{name: "7d", query: "?range=7d", status: 200, rng: "7d", buckets: 7, from: today.AddDate(0, 0, -6).Format(time.DateOnly)},
			{name: "30d", query: "?range=30d", status: 200, rng: "30d", buckets: 30, from: today.AddDate(0, 0, -29).Format(time.DateOnly)},
			{name: "unknown range", query: "?range=1y", status: 400},
			{name: "wrong case", query: "?range=7D", status: 400},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				res := operator.Do("GET", "/api/admin/dashboard"+tc.query, nil).Expect(tc.status)
				if tc.status != 200 {
					if e := errorOf(t, res); e.Code != "invalid" || e.Fields["range"] == "" {
						t.Fatalf("error %s", res.Body)
					}
					return
				}
				checkDashboardKeys(t, res.Body)
				var got dashBody
				res.JSON(&got)
				if got.Range != tc.rng || got.From != tc.from || got.To != today.Format(time.DateOnly) || len(got.Series) != tc.buckets {
					t.Fatalf("range %s %s..%s with %d buckets: %s", got.Range, got.From, got.To, len(got.Series), res.Body)
				}
				if !strings.HasSuffix(got.Series[0].Start, "T00:00:00+08:00") {
					t.Errorf("first bucket starts %s, want a Shanghai midnight", got.Series[0].Start)
				}
				tot := got.Totals
				if tot.GMV != 10000 || tot.Orders != 2 || tot.PaidOrders != 1 || tot.PaidConversionBP != 5000 || tot.Accrued != 1000 ||
					got.Series[len(got.Series)-1].GMV != 10000 {
					t.Errorf("figures %+v, last bucket %+v", tot, got.Series[len(got.Series)-1])
				}
				if len(got.Top) != 1 || got.Top[0].DistributorID != d.ID || got.Top[0].Sales != 10000 || got.Top[0].Orders != 1 ||
					got.Top[0].Commission != 1000 || !strings.HasPrefix(got.Top[0].Nickname, "buyer-") {
					t.Errorf("top %+v", got.Top)
				}
			})
		}
	})
}

// checkDashboardKeys fails unless the body has exactly the contract's keys.
func checkDashboardKeys(t *testing.T, body []byte) {
	t.Helper()
	var top struct {
		Totals json.RawMessage   `json:"totals"`
		Series []json.RawMessage `json:"series"`
		Top    []json.RawMessage `json:"top_distributors"`
	}
	if err := json.Unmarshal(body, &top); err != nil {
		t.Fatal(err)
	}
	check := func(what string, raw json.RawMessage, want []string) {
		if got := keysOf(t, raw); !slices.Equal(got, want) {
			t.Errorf("%s keys %v, want %v", what, got, want)
		}
	}
	check("dashboard", body, dashTopKeys)
	check("totals", top.Totals, dashTotalsKeys)
	for _, b := range top.Series {
		check("bucket", b, dashBucketKeys)
	}
	for _, d := range top.Top {
		check("top distributor", d, dashTopDKeys)
	}
}
