package database_test

import (
	"errors"
	"testing"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

func TestCheckBatch(t *testing.T) {
	t.Parallel()
	errBad := errors.New("bad row")
	check := func(s string) error {
		if s == "" {
			return errBad
		}
		return nil
	}
	key := func(s string) string { return s }
	for _, tc := range []struct {
		name    string
		rows    []string
		wantErr error
		dupe    bool
	}{
		{name: "none", rows: nil},
		{name: "distinct", rows: []string{"a", "b", "c"}},
		{name: "bad row", rows: []string{"a", ""}, wantErr: errBad},
		{name: "bad row before the dupe", rows: []string{"a", "", "a"}, wantErr: errBad},
		{name: "dupe", rows: []string{"a", "b", "a"}, dupe: true},
	} {
		err := database.CheckBatch(tc.rows, "rows", key, check)
		switch {
		case tc.dupe:
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.CodeInvalid || e.Fields["key"] != "two rows of one call share the key a" {
				t.Errorf("%s: %v, want invalid on key", tc.name, err)
			}
		case !errors.Is(err, tc.wantErr):
			t.Errorf("%s: %v, want %v", tc.name, err, tc.wantErr)
		}
	}
}
