package testkit_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"fenxiao/internal/testkit"
)

func TestAppServesHealthAndMigratesOnBothDatabases(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := a.Client()
		c.Do("GET", "/healthz", nil).Expect(http.StatusOK)
		c.Do("GET", "/readyz", nil).Expect(http.StatusOK)
		r := c.Do("GET", "/api/shop/nope", nil).Expect(http.StatusNotFound)
		if r.ErrorCode() != "not_found" {
			t.Fatalf("code %q", r.ErrorCode())
		}
		if r.Header.Get("X-Request-Id") == "" {
			t.Fatal("missing request id")
		}
		versions, err := a.DB.AppliedMigrations(testkit.Ctx())
		if err != nil || len(versions) == 0 {
			t.Fatalf("migrations: %v %v", versions, err)
		}
		// Applying again is a no-op.
		if err := a.DB.Migrate(testkit.Ctx()); err != nil {
			t.Fatal(err)
		}
	})
}

// NewApp starts from an already migrated database (a copied SQLite file, a
// pooled PostgreSQL schema): whatever an earlier test left in it, the next
// app finds no rows and ids that start at 1 again, and a schema a test
// altered is never handed on.
func TestEachAppStartsFromAnEmptyMigratedDatabase(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		// Sequentially on purpose: each step ends (and gives its database
		// back) before the next takes one.
		for round := range 3 {
			t.Run(fmt.Sprint(round), func(t *testing.T) {
				a := testkit.NewApp(t, testkit.FreshDatabaseLike(t, dbURL))
				var rows int64
				for _, table := range []string{"categories", "products", "shoppers", "orders", "river_job"} {
					var n int64
					a.DB.Gorm.Raw("SELECT count(*) FROM " + table).Scan(&n)
					rows += n
				}
				if rows != 0 {
					t.Fatalf("round %d: the database holds %d rows from an earlier test", round, rows)
				}
				if err := a.DB.Gorm.Exec("INSERT INTO categories (name, sort_order, created_at, updated_at) VALUES ('c', 0, ?, ?)", time.Now(), time.Now()).Error; err != nil {
					t.Fatal(err)
				}
				var id int64
				a.DB.Gorm.Raw("SELECT max(id) FROM categories").Scan(&id)
				if id != 1 {
					t.Fatalf("round %d: the first category has id %d", round, id)
				}
				if round == 1 {
					// A changed structure must not reach the next test.
					a.DB.Gorm.Exec("ALTER TABLE categories ADD COLUMN stray INTEGER")
				}
				if round == 2 && a.DB.Gorm.Exec("SELECT stray FROM categories").Error == nil {
					t.Fatal("an altered schema was handed on")
				}
			})
		}
	})
}
