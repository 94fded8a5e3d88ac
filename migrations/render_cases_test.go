package migrations_test

import "testing"

func TestFormatCreateTable(t *testing.T) {
	t.Parallel()
	in := `CREATE TABLE "t" (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    note TEXT NOT NULL DEFAULT 'a, b',
    CHECK (id > 0 AND note <> '(')
, added_col   INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID`
	want := `CREATE TABLE t (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    note      TEXT NOT NULL DEFAULT 'a, b',
    CHECK (id > 0 AND note <> '('),
    added_col INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
`
	if got := formatCreateTable(in); got != want {
		t.Errorf("formatCreateTable:\n%s\nwant:\n%s", got, want)
	}
}
