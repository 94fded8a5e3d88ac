package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

func TestReferralAccessControl(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		da, db := refDistributor(t, a), refDistributor(t, a)
		_, plain := refShopper(t, a)
		b1, b1c := refShopper(t, a)
		_, b2c := refShopper(t, a)
		b1c.Do("POST", "/api/shop/referral/visit", map[string]any{"code": da.Code, "source": "link"}).Expect(200)
		b2c.Do("POST", "/api/shop/referral/visit", map[string]any{"code": db.Code, "source": "code"}).Expect(200)

		for _, path := range []string{"/api/shop/distributor/me", "/api/shop/distributor/links", "/api/shop/distributor/binding-history", "/api/shop/distributor/shop"} {
			expectError(t, plain.Do("GET", path, nil), 403, "forbidden", "not_a_distributor")
			expectError(t, a.Client().Do("GET", path, nil), 401, "unauthenticated", "")
		}
		expectError(t, plain.Do("PUT", "/api/shop/distributor/shop", map[string]any{"shop_title": "x"}), 403, "forbidden", "not_a_distributor")

		// Each distributor sees only bindings to or from itself, buyers masked.
		var hist struct {
			Items []referral.TeamHistoryItem
			Total int64
		}
		res := da.C.Do("GET", "/api/shop/distributor/binding-history", nil).Expect(200)
		res.JSON(&hist)
		if hist.Total != 1 || hist.Items[0].Direction != "in" || !strings.HasSuffix(hist.Items[0].Buyer, "***") {
			t.Fatalf("A history: %s", res.Body)
		}
		if strings.Contains(string(res.Body), "shopper_id") || strings.Contains(string(res.Body), "phone") {
			t.Fatalf("history leaks buyer identity: %s", res.Body)
		}
		db.C.Do("GET", "/api/shop/distributor/binding-history", nil).Expect(200).JSON(&hist)
		if hist.Total != 1 {
			t.Fatalf("B history: %+v", hist)
		}
		var me referral.Profile
		da.C.Do("GET", "/api/shop/distributor/me", nil).Expect(200).JSON(&me)
		if me.ID != da.ID || me.BuyerCount != 1 {
			t.Fatalf("A me: %+v", me)
		}

		// Shop sessions never reach admin routes; state changes need CSRF.
		expectError(t, da.C.Do("GET", "/api/admin/distributors", nil), 401, "unauthenticated", "")
		op := a.AdminClient(t, adminauth.RoleOperator)
		csrf := op.CSRF
		op.CSRF = ""
		expectError(t, op.Do("POST", fmt.Sprintf("/api/admin/distributors/%d/freeze", da.ID), map[string]any{"reason": "x"}), 403, "forbidden", "csrf")
		op.CSRF = csrf
		noCSRF := a.SessionClient(session.KindShop, da.ShopperID)
		noCSRF.CSRF = ""
		expectError(t, noCSRF.Do("PUT", "/api/shop/distributor/shop", map[string]any{"shop_title": "x"}), 403, "forbidden", "csrf")
		expectError(t, noCSRF.Do("POST", "/api/shop/referral/claim", nil), 403, "forbidden", "csrf")
		// A logged-in visit without the CSRF token is refused, not treated as anonymous.
		expectError(t, noCSRF.Do("POST", "/api/shop/referral/visit", map[string]any{"code": db.Code, "source": "link"}), 403, "forbidden", "csrf")

		// Admin re-bind: self and cycles refused with nothing written; then a real move.
		expectError(t, op.Do("POST", fmt.Sprintf("/api/admin/bindings/%d", da.ShopperID), map[string]any{"distributor_id": da.ID}), 400, "invalid", "self_binding")
		expectError(t, op.Do("POST", fmt.Sprintf("/api/admin/bindings/%d", b1), map[string]any{"distributor_id": 999999}), 404, "not_found", "")
		expectError(t, op.Do("POST", fmt.Sprintf("/api/admin/bindings/%d", b1), map[string]any{"distributor_id": da.ID}), 409, "conflict", "already_bound")
		expectError(t, op.Do("POST", fmt.Sprintf("/api/admin/bindings/%d", b1), map[string]any{}), 400, "invalid", "")
		op.Do("POST", fmt.Sprintf("/api/admin/bindings/%d", b1), map[string]any{"distributor_id": db.ID, "note": "客服改绑"}).Expect(200)
		var h struct{ Items []referral.HistoryEntry }
		op.Do("GET", fmt.Sprintf("/api/admin/shoppers/%d/binding-history", b1), nil).Expect(200).JSON(&h)
		if len(h.Items) != 2 || h.Items[0].ActorID == nil || *h.Items[0].PreviousDistributorID != da.ID || *h.Items[0].NewDistributorID != db.ID || h.Items[0].Reason != "客服改绑" {
			t.Fatalf("admin history: %+v", h.Items)
		}
		da.C.Do("GET", "/api/shop/distributor/binding-history", nil).Expect(200).JSON(&hist)
		if hist.Total != 2 || hist.Items[0].Direction != "out" {
			t.Fatalf("A history after move: %+v", hist)
		}
		expectError(t, op.Do("GET", "/api/admin/shoppers/999999/binding-history", nil), 404, "not_found", "")

		// Detail: parent, team and history.
		var det referral.AdminDetail
		op.Do("GET", fmt.Sprintf("/api/admin/distributors/%d", db.ID), nil).Expect(200).JSON(&det)
		if det.BuyerCount != 2 || len(det.History) != 2 || !strings.Contains(det.Phone, "****") {
			t.Fatalf("detail: %+v", det)
		}
	})
}

