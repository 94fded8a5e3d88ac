package database_test

import (
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/testkit"
)

type widget struct {
	ID   int64
	Name string
}

func TestTakeAndTakeOrNil(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		g := openWith(t, dbURL, "CREATE TABLE widgets (id BIGINT PRIMARY KEY, name VARCHAR(32) NOT NULL)",
			"INSERT INTO widgets (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'b')")
		errNone := apperr.NotFound("no such widget")
		cases := []struct {
			name     string
			query    func() *gorm.DB
			wantID   int64  // 0: no row
			wantText string // "": no database error
		}{
			{name: "found", query: func() *gorm.DB { return g.Where("name = ?", "a") }, wantID: 1},
			{name: "first in the given order", query: func() *gorm.DB { return g.Where("name = ?", "b").Order("id DESC") }, wantID: 3},
			{name: "absent", query: func() *gorm.DB { return g.Where("id = ?", 99) }},
			{name: "database error is wrapped", query: func() *gorm.DB { return g.Table("no_such_table").Where("id = ?", 1) },
				wantText: "load widget 1: "},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				w, err := database.Take[widget](tc.query(), errNone, "load widget %d", 1)
				check(t, "Take", w, err, tc.wantID, tc.wantText, errNone)
				w, err = database.TakeOrNil[widget](tc.query(), "load widget %d", 1)
				check(t, "TakeOrNil", w, err, tc.wantID, tc.wantText, nil)
			})
		}
	})
}

// check compares one result; absentErr is what an absent row must give.
func check(t *testing.T, fn string, w *widget, err error, wantID int64, wantText string, absentErr error) {
	t.Helper()
	switch {
	case wantText != "":
		if err == nil || !strings.HasPrefix(err.Error(), wantText) || apperr.Is(err, apperr.CodeNotFound) || w != nil {
			t.Fatalf("%s: got %v, %v; want an error starting %q", fn, w, err, wantText)
		}
	case wantID == 0:
		if w != nil || !errors.Is(err, absentErr) || (absentErr == nil && err != nil) {
			t.Fatalf("%s: got %v, %v; want nil, %v", fn, w, err, absentErr)
		}
	default:
		if err != nil || w == nil || w.ID != wantID {
			t.Fatalf("%s: got %+v, %v; want widget %d", fn, w, err, wantID)
		}
	}
}

func TestAffected(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		g := openWith(t, dbURL, "CREATE TABLE widgets (id BIGINT PRIMARY KEY, name VARCHAR(32) NOT NULL)",
			"INSERT INTO widgets (id, name) VALUES (1, 'a')")
		errNone := apperr.NotFound("no such widget")
		touch := func(table string, id int64) error {
			res := g.Exec("UPDATE "+table+" SET name = name WHERE id = ?", id)
			return database.Affected(res, errNone, "touch widget %d", id)
		}
		if err := touch("widgets", 1); err != nil {
			t.Fatalf("existing row: %v", err)
		}
		if err := touch("widgets", 99); !errors.Is(err, errNone) {
			t.Fatalf("absent row: %v, want %v", err, errNone)
		}
		err := touch("no_such_table", 1)
		if err == nil || !strings.HasPrefix(err.Error(), "touch widget 1: ") || apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("database error: %v, want it wrapped", err)
		}
	})
}
