package httpapi_test

import (
	"testing"

	"fenxiao/internal/testkit"
)

// apiError is the error envelope's inner object.
type apiError struct {
	Code       string            `json:"code"`
	Reason     string            `json:"reason"`
	Message    string            `json:"message"`
	Fields     map[string]string `json:"fields"`
	RetryAfter int               `json:"retry_after"`
}

func errorOf(t *testing.T, r *testkit.Response) apiError {
	t.Helper()
	var e struct {
		Error apiError `json:"error"`
	}
	r.JSON(&e)
	return e.Error
}

// expectError asserts an error response's status, code and (when given)
// reason, and returns the error.
func expectError(t *testing.T, r *testkit.Response, status int, code, reason string) apiError {
	t.Helper()
	r.Expect(status)
	e := errorOf(t, r)
	if e.Code != code || (reason != "" && e.Reason != reason) {
		t.Fatalf("error %s/%s, want %s/%s: %s", e.Code, e.Reason, code, reason, r.Body)
	}
	return e
}
