package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"fenxiao/internal/platform/audit"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

type adminBody struct {
	Admin adminauth.Admin `json:"admin"`
}

func TestOperatorIsForbiddenOnSuperRoutes(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		op := a.AdminClient(t, adminauth.RoleOperator)
		super := a.AdminClient(t, adminauth.RoleSuper)
		targetID, _, _ := a.NewAdmin(t, adminauth.RoleOperator)
		target := fmt.Sprintf("/api/admin/admins/%d", targetID)
		routes := []struct {
			method, path string
			body         any
			superStatus  int
		}{
			{"GET", "/api/admin/admins", nil, http.StatusOK},
			{"POST", "/api/admin/admins", map[string]string{"username": "eve", "password": "eves-password", "role": "super"}, http.StatusOK},
			{"GET", target, nil, http.StatusOK},
			{"PATCH", target, map[string]any{"role": "super"}, http.StatusOK},
			{"POST", target + "/reset-password", map[string]any{}, http.StatusOK},
			{"DELETE", target, nil, http.StatusOK},
		}
		for _, r := range routes {
			t.Run(r.method+" "+r.path, func(t *testing.T) {
				res := op.Do(r.method, r.path, r.body).Expect(http.StatusForbidden)
				if res.ErrorCode() != "forbidden" {
					t.Fatalf("operator: %s", res.Body)
				}
				super.Do(r.method, r.path, r.body).Expect(r.superStatus)
			})
		}
		// The operator's forbidden requests changed nothing.
		if _, err := a.Admins.ByUsername(testkit.Ctx(), "eve"); err != nil {
			t.Fatalf("super could not create eve: %v", err)
		}
		entries := auditEntries(t, super, "admin.create")
		for _, e := range entries {
			if e.ActorName != "testkit" && e.ActorName != superName(t, super) {
				t.Fatalf("an operator's request was audited: %+v", e)
			}
		}
	})
}

func superName(t *testing.T, c *testkit.Client) string {
	var me sessionBody
	c.Do("GET", "/api/admin/me", nil).Expect(http.StatusOK).JSON(&me)
	return me.Admin.Username
}

