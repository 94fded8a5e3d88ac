package database_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fenxiao/internal/platform/database"
)

// TestSQLitePathsWithURICharactersStayApart: "#" and "?" in a path are
// part of the file name, so these two paths are two databases.
func TestSQLitePathsWithURICharactersStayApart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for i, name := range []string{"shop#1.db", "shop#2.db", "a?b%20.db"} {
		db, err := database.Open(context.Background(), "sqlite:"+filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		var n int
		db.Gorm.Raw("SELECT COUNT(*) FROM sqlite_master WHERE name = 'marker'").Scan(&n)
		if n != 0 {
			t.Fatalf("%s: opened another path's database", name)
		}
		if err := db.Gorm.Exec("CREATE TABLE marker (i INTEGER)").Error; err != nil {
			t.Fatal(err)
		}
		db.Close()
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Fatalf("case %d: %s not created: %v", i, name, err)
		}
	}
}
