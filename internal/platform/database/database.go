// Package database opens Fenxiao's database (embedded SQLite by default,
// PostgreSQL in production) and applies the versioned migrations. One
// *sql.DB is shared by gorm and by the River job queue so that jobs can be
// enqueued in the same transaction as the state change that causes them.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
	_ "modernc.org/sqlite" // pure-Go SQLite registered as "sqlite"
)

// Dialect names the SQL dialect of an open database.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database: gorm for domain stores, the raw pool for River.
type DB struct {
	Gorm    *gorm.DB
	SQL     *sql.DB
	Dialect Dialect
}

// Open opens url, which is "sqlite:<path>" or "postgres://...".
func Open(ctx context.Context, url string) (*DB, error) {
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(url, "sqlite:"))
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return openPostgres(ctx, url)
	default:
		return nil, fmt.Errorf("open database: unsupported url %q (want sqlite:<path> or postgres://...)", RedactURL(url))
	}
}

// uriPath escapes the characters that end or change the path of an SQLite
// "file:" URI: without it a data directory named "shop#2" would open
// "shop" (the rest read as a fragment), and two such paths the same file.
func uriPath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("open sqlite: empty path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open sqlite: create directory: %w", err)
	}
	dsn := "file:" + uriPath(path) + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate&_time_format=sqlite"
	sqlDB, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	// SQLite allows one writer at a time. A single connection serialises all
	// work in-process instead of surfacing SQLITE_BUSY under load (River's
	// SQLite driver recommends the same). Consequence for code: inside a
	// transaction always use the tx, never the outer handle.
	sqlDB.SetMaxOpenConns(1)
	sqlDB.SetConnMaxIdleTime(0)
	return finishOpen(ctx, sqlDB, SQLite, sqlite.New(sqlite.Config{DriverName: "sqlite", Conn: sqlDB}))
}

func openPostgres(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: parse url: %w", err)
	}
	sqlDB := stdlib.OpenDB(*cfg)
	sqlDB.SetMaxOpenConns(20)
	sqlDB.SetMaxIdleConns(10)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	return finishOpen(ctx, sqlDB, Postgres, postgres.New(postgres.Config{Conn: sqlDB}))
}

func finishOpen(ctx context.Context, sqlDB *sql.DB, d Dialect, dialector gorm.Dialector) (*DB, error) {
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open %s: ping: %w", d, err)
	}
	g, err := gorm.Open(dialector, &gorm.Config{
		Logger:                                   logger.Discard,
		NowFunc:                                  Now,
		SkipDefaultTransaction:                   true,
		DisableForeignKeyConstraintWhenMigrating: true,
	})
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open %s: gorm: %w", d, err)
	}
	return &DB{Gorm: g, SQL: sqlDB, Dialect: d}, nil
}

// Close closes the pool.
func (db *DB) Close() error { return db.SQL.Close() }

// Ping checks the database answers, for readiness probes.
func (db *DB) Ping(ctx context.Context) error { return db.SQL.PingContext(ctx) }

// Now is the clock all stored timestamps use: UTC, microsecond precision
// (what PostgreSQL keeps), so values round-trip identically on both dialects
// and compare correctly as text on SQLite.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// IsUniqueViolation reports whether err is a unique-constraint violation on
// either dialect.
func IsUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// RedactURL hides the password in a database URL so it can be logged.
func RedactURL(url string) string {
	scheme, rest, ok := strings.Cut(url, "://")
	if !ok {
		return url
	}
	creds, host, ok := strings.Cut(rest, "@")
	if !ok {
		return url
	}
	user, _, _ := strings.Cut(creds, ":")
	return scheme + "://" + user + ":***@" + host
}
