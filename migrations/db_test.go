package migrations_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/testkit"
)

// migrated opens a fresh database of dialect d ("sqlite", "postgres") with
// every migration applied: what a new install starts from. PostgreSQL's is
// a fresh schema (testkit), so its catalog queries see only our tables.
func migrated(t *testing.T, d string) *database.DB {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, testkit.FreshDatabaseURL(t, d))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// eachRow runs query and calls scan for every row. It closes the rows
// before returning: the SQLite pool has one connection, so a query left
// open would block the next one.
func eachRow(ctx context.Context, db *sql.DB, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("query %.50q: %w", collapseSpace(query), err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// excludedTable leaves out tables the migrations do not own: SQLite's
// internal ones (sqlite_sequence behind AUTOINCREMENT), and River's job
// tables, which River migrates itself with a different schema per driver
// (jobs.Queue.Migrate, not database.Migrate). Their parity is River's
// concern and they are not created here anyway; the filter keeps it so if
// the two migrations are ever run together.
func excludedTable(name string) bool {
	return strings.HasPrefix(name, "sqlite_") || strings.HasPrefix(name, "river_")
}
