package testkit_test

import (
	"net/http"
	"testing"

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
