package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
)

func TestSPAHandler(t *testing.T) {
	t.Parallel()
	h := NewHandler(
		fstest.MapFS{"index.html": {Data: []byte("h5 index")}, "assets/app-abc123.js": {Data: []byte("js")}, "favicon.ico": {Data: []byte("ico")}},
		fstest.MapFS{"index.html": {Data: []byte("admin index")}, "assets/admin-9f8e.css": {Data: []byte("css")}},
	)
	tests := []struct {
		path, wantBody, wantCache string
		wantStatus                int
	}{
		{"/", "h5 index", "no-cache", 200},
		{"/orders/42", "h5 index", "no-cache", 200},
		{"/assets/app-abc123.js", "js", "public, max-age=31536000, immutable", 200},
		{"/favicon.ico", "ico", "no-cache", 200},
		{"/admin", "admin index", "no-cache", 200},
		{"/admin/products/3", "admin index", "no-cache", 200},
		{"/admin/assets/admin-9f8e.css", "css", "public, max-age=31536000, immutable", 200},
		{"/assets/missing.js", "", "", 404},
		{"/../../etc/passwd", "h5 index", "no-cache", 200},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if rec.Code != tt.wantStatus {
			t.Errorf("%s: status %d, want %d", tt.path, rec.Code, tt.wantStatus)
			continue
		}
		if tt.wantStatus == 200 && (rec.Body.String() != tt.wantBody || rec.Header().Get("Cache-Control") != tt.wantCache) {
			t.Errorf("%s: body %q cache %q", tt.path, rec.Body.String(), rec.Header().Get("Cache-Control"))
		}
	}
}
