package database

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gorm.io/gorm"

	"fenxiao/migrations"
)

// Migrate applies every embedded migration for db's dialect that has not
// been applied yet, each in its own transaction, in file-name order.
// On PostgreSQL an advisory lock keeps two starting instances from racing.
func (db *DB) Migrate(ctx context.Context) error {
	files, err := migrationFiles(db.Dialect)
	if err != nil {
		return err
	}
	g := db.Gorm.WithContext(ctx)
	if err := g.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version VARCHAR(255) PRIMARY KEY,
		applied_at TIMESTAMP NOT NULL)`).Error; err != nil {
		return fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	for _, name := range files {
		if err := db.applyMigration(ctx, name); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) applyMigration(ctx context.Context, name string) error {
	version := strings.TrimSuffix(name, ".sql")
	body, err := fs.ReadFile(migrations.FS, path.Join(string(db.Dialect), name))
	if err != nil {
		return fmt.Errorf("migrate %s: read: %w", version, err)
	}
	return db.Gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if lock := db.Dialect.MigrationLock(); lock != "" {
			if err := tx.Exec(lock).Error; err != nil {
				return fmt.Errorf("migrate %s: lock: %w", version, err)
			}
		}
		var n int64
		if err := tx.Raw("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", version).Scan(&n).Error; err != nil {
			return fmt.Errorf("migrate %s: check: %w", version, err)
		}
		if n > 0 {
			return nil
		}
		for _, stmt := range splitStatements(string(body)) {
			if err := tx.Exec(stmt).Error; err != nil {
				return fmt.Errorf("migrate %s: %w", version, err)
			}
		}
		return tx.Exec("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", version, Now()).Error
	})
}

// AppliedMigrations lists applied versions in order.
func (db *DB) AppliedMigrations(ctx context.Context) ([]string, error) {
	var versions []string
	err := db.Gorm.WithContext(ctx).Raw("SELECT version FROM schema_migrations ORDER BY version").Scan(&versions).Error
	return versions, err
}

func migrationFiles(d Dialect) ([]string, error) {
	entries, err := fs.ReadDir(migrations.FS, string(d))
	if err != nil {
		return nil, fmt.Errorf("migrate: list %s migrations: %w", d, err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// splitStatements splits a migration on semicolons at line ends. Migrations
// are plain DDL (no procedural bodies), which keeps this simple and lets
// the SQLite driver run one statement per Exec.
func splitStatements(sql string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "--") || trimmed == "" {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		if strings.HasSuffix(trimmed, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}