func TestAdminManagementAudited(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		super := a.AdminClient(t, adminauth.RoleSuper)
		me := superName(t, super)

		var created adminBody
		super.Do("POST", "/api/admin/admins", map[string]string{"username": " Frank ", "password": "franks-password", "role": "operator"}).
			Expect(http.StatusOK).JSON(&created)
		if created.Admin.Username != "frank" || !created.Admin.MustChangePassword || created.Admin.Role != adminauth.RoleOperator {
			t.Fatalf("created %+v", created.Admin)
		}
		path := fmt.Sprintf("/api/admin/admins/%d", created.Admin.ID)
		frank := a.LoginAdmin(t, "frank", "franks-password")

		var updated adminBody
		super.Do("PATCH", path, map[string]any{"role": "super"}).Expect(http.StatusOK).JSON(&updated)
		if updated.Admin.Role != adminauth.RoleSuper {
			t.Fatalf("role not changed: %+v", updated.Admin)
		}
		frank.Do("GET", "/api/admin/me", nil).Expect(http.StatusUnauthorized) // a role change ends sessions

		var reset struct {
			Admin             adminauth.Admin `json:"admin"`
			TemporaryPassword string          `json:"temporary_password"`
		}
		super.Do("POST", path+"/reset-password", map[string]any{}).Expect(http.StatusOK).JSON(&reset)
		if len(reset.TemporaryPassword) < 16 || !reset.Admin.MustChangePassword {
			t.Fatalf("reset: %+v", reset)
		}
		login(a.Client(), "frank", "franks-password").Expect(http.StatusUnauthorized)
		a.LoginAdmin(t, "frank", reset.TemporaryPassword).Do("GET", "/api/admin/admins", nil).Expect(http.StatusForbidden)
		var chosen map[string]any
		super.Do("POST", path+"/reset-password", map[string]string{"password": "chosen-by-super"}).Expect(http.StatusOK).JSON(&chosen)
		if _, echoed := chosen["temporary_password"]; echoed {
			t.Fatal("a chosen password is echoed back")
		}
		frank = a.LoginAdmin(t, "frank", "chosen-by-super")

		var deleted adminBody
		super.Do("DELETE", path, nil).Expect(http.StatusOK).JSON(&deleted)
		if !deleted.Admin.Disabled {
			t.Fatalf("deleted admin still active: %+v", deleted.Admin)
		}
		frank.Do("GET", "/api/admin/me", nil).Expect(http.StatusUnauthorized)
		super.Do("GET", path, nil).Expect(http.StatusOK) // soft delete keeps the row

		want := []struct {
			action        string
			before, after map[string]any
		}{
			{"admin.create", nil, map[string]any{"username": "frank", "role": "operator", "must_change_password": true}},
			{"admin.update", map[string]any{"role": "operator"}, map[string]any{"role": "super"}},
			{"admin.reset_password", map[string]any{"username": "frank"}, map[string]any{"must_change_password": true}},
			{"admin.delete", map[string]any{"disabled": false}, map[string]any{"disabled": true}},
		}
		for _, w := range want {
			entries := auditEntries(t, super, w.action)
			var found *auditEntry
			for i := range entries {
				if entries[i].TargetID == fmt.Sprint(created.Admin.ID) {
					found = &entries[i]
					break
				}
			}
			if found == nil || found.ActorName != me || found.TargetType != "admin" {
				t.Fatalf("%s: no audit entry by %s for frank in %+v", w.action, me, entries)
			}
			before, after := decodeSnapshot(t, found.Before), decodeSnapshot(t, found.After)
			if (w.before == nil) != (before == nil) {
				t.Fatalf("%s: before %q", w.action, found.Before)
			}
			for k, v := range w.before {
				if before[k] != v {
					t.Errorf("%s: before.%s = %v, want %v", w.action, k, before[k], v)
				}
			}
			for k, v := range w.after {
				if after[k] != v {
					t.Errorf("%s: after.%s = %v, want %v", w.action, k, after[k], v)
				}
			}
		}
	})
}

func TestLastSuperAdminIsProtected(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		super := a.AdminClient(t, adminauth.RoleSuper)
		var me sessionBody
		super.Do("GET", "/api/admin/me", nil).Expect(http.StatusOK).JSON(&me)
		self := fmt.Sprintf("/api/admin/admins/%d", me.Admin.ID)

		// A disabled super does not count as a remaining super.
		otherID, _, _ := a.NewAdmin(t, adminauth.RoleSuper)
		other := fmt.Sprintf("/api/admin/admins/%d", otherID)
		super.Do("PATCH", other, map[string]any{"disabled": true}).Expect(http.StatusOK)

		for _, r := range []struct {
			method string
			body   any
		}{
			{"PATCH", map[string]any{"role": "operator"}},
			{"PATCH", map[string]any{"disabled": true}},
			{"PATCH", map[string]any{"role": "operator", "disabled": true}},
			{"DELETE", nil},
		} {
			res := super.Do(r.method, self, r.body).Expect(http.StatusConflict)
			if e := errorOf(t, res); e.Reason != "last_super" {
				t.Fatalf("%s %v: %+v", r.method, r.body, e)
			}
		}
		super.Do("GET", "/api/admin/me", nil).Expect(http.StatusOK) // still super, still logged in

		// With a second active super, stepping down is allowed.
		super.Do("PATCH", other, map[string]any{"disabled": false}).Expect(http.StatusOK)
		var res adminBody
		super.Do("PATCH", self, map[string]any{"role": "operator"}).Expect(http.StatusOK).JSON(&res)
		if res.Admin.Role != adminauth.RoleOperator {
			t.Fatalf("not demoted: %+v", res.Admin)
		}
		// ...and now the other one is the last.
		if _, err := a.Admins.Delete(testkit.Ctx(), audit.Actor{Username: "test"}, otherID); err == nil {
			t.Fatal("the last super admin was deleted")
		}
	})
}

