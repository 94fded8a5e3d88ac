package httpapi

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"fenxiao/web"
)

func TestWebAppsAndAPIFallbacks(t *testing.T) {
	t.Parallel()
	s := New(Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Web: web.NewHandler(fstest.MapFS{"index.html": {Data: []byte("h5")}}, fstest.MapFS{"index.html": {Data: []byte("admin")}})})
	tests := []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/", 200, "h5"},
		{"GET", "/orders/12", 200, "h5"},
		{"GET", "/admin/orders", 200, "admin"},
		{"GET", "/api/shop/nothing-here", 404, `"code":"not_found"`},
		{"POST", "/some/page", 404, `"code":"not_found"`},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("%s %s: %d %q, want %d %q", tt.method, tt.path, rec.Code, rec.Body.String(), tt.status, tt.body)
		}
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != 200 {
		t.Fatalf("healthz %d", rec.Code)
	}
}

// A known path asked with another method answers 405 method_not_allowed
// with the Allow header (it answered 500 once); so does a CORS preflight,
// since the API is same-origin only.
func TestWrongMethodAnswers405WithAllow(t *testing.T) {
	t.Parallel()
	s := New(Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	tests := []struct{ method, path, allow string }{
		{http.MethodDelete, "/api/shop/products", "GET"},
		{http.MethodPut, "/api/shop/orders", "GET, POST"},
		{http.MethodOptions, "/api/shop/orders", "GET, POST"},
		{http.MethodGet, "/api/pay/notify/alipay", "POST"},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
		if rec.Code != http.StatusMethodNotAllowed || !strings.Contains(rec.Body.String(), `"code":"method_not_allowed"`) {
			t.Errorf("%s %s: %d %s", tt.method, tt.path, rec.Code, rec.Body.String())
		}
		if got := sortedAllow(rec.Header().Get("Allow")); got != tt.allow {
			t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.path, got, tt.allow)
		}
	}
}

func sortedAllow(h string) string {
	methods := strings.Split(h, ", ")
	sort.Strings(methods)
	return strings.Join(methods, ", ")
}
