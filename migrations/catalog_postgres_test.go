package migrations_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// readPostgres reads the schema of the connection's current schema (the
// first of its search_path, which testkit points at a fresh schema) from
// pg_catalog.
func readPostgres(ctx context.Context, db *sql.DB) (dbSchema, error) {
	type rel struct {
		oid  uint32
		name string
	}
	var rels []rel
	err := eachRow(ctx, db, `SELECT c.oid, c.relname FROM pg_class c
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`, nil,
		func(r *sql.Rows) error {
			var x rel
			if err := r.Scan(&x.oid, &x.name); err != nil {
				return err
			}
			if !excludedTable(x.name) {
				rels = append(rels, x)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	s := dbSchema{}
	for _, x := range rels {
		t := &dbTable{}
		if t.Columns, err = readPostgresColumns(ctx, db, x.oid); err == nil {
			if t.PrimaryKey, err = readPostgresPrimaryKey(ctx, db, x.oid); err == nil {
				if t.Indexes, err = readPostgresIndexes(ctx, db, x.oid); err == nil {
					t.ForeignKeys, err = readPostgresForeignKeys(ctx, db, x.oid)
				}
			}
		}
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", x.name, err)
		}
		s[x.name] = t
	}
	return s, nil
}

func readPostgresColumns(ctx context.Context, db *sql.DB, rel uint32) ([]dbColumn, error) {
	var cols []dbColumn
	err := eachRow(ctx, db, `SELECT a.attname, t.typname, a.attnotnull, COALESCE(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity <> ''
		FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
		LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`, []any{rel},
		func(r *sql.Rows) error {
			var c dbColumn
			var typ string
			if err := r.Scan(&c.Name, &typ, &c.NotNull, &c.Default, &c.Serial); err != nil {
				return err
			}
			kind, err := kindOf(typ)
			if err != nil {
				return fmt.Errorf("column %s: %w", c.Name, err)
			}
			c.Kind = kind
			if strings.HasPrefix(c.Default, "nextval(") { // BIGSERIAL: the sequence is the numbering
				c.Serial, c.Default = true, ""
			}
			c.Default = normalizeDefault(c.Default, kind)
			cols = append(cols, c)
			return nil
		})
	return cols, err
}

func readPostgresPrimaryKey(ctx context.Context, db *sql.DB, rel uint32) ([]string, error) {
	var pk []string
	err := eachRow(ctx, db, `SELECT a.attname FROM pg_constraint con
		CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
		JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
		WHERE con.conrelid = $1 AND con.contype = 'p' ORDER BY k.ord`, []any{rel},
		func(r *sql.Rows) error {
			var n string
			err := r.Scan(&n)
			pk = append(pk, n)
			return err
		})
	return pk, err
}

func readPostgresIndexes(ctx context.Context, db *sql.DB, rel uint32) ([]dbIndex, error) {
	var out []dbIndex
	err := eachRow(ctx, db, `SELECT i.relname, x.indisunique, COALESCE(pg_get_expr(x.indpred, x.indrelid), ''), am.amname,
			COALESCE(con.contype, ''),
			(SELECT string_agg(pg_get_indexdef(x.indexrelid, k, true) ||
				CASE WHEN k > x.indnkeyatts THEN ' INCLUDED' WHEN x.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END,
				chr(31) ORDER BY k) FROM generate_series(1, x.indnatts) k)
		FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
		LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x')
		WHERE x.indrelid = $1 AND NOT x.indisprimary ORDER BY i.relname`, []any{rel},
		func(r *sql.Rows) error {
			var ix dbIndex
			var contype string
			var cols string // joined by chr(31), which no expression contains
			if err := r.Scan(&ix.Name, &ix.Unique, &ix.Where, &ix.Method, &contype, &cols); err != nil {
				return err
			}
			for _, c := range strings.Split(cols, "\x1f") {
				switch {
				case strings.HasSuffix(c, " INCLUDED"):
					c = "INCLUDE " + strings.TrimSuffix(c, " INCLUDED")
				case !isIdentifier(strings.TrimSuffix(c, " DESC")): // an expression
					c = normalizePredicate(c)
				}
				ix.Columns = append(ix.Columns, c)
			}
			if contype == "u" { // SQLite keeps no name for a UNIQUE constraint's index
				ix.Name = ""
			}
			if ix.Method == "btree" {
				ix.Method = ""
			}
			ix.Where = normalizePredicate(ix.Where)
			out = append(out, ix)
			return nil
		})
	return out, err
}

func isIdentifier(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

var pgActions = map[string]string{"a": "", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

func readPostgresForeignKeys(ctx context.Context, db *sql.DB, rel uint32) ([]dbForeignKey, error) {
	var out []dbForeignKey
	last := ""
	err := eachRow(ctx, db, `SELECT con.conname, ref.relname, con.confupdtype, con.confdeltype, a.attname, ra.attname
		FROM pg_constraint con JOIN pg_class ref ON ref.oid = con.confrelid
		CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, refnum, ord)
		JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
		JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = k.refnum
		WHERE con.conrelid = $1 AND con.contype = 'f' ORDER BY con.conname, k.ord`, []any{rel},
		func(r *sql.Rows) error {
			var name, ref, onUpdate, onDelete, col, refCol string
			if err := r.Scan(&name, &ref, &onUpdate, &onDelete, &col, &refCol); err != nil {
				return err
			}
			if name != last {
				out = append(out, dbForeignKey{RefTable: ref, OnUpdate: pgActions[onUpdate], OnDelete: pgActions[onDelete]})
				last = name
			}
			fk := &out[len(out)-1]
			fk.Columns = append(fk.Columns, col)
			fk.RefColumns = append(fk.RefColumns, refCol)
			return nil
		})
	return out, err
}
