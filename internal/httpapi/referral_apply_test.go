package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

type applyResp struct {
	Application referral.Application  `json:"application"`
	Distributor *referral.Distributor `json:"distributor"`
}

func TestReferralApplicationReviewMode(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		op := a.AdminClient(t, adminauth.RoleOperator)
		parent := refDistributor(t, a)
		id, c := refShopper(t, a)
		phone := refPhone()

		// Bound to parent before approval: parent becomes the distributor's parent.
		var v struct {
			Bound  bool
			Reason string
		}
		c.Do("POST", "/api/shop/referral/visit", map[string]any{"code": strings.ToLower(parent.Code), "source": "link"}).Expect(http.StatusOK).JSON(&v)
		if !v.Bound || v.Reason != "bound" {
			t.Fatalf("visit: %+v", v)
		}
		e := expectError(t, c.Do("POST", "/api/shop/distributor/apply", map[string]any{"name": "", "phone": "12345"}), 400, "invalid", "")
		if e.Fields["phone"] == "" || e.Fields["name"] == "" {
			t.Fatalf("fields: %+v", e.Fields)
		}
		var ar applyResp
		c.Do("POST", "/api/shop/distributor/apply", map[string]any{"name": "张三", "phone": phone, "note": "hi"}).Expect(200).JSON(&ar)
		if ar.Application.Status != referral.AppPending || ar.Distributor != nil {
			t.Fatalf("apply: %+v", ar)
		}
		expectError(t, c.Do("POST", "/api/shop/distributor/apply", map[string]any{"name": "张三", "phone": phone}), 409, "conflict", "application_pending")
		expectError(t, c.Do("GET", "/api/shop/distributor/me", nil), 403, "forbidden", "not_a_distributor")

		// The queue masks the phone.
		var q struct{ Items []referral.AdminApplication }
		res := op.Do("GET", "/api/admin/distributor-applications?status=pending", nil).Expect(200)
		res.JSON(&q)
		if len(q.Items) != 1 || q.Items[0].Phone != phone[:3]+"****"+phone[7:] || strings.Contains(string(res.Body), phone) {
			t.Fatalf("queue: %s", res.Body)
		}
		expectError(t, op.Do("GET", "/api/admin/distributor-applications?status=bogus", nil), 400, "invalid", "")

		op.Do("POST", fmt.Sprintf("/api/admin/distributor-applications/%d/approve", ar.Application.ID), nil).Expect(200).JSON(&ar)
		if ar.Distributor == nil || ar.Distributor.ParentID == nil || *ar.Distributor.ParentID != parent.ID || ar.Distributor.ShopperID != id {
			t.Fatalf("approved: %+v", ar.Distributor)
		}
		if len(ar.Distributor.InviteCode) != 7 || strings.ContainsAny(ar.Distributor.InviteCode, "01OIL") {
			t.Fatalf("invite code %q", ar.Distributor.InviteCode)
		}
		expectError(t, op.Do("POST", fmt.Sprintf("/api/admin/distributor-applications/%d/approve", ar.Application.ID), nil), 409, "conflict", "wrong_status")
		var me referral.Profile
		c.Do("GET", "/api/shop/distributor/me", nil).Expect(200).JSON(&me)
		if me.ID != ar.Distributor.ID || me.Parent == nil || me.Status != referral.StatusActive {
			t.Fatalf("me: %+v", me)
		}
		var n int64
		a.DB.Gorm.Model(&audit.Entry{}).Where("action = ?", "distributor.approve").Count(&n)
		if n != 1 {
			t.Fatalf("approve audits: %d", n)
		}

		// Reject needs a reason; the applicant sees it and may apply again.
		_, c2 := refShopper(t, a)
		c2.Do("POST", "/api/shop/distributor/apply", map[string]any{"name": "李四", "phone": refPhone()}).Expect(200).JSON(&ar)
		path := fmt.Sprintf("/api/admin/distributor-applications/%d/reject", ar.Application.ID)
		expectError(t, op.Do("POST", path, map[string]any{"reason": "  "}), 400, "invalid", "")
		op.Do("POST", path, map[string]any{"reason": "资料不全"}).Expect(200)
		var mine referral.Application
		c2.Do("GET", "/api/shop/distributor/application", nil).Expect(200).JSON(&mine)
		if mine.Status != referral.AppRejected || mine.RejectReason != "资料不全" {
			t.Fatalf("rejected: %+v", mine)
		}
		c2.Do("POST", "/api/shop/distributor/apply", map[string]any{"name": "李四", "phone": refPhone()}).Expect(200)
	})
}

