package migrations_test

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

var autoincrement = regexp.MustCompile(`(?i)\bAUTOINCREMENT\b`)

// readSQLite reads the schema of an SQLite database from sqlite_master and
// the table-valued pragmas.
func readSQLite(ctx context.Context, db *sql.DB) (dbSchema, error) {
	var names []string
	err := eachRow(ctx, db, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`, nil,
		func(r *sql.Rows) error {
			var n string
			if err := r.Scan(&n); err != nil {
				return err
			}
			if !excludedTable(n) {
				names = append(names, n)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	s := dbSchema{}
	for _, n := range names {
		t, err := readSQLiteTable(ctx, db, n)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", n, err)
		}
		s[n] = t
	}
	// REFERENCES t without columns means t's primary key.
	for _, t := range s {
		for i, fk := range t.ForeignKeys {
			if ref := s[fk.RefTable]; ref != nil && len(fk.RefColumns) > 0 && fk.RefColumns[0] == "" {
				t.ForeignKeys[i].RefColumns = ref.PrimaryKey
			}
		}
	}
	return s, nil
}

func readSQLiteTable(ctx context.Context, db *sql.DB, name string) (*dbTable, error) {
	var createSQL string
	var withoutRowid bool
	if err := db.QueryRowContext(ctx, `SELECT m.sql, l.wr FROM sqlite_master m JOIN pragma_table_list l ON l.name = m.name
		WHERE m.type = 'table' AND m.name = ? AND l.schema = 'main'`, name).Scan(&createSQL, &withoutRowid); err != nil {
		return nil, err
	}
	type col struct {
		dbColumn
		declared string
		pk       int
	}
	var cols []col
	err := eachRow(ctx, db, `SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`, []any{name},
		func(r *sql.Rows) error {
			var c col
			var dflt sql.NullString
			if err := r.Scan(&c.Name, &c.declared, &c.NotNull, &dflt, &c.pk); err != nil {
				return err
			}
			c.Default = dflt.String
			cols = append(cols, c)
			return nil
		})
	if err != nil {
		return nil, err
	}
	t := &dbTable{}
	var pk []col
	for _, c := range cols {
		if c.pk > 0 {
			pk = append(pk, c)
		}
	}
	sort.Slice(pk, func(i, j int) bool { return pk[i].pk < pk[j].pk })
	for _, c := range pk {
		t.PrimaryKey = append(t.PrimaryKey, c.Name)
	}
	// A lone INTEGER PRIMARY KEY of a rowid table is the rowid: never NULL.
	// A WITHOUT ROWID table's key columns are NOT NULL too. Other key
	// columns of rowid tables accept NULL (SQLite's documented legacy
	// quirk), which the facts show as it is.
	rowidAlias := !withoutRowid && len(pk) == 1 && strings.EqualFold(strings.TrimSpace(pk[0].declared), "INTEGER")
	for _, c := range cols {
		kind, err := kindOf(c.declared)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", c.Name, err)
		}
		c.Kind = kind
		c.NotNull = c.NotNull || (c.pk > 0 && (rowidAlias || withoutRowid))
		c.Serial = c.pk > 0 && rowidAlias && autoincrement.MatchString(createSQL)
		c.Default = normalizeDefault(c.Default, kind)
		t.Columns = append(t.Columns, c.dbColumn)
	}
	if t.Indexes, err = readSQLiteIndexes(ctx, db, name); err != nil {
		return nil, err
	}
	if t.ForeignKeys, err = readSQLiteForeignKeys(ctx, db, name); err != nil {
		return nil, err
	}
	return t, nil
}

func readSQLiteIndexes(ctx context.Context, db *sql.DB, table string) ([]dbIndex, error) {
	type row struct {
		dbIndex
		origin string
		sql    sql.NullString
	}
	var rows []row
	err := eachRow(ctx, db, `SELECT l.name, l."unique", l.origin, m.sql FROM pragma_index_list(?) l
		LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name ORDER BY l.name`, []any{table},
		func(r *sql.Rows) error {
			var x row
			if err := r.Scan(&x.Name, &x.Unique, &x.origin, &x.sql); err != nil {
				return err
			}
			rows = append(rows, x)
			return nil
		})
	if err != nil {
		return nil, err
	}
	var out []dbIndex
	for _, x := range rows {
		if x.origin == "pk" { // the primary key is compared as such
			continue
		}
		exprs, where := splitCreateIndex(x.sql.String)
		err := eachRow(ctx, db, `SELECT cid, name, "desc" FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno`, []any{x.Name},
			func(r *sql.Rows) error {
				var cid int
				var name sql.NullString
				var desc bool
				if err := r.Scan(&cid, &name, &desc); err != nil {
					return err
				}
				col := name.String
				if cid == -2 { // an expression: only the CREATE INDEX text has it
					col = "?"
					if n := len(x.Columns); n < len(exprs) {
						col = normalizePredicate(strings.TrimSuffix(strings.TrimSuffix(exprs[n], " DESC"), " ASC"))
					}
				}
				if desc {
					col += " DESC"
				}
				x.Columns = append(x.Columns, col)
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("index %s: %w", x.Name, err)
		}
		if x.origin == "u" {
			x.Name = ""
		}
		x.Where = normalizePredicate(where)
		out = append(out, x.dbIndex)
	}
	return out, nil
}

// splitCreateIndex returns the indexed terms and the WHERE predicate of a
// CREATE INDEX statement ("" for the automatic index of a UNIQUE constraint).
func splitCreateIndex(stmt string) (terms []string, where string) {
	open, close := parenSpan(stmt)
	if open < 0 {
		return nil, ""
	}
	for _, term := range splitTopLevel(stmt[open+1:close], ',') {
		terms = append(terms, collapseSpace(term))
	}
	rest := strings.TrimSpace(stmt[close+1:])
	if len(rest) >= 5 && strings.EqualFold(rest[:5], "WHERE") {
		where = rest[5:]
	}
	return terms, where
}

func readSQLiteForeignKeys(ctx context.Context, db *sql.DB, table string) ([]dbForeignKey, error) {
	var out []dbForeignKey
	last := -1
	err := eachRow(ctx, db, `SELECT id, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`,
		[]any{table}, func(r *sql.Rows) error {
			var id int
			var ref, from, onUpdate, onDelete string
			var to sql.NullString
			if err := r.Scan(&id, &ref, &from, &to, &onUpdate, &onDelete); err != nil {
				return err
			}
			if id != last {
				out = append(out, dbForeignKey{RefTable: ref, OnUpdate: fkAction(onUpdate), OnDelete: fkAction(onDelete)})
				last = id
			}
			fk := &out[len(out)-1]
			fk.Columns = append(fk.Columns, from)
			fk.RefColumns = append(fk.RefColumns, to.String) // "" means the referenced table's primary key
			return nil
		})
	return out, err
}
