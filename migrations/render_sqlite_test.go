package migrations_test

import (
	"context"
	"database/sql"
	"regexp"
	"sort"
	"strings"
)

// renderSQLite writes every object of an SQLite database as the CREATE
// statement sqlite_master keeps for it (after ALTERs, as SQLite rewrote
// it), laid out one way: tables in name order, each followed by its
// indexes (and triggers) in name order; a table's columns and constraints
// one per line, column names aligned. Automatic indexes of PRIMARY KEY and
// UNIQUE constraints have no statement: the constraint shows them.
func renderSQLite(ctx context.Context, db *sql.DB) (string, error) {
	type object struct{ typ, name, table, sql string }
	var objs []object
	err := eachRow(ctx, db, `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL`, nil,
		func(r *sql.Rows) error {
			var o object
			if err := r.Scan(&o.typ, &o.name, &o.table, &o.sql); err != nil {
				return err
			}
			if !excludedTable(o.table) {
				objs = append(objs, o)
			}
			return nil
		})
	if err != nil {
		return "", err
	}
	rank := func(o object) int { // a table (or view) before what hangs off it
		if o.typ == "table" || o.typ == "view" {
			return 0
		}
		return 1
	}
	sort.Slice(objs, func(i, j int) bool {
		a, b := objs[i], objs[j]
		if a.table != b.table {
			return a.table < b.table
		}
		if rank(a) != rank(b) {
			return rank(a) < rank(b)
		}
		return a.typ+" "+a.name < b.typ+" "+b.name
	})
	var b strings.Builder
	for i, o := range objs {
		if i > 0 && rank(o) == 0 {
			b.WriteString("\n")
		}
		if o.typ == "table" {
			b.WriteString(formatCreateTable(o.sql))
		} else {
			b.WriteString(collapseSpace(o.sql) + ";\n")
		}
	}
	return b.String(), nil
}

// tableConstraint tells a table constraint from a column definition by its
// first word.
var tableConstraint = map[string]bool{"CONSTRAINT": true, "PRIMARY": true, "UNIQUE": true, "CHECK": true, "FOREIGN": true}

var plainQuoted = regexp.MustCompile(`"([a-z_][a-z0-9_]*)"`)

// formatCreateTable lays out CREATE TABLE name (item, ...) tail with one
// item a line and the column names padded to one width.
func formatCreateTable(stmt string) string {
	open, close := parenSpan(stmt)
	if open < 0 {
		return collapseSpace(stmt) + ";\n"
	}
	var items [][2]string // column name (or "" for a constraint), rest
	width := 0
	for _, item := range splitTopLevel(stmt[open+1:close], ',') {
		item = collapseSpace(item)
		name, rest, _ := strings.Cut(item, " ")
		if tableConstraint[strings.ToUpper(name)] {
			items = append(items, [2]string{"", item})
			continue
		}
		items = append(items, [2]string{name, rest})
		width = max(width, len(name))
	}
	// A renamed table's statement names it in quotes (SQLite's rewrite).
	head := plainQuoted.ReplaceAllString(collapseSpace(stmt[:open]), "$1")
	return createTable(head, items, width, collapseSpace(stmt[close+1:]))
}

// createTable writes head (\n    items,\n) tail;\n — shared by both
// dialects' renderers so the two files read alike.
func createTable(head string, items [][2]string, width int, tail string) string {
	var b strings.Builder
	b.WriteString(head + " (\n")
	for i, it := range items {
		b.WriteString("    ")
		if it[0] == "" {
			b.WriteString(it[1])
		} else {
			b.WriteString(strings.TrimRight(it[0]+strings.Repeat(" ", width-len(it[0])+1)+it[1], " "))
		}
		if i < len(items)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(")")
	if tail != "" {
		b.WriteString(" " + tail)
	}
	b.WriteString(";\n")
	return b.String()
}
