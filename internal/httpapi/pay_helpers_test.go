package httpapi_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func readBody(t *testing.T, r *http.Request) string {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// httptestRequest is a POST of body to url with header's values.
func httptestRequest(t *testing.T, url string, header http.Header, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = header.Clone()
	return req
}
