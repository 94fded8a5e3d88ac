package migrations_test

import (
	"fmt"
	"sort"
	"strings"
)

// dbSchema is a dialect-neutral picture of a migrated database, read from
// each dialect's catalog (catalog_sqlite_test.go, catalog_postgres_test.go)
// so that the two can be compared fact by fact.
type dbSchema map[string]*dbTable

type dbTable struct {
	Columns     []dbColumn // in the table's column order
	PrimaryKey  []string
	Indexes     []dbIndex // all but the primary key's, unique constraints' included
	ForeignKeys []dbForeignKey
}

type dbColumn struct {
	Name    string
	Kind    string // see kinds
	NotNull bool
	Default string // normalizeDefault's form; "" when none
	Serial  bool   // numbered by the database: BIGSERIAL, or AUTOINCREMENT on SQLite
}

type dbIndex struct {
	Name    string   // "" for an inline UNIQUE constraint's (SQLite does not keep its name)
	Columns []string // "col", "col DESC", "INCLUDE col"; an expression in normalizePredicate's form
	Unique  bool
	Where   string // normalizePredicate's form; "" for a full index
	Method  string // "" for btree, the only kind SQLite has
}

type dbForeignKey struct {
	Columns    []string
	RefTable   string
	RefColumns []string
	OnUpdate   string // "" for NO ACTION, the default
	OnDelete   string
}

// kinds maps each dialect's declared column types to the few kinds the
// parity test compares: SQLite's as written in migrations/sqlite (lower
// case, without a length), PostgreSQL's as pg_type.typname.
//
//   - Integer widths are one kind: SQLite keeps every integer in up to 8
//     bytes whatever the declaration, so INTEGER there and BIGINT or
//     SMALLINT on PostgreSQL hold the same values for our columns.
//   - VARCHAR(n) and TEXT are one kind: SQLite does not enforce a length.
//   - DATETIME and TIMESTAMPTZ are one kind: SQLite has no time type, and
//     every stored time is UTC (database.Now) on both.
//
// A type not listed fails the readers, so a new one is mapped on purpose.
var kinds = map[string]string{
	"integer": "int", "int": "int", "bigint": "int", "smallint": "int",
	"int2": "int", "int4": "int", "int8": "int",
	"varchar": "text", "text": "text", "character varying": "text",
	"char": "text", "character": "text", "bpchar": "text",
	"boolean": "boolean", "bool": "boolean",
	"datetime": "timestamp", "timestamp": "timestamp", "timestamptz": "timestamp",
	"date": "date",
	"blob": "blob", "bytea": "blob",
	"real": "real", "double": "real", "double precision": "real", "float": "real",
	"float4": "real", "float8": "real",
	"numeric": "numeric", "decimal": "numeric",
	"json": "json", "jsonb": "json",
}

// kindOf is the kind of a declared type such as "VARCHAR(64)" or "int8".
func kindOf(declared string) (string, error) {
	t := strings.ToLower(strings.TrimSpace(declared))
	if i := strings.IndexByte(t, '('); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	if k, ok := kinds[t]; ok {
		return k, nil
	}
	return "", fmt.Errorf("declared type %q has no kind: add it to kinds in migrations/model_test.go", declared)
}

// facts flattens a schema into "what" -> "how" pairs, e.g.
// "column orders.paid_at" -> "timestamp NULL". Two schemas are at parity
// when their facts are equal. Column order is not a fact: every query
// names its columns, and SQLite can only rebuild a table where PostgreSQL
// appends a column (migration 0021's shard).
func (s dbSchema) facts() map[string]string {
	f := map[string]string{}
	for name, t := range s {
		f["table "+name] = "present"
		for _, c := range t.Columns {
			f["column "+name+"."+c.Name] = c.describe()
		}
		if len(t.PrimaryKey) > 0 {
			f["primary key "+name] = "(" + strings.Join(t.PrimaryKey, ", ") + ")"
		}
		for _, ix := range t.Indexes {
			key := "index " + name + "." + ix.Name
			if ix.Name == "" {
				key = "unique constraint " + name + "(" + strings.Join(ix.Columns, ", ") + ")"
			}
			f[key] = ix.describe()
		}
		for _, fk := range t.ForeignKeys {
			f["foreign key "+name+"("+strings.Join(fk.Columns, ", ")+")"] = fk.describe()
		}
	}
	return f
}

func (c dbColumn) describe() string {
	d := c.Kind
	if c.NotNull {
		d += " NOT NULL"
	} else {
		d += " NULL"
	}
	if c.Default != "" {
		d += " DEFAULT " + c.Default
	}
	if c.Serial {
		d += " SERIAL"
	}
	return d
}

func (ix dbIndex) describe() string {
	var d string
	if ix.Unique {
		d = "UNIQUE "
	}
	if ix.Method != "" {
		d += "USING " + ix.Method + " "
	}
	d += "(" + strings.Join(ix.Columns, ", ") + ")"
	if ix.Where != "" {
		d += " WHERE " + ix.Where
	}
	return d
}

func (fk dbForeignKey) describe() string {
	d := "REFERENCES " + fk.RefTable + "(" + strings.Join(fk.RefColumns, ", ") + ")"
	if fk.OnUpdate != "" {
		d += " ON UPDATE " + fk.OnUpdate
	}
	if fk.OnDelete != "" {
		d += " ON DELETE " + fk.OnDelete
	}
	return d
}

// fkAction is "" for NO ACTION (the default) and the action's SQL otherwise.
func fkAction(a string) string {
	if a = strings.ToUpper(a); a == "NO ACTION" {
		return ""
	}
	return a
}

// absent stands for a fact one dialect does not have.
const absent = "(absent)"

// drift is one fact that differs between the dialects.
type drift struct{ What, SQLite, Postgres string }

func (d drift) String() string {
	return fmt.Sprintf("%s: SQLite %q, PostgreSQL %q", d.What, d.SQLite, d.Postgres)
}

// compareSchemas lists the facts that differ, sorted.
func compareSchemas(sqlite, postgres dbSchema) []drift {
	a, b := sqlite.facts(), postgres.facts()
	var out []drift
	for what, va := range a {
		vb, ok := b[what]
		if !ok {
			vb = absent
		}
		if va != vb {
			out = append(out, drift{what, va, vb})
		}
	}
	for what, vb := range b {
		if _, ok := a[what]; !ok {
			out = append(out, drift{what, absent, vb})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].What < out[j].What })
	return out
}
