package migrations_test

import (
	"strings"
	"testing"
)

func TestNormalizePredicate(t *testing.T) {
	t.Parallel()
	cases := []struct{ sqlite, postgres, want string }{
		{"is_default AND deleted_at IS NULL", "(is_default AND (deleted_at IS NULL))", "IS_DEFAULT AND DELETED_AT IS NULL"},
		{"status = 'pending'", "((status)::text = 'pending'::text)", "STATUS = 'pending'"},
		{"pending = 1", "(pending = 1)", "PENDING = 1"},
		{"kind = 'a(b)'  and\n x", "((kind)::character varying = 'a(b)'::character varying) AND x", "KIND = 'a(b)' AND X"},
	}
	for _, c := range cases {
		for _, in := range []string{c.sqlite, c.postgres} {
			if got := normalizePredicate(in); got != c.want {
				t.Errorf("normalizePredicate(%q) = %q, want %q", in, got, c.want)
			}
		}
	}
}

func TestNormalizeDefault(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, kind, want string }{
		{"''", "text", "''"},
		{"''::character varying", "text", "''"},
		{"'[]'::text", "text", "'[]'"},
		{"'-1'::integer", "int", "-1"},
		{"-1", "int", "-1"},
		{"FALSE", "boolean", "false"},
		{"0", "boolean", "false"},
		{"true", "boolean", "true"},
		{"NULL", "int", ""},
		{"(0)", "int", "0"},
		{"'it''s'::text", "text", "'it''s'"},
		{"0", "int", "0"},
	}
	for _, c := range cases {
		if got := normalizeDefault(c.in, c.kind); got != c.want {
			t.Errorf("normalizeDefault(%q, %s) = %q, want %q", c.in, c.kind, got, c.want)
		}
	}
}

func TestKindOf(t *testing.T) {
	t.Parallel()
	cases := []struct{ declared, want string }{
		{"INTEGER", "int"}, {"int8", "int"}, {"SMALLINT", "int"},
		{"VARCHAR(64)", "text"}, {"varchar", "text"}, {"TEXT", "text"},
		{"DATETIME", "timestamp"}, {"timestamptz", "timestamp"},
		{"BOOLEAN", "boolean"}, {"bool", "boolean"},
		{"BLOB", "blob"}, {"bytea", "blob"}, {"jsonb", "json"},
		{"_text", ""}, {"", ""}, // arrays and untyped SQLite columns have no kind
	}
	for _, c := range cases {
		got, err := kindOf(c.declared)
		if got != c.want || (err != nil) != (c.want == "") {
			t.Errorf("kindOf(%q) = %q, %v; want %q", c.declared, got, err, c.want)
		}
	}
}

func TestSplitCreateIndex(t *testing.T) {
	t.Parallel()
	terms, where := splitCreateIndex("CREATE UNIQUE INDEX x ON t (a, lower(b) DESC) where  c = 'x'")
	if strings.Join(terms, "|") != "a|lower(b) DESC" || strings.TrimSpace(where) != "c = 'x'" {
		t.Errorf("splitCreateIndex = %q, %q", terms, where)
	}
}
