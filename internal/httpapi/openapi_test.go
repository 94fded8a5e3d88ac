package httpapi_test

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"

	"fenxiao/internal/testkit"
)

// Every registered route must be documented, and nothing documented may be
// missing from the router.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	t.Parallel()
	a := testkit.NewApp(t, testkit.FreshDatabaseURL(t, "sqlite"))
	registered := map[string]bool{}
	for _, r := range a.HTTP.Routes() {
		registered[r.Method+" "+r.Path] = true
	}
	documented := map[string]bool{}
	for _, r := range a.HTTP.DocumentedRoutes() {
		if documented[r] {
			t.Errorf("documented twice: %s", r)
		}
		documented[r] = true
	}
	var missing, stale []string
	for r := range registered {
		if !documented[r] {
			missing = append(missing, r)
		}
	}
	for r := range documented {
		if !registered[r] {
			stale = append(stale, r)
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	if len(missing) > 0 {
		t.Errorf("routes without OpenAPI docs:\n  %s", strings.Join(missing, "\n  "))
	}
	if len(stale) > 0 {
		t.Errorf("documented routes that do not exist:\n  %s", strings.Join(stale, "\n  "))
	}

	res := a.Client().Do("GET", "/api/openapi.json", nil).Expect(http.StatusOK)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(res.Body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.0.3" || len(doc.Paths) == 0 {
		t.Fatalf("bad document: %s", res.Body[:min(200, len(res.Body))])
	}
	if _, ok := doc.Paths["/api/admin/audit-log"]["get"]; !ok {
		t.Fatal("audit log path missing from the served document")
	}
}
