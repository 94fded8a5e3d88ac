package testkit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/jobs"
	"fenxiao/migrations"
)

// beforeApp gives NewApp an already migrated database where it can: a
// SQLite file that does not exist yet becomes a copy of a database on
// which every migration (Fenxiao's and River's) has already run, and a
// fresh PostgreSQL schema is swapped for a pooled one (pgpool.go). app.New
// then finds nothing left to migrate: the app gets the very database it
// would have built, without running hundreds of DDL statements per test.
func beforeApp(t testing.TB, dbURL string) {
	t.Helper()
	if schema, ok := schemaOfURL(dbURL); ok {
		schemasOf(t, os.Getenv(PostgresEnv)).beforeApp(schema)
		return
	}
	path, ok := strings.CutPrefix(dbURL, "sqlite:")
	if !ok {
		return
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		return
	}
	template, err := sqliteTemplate()
	if err != nil {
		t.Fatalf("migrated SQLite template: %v", err)
	}
	if err := copyFile(template, path); err != nil {
		t.Fatalf("copy the migrated SQLite template: %v", err)
	}
}

// afterApp notes that app.New migrated dbURL: a PostgreSQL schema of this
// process may then be pooled when its test ends.
func afterApp(t testing.TB, dbURL string) {
	if schema, ok := schemaOfURL(dbURL); ok {
		schemasOf(t, os.Getenv(PostgresEnv)).afterApp(schema)
	}
}

// sqliteTemplate is the migrated database's file, built once per test
// process. Its name carries a digest of everything that shapes the schema
// (the migrations and River's version), so a stale file is never used, and
// processes running at once share it (each writes its own file first and
// renames it into place).
var sqliteTemplate = sync.OnceValues(func() (string, error) {
	digest, err := schemaDigest()
	if err != nil {
		return "", err
	}
	path := filepath.Join(os.TempDir(), "fenxiao-test-sqlite-"+digest+".db")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp, err := os.MkdirTemp("", "fenxiao-template-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	built := filepath.Join(tmp, "migrated.db")
	if err := migrateSQLite(built); err != nil {
		return "", err
	}
	return path, os.Rename(built, path)
})

// migrateSQLite runs what app.New runs on a new database: the migrations
// and River's. Closing it folds the write-ahead log into the file.
func migrateSQLite(path string) error {
	ctx := context.Background()
	db, err := database.Open(ctx, "sqlite:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	q, err := jobs.NewQueue(db, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	return q.Migrate(ctx)
}

// schemaDigest names the migrated schema: the SQLite migrations' bytes and
// the River module versions of this binary.
func schemaDigest() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, "sqlite", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, p)
		fmt.Fprintf(h, "%s %d\n", p, len(b))
		h.Write(b)
		return err
	})
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if strings.HasPrefix(m.Path, "github.com/riverqueue/") {
				fmt.Fprintf(h, "%s %s\n", m.Path, m.Version)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16], err
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		return err
	}
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
