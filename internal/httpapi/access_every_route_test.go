package httpapi_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

var pathParam = regexp.MustCompile(`[:*][a-z_]+`)

// Every route is walked with callers who must be turned away: nobody, a
// shopper on admin routes, an operator on super-admin routes, and a
// shopper who is not a distributor on distributor routes. The expected
// guard comes from the route's documented auth, and every admin and
// distributor route must document one, so a new route cannot slip
// through unguarded.
func TestEveryRouteTurnsAwayCallersWithoutTheRightRole(t *testing.T) {
	t.Parallel()
	a := testkit.NewApp(t, testkit.FreshDatabaseURL(t, "sqlite"))
	auth := a.HTTP.DocumentedAuth()
	anonymous := a.Client()
	shopperID, _ := a.OrderShopper(t)
	shopper := a.SessionClient(session.KindShop, shopperID)
	operator := a.AdminClient(t, adminauth.RoleOperator)

	for _, r := range a.HTTP.Routes() {
		key := r.Method + " " + r.Path
		path := pathParam.ReplaceAllString(r.Path, "1")
		var body any
		if r.Method != http.MethodGet && r.Method != http.MethodDelete {
			body = map[string]any{}
		}
		want := auth[key]
		isAdmin := strings.HasPrefix(r.Path, "/api/admin/") && r.Path != "/api/admin/login"
		isDistributor := strings.HasPrefix(r.Path, "/api/shop/distributor/") && !strings.HasPrefix(r.Path, "/api/shop/distributor/appl")
		check := func(who string, res *testkit.Response, status int, reason string) {
			if res.Status != status || reason != "" && res.ErrorReason() != reason {
				t.Errorf("%s as %s: status %d (%s), want %d %s", key, who, res.Status, res.Body, status, reason)
			}
		}
		switch {
		case isAdmin && want != "admin" && want != "super_admin":
			t.Errorf("admin route %s documented with auth %q", key, want)
		case isDistributor && want != "shopper":
			t.Errorf("distributor route %s documented with auth %q", key, want)
		case want == "":
			t.Errorf("route %s has no documented auth", key)
		}
		if want == "shopper" || want == "admin" || want == "super_admin" {
			check("nobody", anonymous.Do(r.Method, path, body), http.StatusUnauthorized, "")
		}
		if want == "admin" || want == "super_admin" {
			check("a shopper", shopper.Do(r.Method, path, body), http.StatusUnauthorized, "")
		}
		if want == "super_admin" {
			check("an operator", operator.Do(r.Method, path, body), http.StatusForbidden, "")
		}
		if isDistributor {
			check("a non-distributor", shopper.Do(r.Method, path, body), http.StatusForbidden, "not_a_distributor")
		}
	}
}
