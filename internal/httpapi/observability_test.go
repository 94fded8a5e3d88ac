package httpapi_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"fenxiao/internal/testkit"
)

// Every request is logged as one JSON line carrying the same request id the
// client got in X-Request-Id, and its latency lands in the per-route
// histogram under the route pattern (not the raw path).
func TestRequestIDsInLogsAndLatencyByRoute(t *testing.T) {
	t.Parallel()
	var logs testkit.LogBuffer
	a := testkit.NewAppLogged(t, testkit.FreshDatabaseURL(t, "sqlite"), &logs)
	c := a.Client()
	res := c.Do("GET", "/api/shop/products/424242", nil).Expect(http.StatusNotFound)
	id := res.Header.Get("X-Request-Id")
	if len(id) < 8 {
		t.Fatalf("request id %q", id)
	}
	var found bool
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %s", line)
		}
		if rec["msg"] == "http request" && rec["request_id"] == id {
			found = rec["route"] == "/api/shop/products/:id" && rec["status"] == float64(404)
		}
	}
	if !found {
		t.Fatalf("no access log line for request %s:\n%s", id, logs.String())
	}
	// A caller-supplied id is kept so logs can be joined across services.
	req, _ := http.NewRequest("GET", c.URL()+"/healthz", nil)
	req.Header.Set("X-Request-Id", "edge-abc-123")
	if got := c.Send(req).Header.Get("X-Request-Id"); got != "edge-abc-123" {
		t.Fatalf("incoming request id not kept: %q", got)
	}

	metrics := string(c.Do("GET", "/metrics", nil).Expect(http.StatusOK).Body)
	for _, want := range []string{
		`fenxiao_http_request_duration_seconds_count{method="GET",route="/api/shop/products/:id",status="404"} 1`,
		`fenxiao_orders{state="paid"}`,
		`fenxiao_payments{state="paid"}`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// An internal error is logged through the server's own JSON logger (its
// level and sink), with the request id the client was given, never as
// plain text outside it.
func TestInternalErrorsAreLoggedAsJSONWithTheRequestID(t *testing.T) {
	t.Parallel()
	var logs testkit.LogBuffer
	a := testkit.NewAppLogged(t, testkit.FreshDatabaseURL(t, "sqlite"), &logs)
	// The catalogue's table disappears: the next read fails inside the
	// database, which is an internal error.
	if err := a.DB.Gorm.Exec("ALTER TABLE products RENAME TO products_gone").Error; err != nil {
		t.Fatal(err)
	}
	res := a.Client().Do("GET", "/api/shop/products", nil).Expect(http.StatusInternalServerError)
	id := res.Header.Get("X-Request-Id")
	if !strings.Contains(string(res.Body), `"code":"internal"`) || strings.Contains(string(res.Body), "products") {
		t.Fatalf("body %s", res.Body)
	}
	var found bool
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %s", line)
		}
		if rec["msg"] == "internal error" && rec["request_id"] == id && rec["level"] == "ERROR" {
			found = strings.Contains(rec["err"].(string), "products") && rec["route"] == "/api/shop/products"
		}
	}
	if !found {
		t.Fatalf("no JSON internal-error line for request %s in the server's log:\n%s", id, logs.String())
	}
}