func TestAdminManagementBadInput(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		super := a.AdminClient(t, adminauth.RoleSuper)
		id, taken, _ := a.NewAdmin(t, adminauth.RoleOperator)
		path := fmt.Sprintf("/api/admin/admins/%d", id)
		tests := []struct {
			name, method, path string
			body               any
			status             int
			field, reason      string
		}{
			{"short password", "POST", "/api/admin/admins", map[string]string{"username": "gina", "password": "short", "role": "operator"}, 400, "password", "weak_password"},
			{"unknown role", "POST", "/api/admin/admins", map[string]string{"username": "gina", "password": "ginas-password", "role": "god"}, 400, "role", ""},
			{"missing role", "POST", "/api/admin/admins", map[string]string{"username": "gina", "password": "ginas-password"}, 400, "role", ""},
			{"bad username", "POST", "/api/admin/admins", map[string]string{"username": "g i", "password": "ginas-password", "role": "operator"}, 400, "username", ""},
			{"unknown field", "POST", "/api/admin/admins", `{"username":"gina","password":"ginas-password","role":"operator","admin":true}`, 400, "admin", ""},
			{"malformed JSON", "POST", "/api/admin/admins", `{"username":`, 400, "", "malformed_json"},
			{"duplicate username", "POST", "/api/admin/admins", map[string]string{"username": taken, "password": "ginas-password", "role": "operator"}, 409, "username", "username_taken"},
			{"nothing to change", "PATCH", path, map[string]any{}, 400, "", ""},
			{"unknown role on update", "PATCH", path, map[string]any{"role": "owner"}, 400, "role", ""},
			{"wrong type", "PATCH", path, map[string]any{"disabled": "yes"}, 400, "disabled", ""},
			{"unknown admin", "PATCH", "/api/admin/admins/99999", map[string]any{"disabled": true}, 404, "", ""},
			{"bad id", "DELETE", "/api/admin/admins/abc", nil, 404, "", ""},
			{"short reset password", "POST", path + "/reset-password", map[string]string{"password": "short"}, 400, "password", "weak_password"},
			{"reset unknown admin", "POST", "/api/admin/admins/99999/reset-password", map[string]any{}, 404, "", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res := super.Do(tt.method, tt.path, tt.body).Expect(tt.status)
				e := errorOf(t, res)
				if tt.field != "" && e.Fields[tt.field] == "" {
					t.Errorf("no message for field %q: %s", tt.field, res.Body)
				}
				if tt.reason != "" && e.Reason != tt.reason {
					t.Errorf("reason %q, want %q", e.Reason, tt.reason)
				}
			})
		}
		if _, err := a.Admins.ByUsername(testkit.Ctx(), "gina"); err == nil {
			t.Fatal("a refused request created an admin")
		}
	})
}

func TestListAdminsIsPaginated(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		super := a.AdminClient(t, adminauth.RoleSuper)
		for i := 0; i < 4; i++ {
			a.NewAdmin(t, adminauth.RoleOperator)
		}
		var p struct {
			Items    []map[string]any `json:"items"`
			Page     int              `json:"page"`
			PageSize int              `json:"page_size"`
			Total    int64            `json:"total"`
		}
		super.Do("GET", "/api/admin/admins?page=2&page_size=2", nil).Expect(http.StatusOK).JSON(&p)
		if p.Total != 5 || p.Page != 2 || p.PageSize != 2 || len(p.Items) != 2 {
			t.Fatalf("page: %+v", p)
		}
		for _, it := range p.Items {
			for _, secret := range []string{"password_hash", "PasswordHash", "failed_logins"} {
				if _, ok := it[secret]; ok {
					t.Fatalf("list exposes %s", secret)
				}
			}
		}
		super.Do("GET", "/api/admin/admins?page=x", nil).Expect(http.StatusBadRequest)
	})
}
