package database

import (
	"strings"

	"gorm.io/gorm"
)

// Cases writes "CASE <key> WHEN ? THEN ? ... END": one value per row of a
// multi-row UPDATE, which sets a different value on each row in a single
// statement (the batch paths use it). Add the rows, then use SQL and Args.
type Cases struct {
	sql   strings.Builder
	args  []any
	value string
}

// NewCases starts a CASE on column key for db's dialect. PostgreSQL types
// a CASE of bare parameters as text, so there each value is cast to
// pgType (BIGINT, TIMESTAMPTZ); "" leaves text as it is. SQLite gets no
// cast: its CAST AS TIMESTAMP would turn a time into a number.
func NewCases(db *gorm.DB, key, pgType string) *Cases {
	c := &Cases{value: DialectOf(db).Param(pgType)}
	c.sql.WriteString("CASE " + key)
	return c
}

// When adds the row whose key is k.
func (c *Cases) When(k, v any) *Cases {
	c.sql.WriteString(" WHEN ? THEN " + c.value)
	c.args = append(c.args, k, v)
	return c
}

// SQL is the CASE expression.
func (c *Cases) SQL() string { return c.sql.String() + " END" }

// Args are its arguments, in order.
func (c *Cases) Args() []any { return c.args }

// Tuples is "(?, ?), (?, ?)": the VALUES of a multi-row insert of rows
// rows of width placeholders each.
func Tuples(rows, width int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}