func TestReferralLevelsAPI(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		super := a.AdminClient(t, adminauth.RoleSuper)
		op := a.AdminClient(t, adminauth.RoleOperator)
		good := map[string]any{"name": "银牌", "rank": 1, "tier1_rate_bp": 1000, "tier2_rate_bp": 500, "threshold_kind": "sales", "threshold_fen": 100000}
		expectError(t, op.Do("POST", "/api/admin/distributor-levels", good), 403, "forbidden", "")
		bad := []map[string]any{
			{"name": "x", "rank": 2, "tier1_rate_bp": 6000, "tier2_rate_bp": 4001, "threshold_kind": "sales"},
			{"name": "x", "rank": 2, "tier1_rate_bp": 10001, "threshold_kind": "sales"},
			{"name": "x", "rank": 2, "threshold_kind": "invitees"},
			{"name": "x", "rank": 2, "threshold_kind": "sales", "recruits": 10},
			{"name": "x", "rank": 2, "threshold_kind": "sales", "threshold_fen": "100"},
		}
		for i, b := range bad {
			if r := super.Do("POST", "/api/admin/distributor-levels", b); r.Status != http.StatusBadRequest || r.ErrorCode() != "invalid" {
				t.Fatalf("bad level %d: %d %s", i, r.Status, r.Body)
			}
		}
		var l referral.Level
		super.Do("POST", "/api/admin/distributor-levels", good).Expect(200).JSON(&l)
		good["name"] = "金牌"
		expectError(t, super.Do("POST", "/api/admin/distributor-levels", good), 409, "conflict", "level_taken")
		good["rank"] = 2
		super.Do("PUT", fmt.Sprintf("/api/admin/distributor-levels/%d", l.ID), good).Expect(200)
		var ls []referral.Level
		op.Do("GET", "/api/admin/distributor-levels", nil).Expect(200).JSON(&ls)
		if len(ls) != 1 || ls[0].Name != "金牌" || ls[0].Rank != 2 {
			t.Fatalf("levels: %+v", ls)
		}
		super.Do("DELETE", fmt.Sprintf("/api/admin/distributor-levels/%d", l.ID), nil).Expect(200)
		expectError(t, super.Do("DELETE", fmt.Sprintf("/api/admin/distributor-levels/%d", l.ID), nil), 404, "not_found", "")
	})
}
