package httpapi_test

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fenxiao/internal/httpapi"
	"fenxiao/internal/platform/apperr"
)

// Every error code the API can return answers a real, non-500 status,
// except the internal one: a code the mapping does not know would answer
// 500 (the 405 defect: "method_not_allowed" was written as a bare string).
func TestEveryErrorCodeMapsToItsOwnStatus(t *testing.T) {
	t.Parallel()
	seen := map[int]apperr.Code{}
	for _, code := range apperr.Codes() {
		status := httpapi.StatusOf(code)
		switch {
		case code == apperr.CodeInternal && status != http.StatusInternalServerError:
			t.Errorf("%s answers %d, want 500", code, status)
		case code == apperr.CodeUnavailable && status != http.StatusServiceUnavailable:
			t.Errorf("%s answers %d, want 503", code, status)
		case code != apperr.CodeInternal && code != apperr.CodeUnavailable && (status < 400 || status >= 500):
			t.Errorf("%s answers %d, want a 4xx status", code, status)
		}
		if other, dup := seen[status]; dup {
			t.Errorf("%s and %s share status %d", code, other, status)
		}
		seen[status] = code
	}
	if httpapi.StatusOf("no_such_code") != http.StatusInternalServerError {
		t.Error("an unknown code must stay visible as 500")
	}
}

// Codes are only ever apperr's constants: a code spelled as a string (or
// converted from one) elsewhere could be one the mapping does not know.
func TestErrorCodesAreNeverSpelledOutsideApperr(t *testing.T) {
	t.Parallel()
	bare := regexp.MustCompile(`apperr\.Error\{[^}]*Code:\s*"|apperr\.Code\(`)
	root := filepath.Join("..")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if loc := bare.FindIndex(src); loc != nil {
			line := 1 + strings.Count(string(src[:loc[0]]), "\n")
			t.Errorf("%s:%d: an error code outside apperr's constants", path, line)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
