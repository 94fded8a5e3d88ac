// Package testkit builds fully wired Fenxiao apps for tests: on a fresh
// SQLite file in a temp dir, and on a fresh PostgreSQL schema when
// FENXIAO_TEST_POSTGRES_URL is set (CI always sets it), so every data test
// runs on both dialects.
package testkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"
)

// PostgresEnv names the env var holding the PostgreSQL URL for tests.
const PostgresEnv = "FENXIAO_TEST_POSTGRES_URL"

// RedisEnv names the env var holding the Redis URL for tests.
const RedisEnv = "FENXIAO_TEST_REDIS_URL"

// Dialects are the database names ForEachDB runs.
func Dialects() []string {
	if os.Getenv(PostgresEnv) != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// ForEachDB runs fn as a parallel subtest per available dialect with a
// fresh, empty database URL. The subtests start when the calling test
// function returns, so nothing after ForEachDB may wait for their results.
func ForEachDB(t *testing.T, fn func(t *testing.T, dbURL string)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, FreshDatabaseURL(t, d))
		})
	}
}

// FreshDatabaseLike returns the URL of another empty database of dbURL's
// dialect, for tests that compare two worlds on one dialect.
func FreshDatabaseLike(t testing.TB, dbURL string) string {
	t.Helper()
	if strings.HasPrefix(dbURL, "sqlite:") {
		return FreshDatabaseURL(t, "sqlite")
	}
	return FreshDatabaseURL(t, "postgres")
}

// FreshDatabaseURL returns the URL of an empty database of dialect d that is
// removed when t ends: a SQLite file in t's temp dir, or a PostgreSQL
// schema of its own (the URL's search_path; see pgpool.go).
func FreshDatabaseURL(t testing.TB, d string) string {
	t.Helper()
	if d == "sqlite" {
		return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	}
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip(PostgresEnv + " not set")
	}
	return schemasOf(t, base).create(t)
}

var _ = stdlib.GetDefaultDriver // registers the "pgx" database/sql driver