func TestReferralApplicationAutoAndDesignated(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		super := a.AdminClient(t, adminauth.RoleSuper)
		op := a.AdminClient(t, adminauth.RoleOperator)
		set := func(mode string) {
			super.Do("PUT", "/api/admin/referral/settings", map[string]any{"program": map[string]any{"join_mode": mode},
				"binding": map[string]any{"mode": "first_touch"}}).Expect(200)
		}
		expectError(t, op.Do("PUT", "/api/admin/referral/settings", map[string]any{"program": map[string]any{"join_mode": "auto"},
			"binding": map[string]any{"mode": "first_touch"}}), 403, "forbidden", "")
		expectError(t, super.Do("PUT", "/api/admin/referral/settings", map[string]any{"program": map[string]any{"join_mode": "pay_to_join"},
			"binding": map[string]any{"mode": "first_touch"}}), 400, "invalid", "")

		set("auto")
		_, c := refShopper(t, a)
		var ar applyResp
		c.Do("POST", "/api/shop/distributor/apply", map[string]any{"name": "王五", "phone": refPhone()}).Expect(200).JSON(&ar)
		if ar.Application.Status != referral.AppApproved || ar.Distributor == nil || ar.Distributor.ParentID != nil {
			t.Fatalf("auto: %+v", ar)
		}
		c.Do("GET", "/api/shop/distributor/me", nil).Expect(200)
		expectError(t, c.Do("POST", "/api/shop/distributor/apply", map[string]any{"name": "王五", "phone": refPhone()}), 409, "conflict", "already_distributor")

		set("designated")
		id, c3 := refShopper(t, a)
		expectError(t, c3.Do("POST", "/api/shop/distributor/apply", map[string]any{"name": "赵六", "phone": refPhone()}), 403, "forbidden", "designated_only")
		var d referral.AdminDetail
		op.Do("POST", "/api/admin/distributors", map[string]any{"shopper_id": id}).Expect(200).JSON(&d)
		if d.ShopperID != id || d.Status != referral.StatusActive {
			t.Fatalf("designated: %+v", d)
		}
		expectError(t, op.Do("POST", "/api/admin/distributors", map[string]any{"shopper_id": id}), 409, "conflict", "already_distributor")
		expectError(t, op.Do("POST", "/api/admin/distributors", map[string]any{"shopper_id": 999999}), 404, "not_found", "")
		c3.Do("GET", "/api/shop/distributor/me", nil).Expect(200)
	})
}

func TestReferralFreezeRemoveAndSearch(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		super := a.AdminClient(t, adminauth.RoleSuper)
		op := a.AdminClient(t, adminauth.RoleOperator)
		d := refDistributor(t, a)
		_, buyer := refShopper(t, a)
		path := fmt.Sprintf("/api/admin/distributors/%d", d.ID)

		expectError(t, op.Do("POST", path+"/freeze", map[string]any{"reason": ""}), 400, "invalid", "")
		var det referral.AdminDetail
		op.Do("POST", path+"/freeze", map[string]any{"reason": "违规"}).Expect(200).JSON(&det)
		if det.Status != referral.StatusFrozen {
			t.Fatalf("freeze: %+v", det)
		}
		var v struct {
			Bound  bool
			Reason string
		}
		buyer.Do("POST", "/api/shop/referral/visit", map[string]any{"code": d.Code, "source": "qr"}).Expect(200).JSON(&v)
		if v.Bound || v.Reason != "distributor_inactive" {
			t.Fatalf("visit frozen: %+v", v)
		}
		a.Client().Do("GET", "/api/shop/s/"+d.Code, nil).Expect(200) // the shop still opens
		d.C.Do("GET", "/api/shop/distributor/me", nil).Expect(200)   // and the distributor keeps its account
		op.Do("POST", path+"/restore", map[string]any{"reason": "ok"}).Expect(200)
		buyer.Do("POST", "/api/shop/referral/visit", map[string]any{"code": d.Code, "source": "qr"}).Expect(200).JSON(&v)
		if !v.Bound {
			t.Fatalf("visit restored: %+v", v)
		}

		// Search: full phone, code, status; phones masked.
		var sh struct{ Phone *string }
		a.DB.Gorm.Table("shoppers").Select("phone").Where("id = ?", d.ShopperID).Scan(&sh)
		var list struct {
			Items []referral.AdminDistributor
			Total int64
		}
		res := op.Do("GET", "/api/admin/distributors?phone="+*sh.Phone, nil).Expect(200)
		res.JSON(&list)
		if list.Total != 1 || list.Items[0].ID != d.ID || strings.Contains(string(res.Body), *sh.Phone) {
			t.Fatalf("phone search: %s", res.Body)
		}
		op.Do("GET", "/api/admin/distributors?code="+strings.ToLower(d.Code), nil).Expect(200).JSON(&list)
		if list.Total != 1 {
			t.Fatalf("code search: %+v", list)
		}
		expectError(t, op.Do("GET", "/api/admin/distributors?phone=138", nil), 400, "invalid", "")

		expectError(t, op.Do("DELETE", path, nil), 403, "forbidden", "")
		super.Do("DELETE", path, nil).Expect(200).JSON(&det)
		if det.Status != referral.StatusRemoved {
			t.Fatalf("remove: %+v", det)
		}
		expectError(t, super.Do("DELETE", path, nil), 409, "conflict", "wrong_status")
		expectError(t, d.C.Do("GET", "/api/shop/distributor/me", nil), 403, "forbidden", "not_a_distributor")
		op.Do("GET", "/api/admin/distributors?status=removed", nil).Expect(200).JSON(&list)
		if list.Total != 1 {
			t.Fatalf("removed list: %+v", list)
		}
		var audits int64
		a.DB.Gorm.Model(&audit.Entry{}).Where("target_type = ? AND target_id = ?", "distributor", fmt.Sprint(d.ID)).Count(&audits)
		if audits != 4 { // designate, freeze, restore, remove
			t.Fatalf("audits: %d", audits)
		}
	})
}
