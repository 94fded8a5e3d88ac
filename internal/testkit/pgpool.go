package testkit

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// PostgreSQL test schemas. Every test gets a schema of its own (see
// FreshDatabaseURL); migrating one costs PostgreSQL about half a CPU
// second, most of a short test. So a schema that NewApp migrated is, when
// its test ends, emptied (every row deleted, sequences back to 1) and kept
// under a pool name; the next NewApp on a fresh schema renames a pooled one
// into its place instead of migrating again. The app gets the database it
// would have built: same tables, no rows, same ids. A schema whose tables,
// columns or indexes a test changed is dropped, never pooled.

// pgSchemas is this process's schemas on one PostgreSQL database.
type pgSchemas struct {
	base string
	db   *sql.DB

	mu        sync.Mutex
	fresh     map[string]bool // made empty by FreshDatabaseURL, not yet used by NewApp
	poolable  map[string]bool // migrated by NewApp (or renamed from the pool)
	pool      []string
	reference string   // the fingerprint of a schema NewApp migrated
	tables    []string // every table but the migration ledgers
	sequences []string
}

var (
	pgMu      sync.Mutex
	pgByBase  = map[string]*pgSchemas{}
	poolOwner = ownerTag()
)

func schemasOf(t testing.TB, base string) *pgSchemas {
	t.Helper()
	pgMu.Lock()
	defer pgMu.Unlock()
	if s := pgByBase[base]; s != nil {
		return s
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	db.SetMaxIdleConns(4)
	s := &pgSchemas{base: base, db: db, fresh: map[string]bool{}, poolable: map[string]bool{}}
	s.dropOrphans()
	pgByBase[base] = s
	return s
}

// create makes an empty schema for t and returns its URL; it is dropped,
// or pooled, when t ends.
func (s *pgSchemas) create(t testing.TB) string {
	t.Helper()
	schema := "t_" + randomHex(6)
	if _, err := s.db.ExecContext(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	s.mu.Lock()
	s.fresh[schema] = true
	s.mu.Unlock()
	t.Cleanup(func() { s.release(schema) })
	u, err := url.Parse(s.base)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return strings.Replace(u.String(), "postgresql://", "postgres://", 1)
}

// beforeApp puts a pooled migrated schema in the place of schema when that
// one is fresh (created and never used).
func (s *pgSchemas) beforeApp(schema string) {
	s.mu.Lock()
	if !s.fresh[schema] {
		s.mu.Unlock()
		return
	}
	delete(s.fresh, schema)
	var pooled string
	if n := len(s.pool); n > 0 {
		pooled, s.pool = s.pool[n-1], s.pool[:n-1]
	}
	s.mu.Unlock()
	if pooled == "" {
		return // the app migrates it; afterApp makes it poolable
	}
	// One implicit transaction; DROP without CASCADE refuses a schema a
	// test already put something in, and then the app migrates it as usual.
	_, err := s.db.ExecContext(context.Background(), "DROP SCHEMA "+schema+"; ALTER SCHEMA "+pooled+" RENAME TO "+schema)
	if err != nil {
		s.mu.Lock()
		s.pool = append(s.pool, pooled)
		s.mu.Unlock()
	}
}

// afterApp records that dbURL's schema holds a freshly migrated database.
func (s *pgSchemas) afterApp(schema string) {
	s.mu.Lock()
	known := s.reference != ""
	s.mu.Unlock()
	if !known {
		if err := s.learn(schema); err != nil {
			return // never pooled
		}
	}
	s.mu.Lock()
	s.poolable[schema] = true
	s.mu.Unlock()
}

// learn takes the fingerprint, tables and sequences of a freshly migrated
// schema.
func (s *pgSchemas) learn(schema string) error {
	fp, err := s.fingerprint(schema)
	if err != nil {
		return err
	}
	var tables, sequences []string
	if tables, err = s.names(`SELECT tablename FROM pg_tables WHERE schemaname = $1
		AND tablename NOT IN ('schema_migrations', 'river_migration') ORDER BY 1`, schema); err != nil {
		return err
	}
	if sequences, err = s.names(`SELECT sequencename FROM pg_sequences WHERE schemaname = $1 ORDER BY 1`, schema); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reference == "" {
		s.reference, s.tables, s.sequences = fp, tables, sequences
	}
	return nil
}

// release pools schema when it is a migrated database whose structure no
// test changed, and drops it otherwise.
func (s *pgSchemas) release(schema string) {
	s.mu.Lock()
	poolable := s.poolable[schema]
	delete(s.poolable, schema)
	delete(s.fresh, schema)
	reference, tables, sequences := s.reference, s.tables, s.sequences
	s.mu.Unlock()
	if !poolable {
		s.drop(schema)
		return
	}
	if fp, err := s.fingerprint(schema); err != nil || fp != reference {
		s.drop(schema)
		return
	}
	pooled := "pool_" + randomHex(6)
	var b strings.Builder
	// One implicit transaction (a multi-statement query). Foreign keys are
	// not checked while emptying (replica role), so the tables may go in
	// any order.
	b.WriteString("SET session_replication_role = replica;")
	for _, tbl := range tables {
		fmt.Fprintf(&b, " DELETE FROM %s.%s;", schema, tbl)
	}
	for _, seq := range sequences {
		fmt.Fprintf(&b, " SELECT setval('%s.%s', 1, false);", schema, seq)
	}
	fmt.Fprintf(&b, " RESET session_replication_role; ALTER SCHEMA %s RENAME TO %s; COMMENT ON SCHEMA %s IS '%s'",
		schema, pooled, pooled, poolOwner)
	if _, err := s.db.ExecContext(context.Background(), b.String()); err != nil {
		s.drop(schema)
		return
	}
	s.mu.Lock()
	s.pool = append(s.pool, pooled)
	s.mu.Unlock()
}

// fingerprint digests a schema's relations and their columns (tables,
// indexes, sequences), so a test that altered its schema is noticed.
func (s *pgSchemas) fingerprint(schema string) (string, error) {
	var fp sql.NullString
	err := s.db.QueryRowContext(context.Background(), `
		SELECT md5(string_agg(c.relname || '.' || c.relkind::text || '.' || a.attname || ':' || a.atttypid::text || ':' || a.attnotnull::text,
			',' ORDER BY c.relname, a.attnum))
		FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
		WHERE c.relnamespace = $1::regnamespace AND a.attnum > 0 AND NOT a.attisdropped`, schema).Scan(&fp)
	if err == nil && !fp.Valid {
		err = errors.New("empty schema")
	}
	return fp.String, err
}

func (s *pgSchemas) names(query, schema string) ([]string, error) {
	rows, err := s.db.QueryContext(context.Background(), query, schema)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func (s *pgSchemas) drop(schema string) {
	s.db.ExecContext(context.Background(), "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
}

// dropOrphans drops the pooled schemas that test processes of this host
// left behind when they ended (a process cannot empty its pool at exit).
func (s *pgSchemas) dropOrphans() {
	rows, err := s.db.QueryContext(context.Background(),
		`SELECT nspname, coalesce(obj_description(oid, 'pg_namespace'), '') FROM pg_namespace WHERE nspname LIKE 'pool\_%'`)
	if err != nil {
		return
	}
	var orphans []string
	for rows.Next() {
		var name, owner string
		if rows.Scan(&name, &owner) == nil && ownerGone(owner) {
			orphans = append(orphans, name)
		}
	}
	rows.Close()
	for _, name := range orphans {
		s.drop(name)
	}
}

// ownerTag names this process as the owner of its pooled schemas.
func ownerTag() string {
	host, _ := os.Hostname()
	return "fenxiao testkit " + host + " " + strconv.Itoa(os.Getpid())
}

// ownerGone reports whether owner is a test process of this host that has
// ended.
func ownerGone(owner string) bool {
	f := strings.Fields(owner)
	host, _ := os.Hostname()
	if len(f) != 4 || f[0] != "fenxiao" || f[1] != "testkit" || f[2] != host {
		return false
	}
	pid, err := strconv.Atoi(f[3])
	if err != nil || pid == os.Getpid() {
		return false
	}
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// schemaOfURL is the search_path schema of a PostgreSQL test URL.
func schemaOfURL(dbURL string) (string, bool) {
	u, err := url.Parse(dbURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", false
	}
	s := u.Query().Get("search_path")
	return s, s != ""
}
