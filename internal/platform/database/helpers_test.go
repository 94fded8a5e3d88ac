package database_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
)

// openWith opens dbURL, runs the given setup statements and returns a gorm
// handle bound to a background context.
func openWith(t *testing.T, dbURL string, setup ...string) *gorm.DB {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	g := db.Gorm.WithContext(ctx)
	for _, stmt := range setup {
		if err := g.Exec(stmt).Error; err != nil {
			t.Fatal(err)
		}
	}
	return g
}
