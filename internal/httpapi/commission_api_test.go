package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/testkit"
)

func TestAdminCommissionSettingsAPI(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		ops, _ := a.OrderAdminClient(t)
		super := a.AdminClient(t, adminauth.RoleSuper)

		var got commission.Settings
		ops.Do("GET", "/api/admin/settings/commission", nil).Expect(http.StatusOK).JSON(&got)
		if got != commission.DefaultSettings() {
			t.Fatalf("defaults: %+v", got)
		}
		expectError(t, ops.Do("PUT", "/api/admin/settings/commission", got), http.StatusForbidden, "forbidden", "")
		expectError(t, a.Client().Do("GET", "/api/admin/settings/commission", nil), http.StatusUnauthorized, "unauthenticated", "")

		bad := []struct{ body, field string }{
			{`{"tier1_rate_bp":10001,"tier2_rate_bp":0,"settle_after_days":7}`, "tier1_rate_bp"},
			{`{"tier1_rate_bp":6000,"tier2_rate_bp":5000,"settle_after_days":7}`, "tier2_rate_bp"},
			{`{"tier1_rate_bp":1000,"tier2_rate_bp":500,"settle_after_days":-1}`, "settle_after_days"},
			{`{"tier1_rate_bp":1000,"tier2_rate_bp":500,"cap_orders_per_buyer_day":-3}`, "cap_orders_per_buyer_day"},
		}
		for _, b := range bad {
			e := expectError(t, super.Do("PUT", "/api/admin/settings/commission", b.body), http.StatusBadRequest, "invalid", "")
			if e.Fields[b.field] == "" {
				t.Errorf("%s: no message for %s: %+v", b.body, b.field, e.Fields)
			}
		}
		expectError(t, super.Do("PUT", "/api/admin/settings/commission", `{"tier3_rate_bp":1}`), http.StatusBadRequest, "invalid", "")

		want := commission.Settings{Tier1RateBP: 1200, Tier2RateBP: 300, SettleAfterDays: 3, SelfPurchase: true, CapOrdersPerBuyerDay: 5}
		super.Do("PUT", "/api/admin/settings/commission", want).Expect(http.StatusOK)
		ops.Do("GET", "/api/admin/settings/commission", nil).Expect(http.StatusOK).JSON(&got)
		if got != want {
			t.Fatalf("saved %+v, read %+v", want, got)
		}
		if n := a.OrderCount(t, "audit_log", "action = ?", "settings.commission"); n != 1 {
			t.Errorf("audit rows = %d, want 1", n)
		}
	})
}

func TestAdminCommissionListAPI(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		ops, _ := a.OrderAdminClient(t)
		sku := a.CommissionProduct(t, catalog.CommissionInherit, 0, 0, 10000)
		top := a.DistributorUnder(t, "")
		b := a.DistributorUnder(t, top.Code)
		buyer, addr := a.BuyerOf(t, b.Code)
		o := a.PlaceOrder(t, buyer, addr, 1, sku)
		a.PayOrder(t, o)

		var res struct {
			Items []commission.Record `json:"items"`
			Total int64               `json:"total"`
		}
		ops.Do("GET", fmt.Sprintf("/api/admin/commissions?distributor_id=%d", b.ID), nil).Expect(http.StatusOK).JSON(&res)
		if res.Total != 1 || res.Items[0].Amount != 1000 || res.Items[0].Tier != 1 || res.Items[0].Status != commission.StatusPending {
			t.Fatalf("tier-1 list: %+v", res)
		}
		ops.Do("GET", fmt.Sprintf("/api/admin/commissions?order_id=%d&status=pending", o.ID), nil).Expect(http.StatusOK).JSON(&res)
		if res.Total != 2 {
			t.Fatalf("order list total %d, want 2", res.Total)
		}
		today := time.Now().In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly)
		ops.Do("GET", "/api/admin/commissions?from="+today+"&to="+today, nil).Expect(http.StatusOK).JSON(&res)
		if res.Total != 2 {
			t.Fatalf("today total %d, want 2", res.Total)
		}
		ops.Do("GET", "/api/admin/commissions?status=settled", nil).Expect(http.StatusOK).JSON(&res)
		if res.Total != 0 {
			t.Fatalf("settled total %d, want 0", res.Total)
		}
		for _, q := range []string{"status=bogus", "from=2026-13-01", "to=yesterday", "distributor_id=abc"} {
			r := ops.Do("GET", "/api/admin/commissions?"+q, nil)
			expectError(t, r, http.StatusBadRequest, "invalid", "")
			if strings.Contains(string(r.Body), "SELECT") {
				t.Errorf("%s leaks SQL: %s", q, r.Body)
			}
		}
	})
}
