package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/testkit"
)

type memAdminList struct {
	Items []member.AdminShopper `json:"items"`
	Total int64                 `json:"total"`
}

func TestAdminShopperSearchMasksPhones(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		op := memAdmin(t, a, adminauth.RoleOperator)
		first := a.NewShopper(t, "13812348000")
		a.NewShopper(t, "13912345678")
		a.NewShopper(t, "")
		sc := a.ShopperClient(t, "13700001234")
		sc.Do("PATCH", "/api/shop/me", map[string]string{"nickname": "Zhang_San"}).Expect(http.StatusOK)

		list := func(q string) memAdminList {
			t.Helper()
			var l memAdminList
			res := op.Do("GET", "/api/admin/shoppers"+q, nil).Expect(http.StatusOK)
			res.JSON(&l)
			for _, full := range []string{"13812348000", "13912345678", "13700001234"} {
				if strings.Contains(string(res.Body), full) {
					t.Fatalf("list %s shows a full phone: %s", q, res.Body)
				}
			}
			return l
		}
		all := list("")
		if all.Total != 4 || len(all.Items) != 4 {
			t.Fatalf("list %+v", all)
		}
		phones := map[string]bool{}
		for _, s := range all.Items {
			phones[s.Phone] = true
		}
		if !phones["138****8000"] || !phones["139****5678"] || !phones[""] {
			t.Fatalf("masked phones %v", phones)
		}
		if l := list("?phone=2348"); l.Total != 1 || l.Items[0].ID != first {
			t.Fatalf("phone search %+v", l)
		}
		if l := list("?nickname=zhang_"); l.Total != 1 || l.Items[0].Nickname != "Zhang_San" {
			t.Fatalf("nickname search %+v", l)
		}
		if l := list("?nickname=%25"); l.Total != 0 {
			t.Fatalf("%% must match literally: %+v", l)
		}
		if l := list("?status=banned"); l.Total != 0 {
			t.Fatalf("status filter %+v", l)
		}
		if l := list("?page=2&page_size=3"); len(l.Items) != 1 || l.Total != 4 {
			t.Fatalf("paging %+v", l)
		}
		expectError(t, op.Do("GET", "/api/admin/shoppers?status=zombie", nil), 400, "invalid", "")
		expectError(t, op.Do("GET", "/api/admin/shoppers?phone=138%25", nil), 400, "invalid", "")

		var d member.AdminShopperDetail
		res := op.Do("GET", fmt.Sprintf("/api/admin/shoppers/%d", first), nil).Expect(http.StatusOK)
		res.JSON(&d)
		if d.Phone != "138****8000" || strings.Contains(string(res.Body), "13812348000") {
			t.Fatalf("detail %s", res.Body)
		}
		expectError(t, op.Do("GET", "/api/admin/shoppers/999999", nil), 404, "not_found", "")
		expectError(t, sc.Do("GET", "/api/admin/shoppers", nil), 401, "unauthenticated", "")
	})
}

func TestBanUnbanDeleteShopper(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		super := memAdmin(t, a, adminauth.RoleSuper)
		op := memAdmin(t, a, adminauth.RoleOperator)
		const phone = "13855550001"
		shopper := a.ShopperClient(t, phone)
		id := memMe(t, shopper).Shopper.ID
		path := fmt.Sprintf("/api/admin/shoppers/%d", id)

		// Operators may look but not moderate.
		expectError(t, op.Do("POST", path+"/ban", map[string]string{"reason": "spam"}), 403, "forbidden", "")
		expectError(t, op.Do("POST", path+"/unban", nil), 403, "forbidden", "")
		expectError(t, op.Do("DELETE", path, nil), 403, "forbidden", "")
		memMe(t, shopper)

		e := expectError(t, super.Do("POST", path+"/ban", `{}`), 400, "invalid", "")
		if e.Fields["reason"] == "" {
			t.Fatalf("%+v", e)
		}
		expectError(t, super.Do("POST", path+"/ban", `{"reason":"spam","until":"never"}`), 400, "invalid", "")

		var d member.AdminShopperDetail
		super.Do("POST", path+"/ban", map[string]string{"reason": "fake orders"}).Expect(http.StatusOK).JSON(&d)
		if d.Status != member.StatusBanned || d.Phone != "138****0001" {
			t.Fatalf("banned %+v", d)
		}
		// The existing session is gone; a session made behind the service's
		// back is refused as banned; logging in again is refused.
		expectError(t, shopper.Do("GET", "/api/shop/me", nil), 401, "unauthenticated", "")
		expectError(t, a.SessionClient(session.KindShop, id).Do("GET", "/api/shop/me", nil), 403, "forbidden", "account_banned")
		code := memRequestCode(t, a, a.Client(), phone)
		expectError(t, a.Client().Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": code}), 403, "forbidden", "account_banned")
		expectError(t, super.Do("POST", path+"/ban", map[string]string{"reason": "again"}), 409, "conflict", "wrong_status")

		var entries []audit.Entry
		a.DB.Gorm.Where("target_type = ? AND target_id = ?", "shopper", fmt.Sprint(id)).Order("id").Find(&entries)
		if len(entries) != 1 || entries[0].Action != "shopper.ban" || entries[0].Note != "fake orders" ||
			!strings.Contains(entries[0].AfterJSON, "banned") || strings.Contains(entries[0].BeforeJSON+entries[0].AfterJSON, phone) {
			t.Fatalf("audit %+v", entries)
		}

		super.Do("POST", path+"/unban", nil).Expect(http.StatusOK).JSON(&d)
		if d.Status != member.StatusActive {
			t.Fatalf("unbanned %+v", d)
		}
		a.Client().Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": code}).Expect(http.StatusOK)
		expectError(t, super.Do("POST", path+"/unban", nil), 409, "conflict", "wrong_status")

		again := a.ShopperClient(t, phone)
		super.Do("DELETE", path, nil).Expect(http.StatusOK).JSON(&d)
		if d.Status != member.StatusDeleted || d.DeletedAt == nil {
			t.Fatalf("deleted %+v", d)
		}
		expectError(t, again.Do("GET", "/api/shop/me", nil), 401, "unauthenticated", "")
		code = memRequestCode(t, a, a.Client(), phone)
		expectError(t, a.Client().Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": code}), 403, "forbidden", "account_deleted")
		expectError(t, super.Do("DELETE", path, nil), 409, "conflict", "wrong_status")
		expectError(t, super.Do("POST", path+"/unban", nil), 409, "conflict", "wrong_status")
		var l memAdminList
		op.Do("GET", "/api/admin/shoppers?status=deleted", nil).Expect(http.StatusOK).JSON(&l)
		if l.Total != 1 || l.Items[0].ID != id {
			t.Fatalf("deleted list %+v", l)
		}
		var actions []string
		a.DB.Gorm.Model(&audit.Entry{}).Where("target_type = ? AND target_id = ?", "shopper", fmt.Sprint(id)).Order("id").Pluck("action", &actions)
		if strings.Join(actions, ",") != "shopper.ban,shopper.unban,shopper.delete" {
			t.Fatalf("audit actions %v", actions)
		}
		expectError(t, super.Do("POST", "/api/admin/shoppers/424242/ban", map[string]string{"reason": "x"}), 404, "not_found", "")
	})
}
