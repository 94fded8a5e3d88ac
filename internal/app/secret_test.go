package app_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"fenxiao/internal/app"
	"fenxiao/internal/platform/config"
	"fenxiao/internal/testkit"
)

// A development install given no secret generates one once, keeps it in
// the data directory (owner-only) and reuses it, so sealed data and
// cookies survive restarts.
func TestDevelopmentSecretIsGeneratedOnceAndKept(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dbURL := testkit.FreshDatabaseURL(t, "sqlite")
	start := func() string {
		cfg := config.Config{Addr: "127.0.0.1:0", DataDir: dir, DatabaseURL: dbURL, BaseURL: "http://shop.test", Env: config.Development}
		a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		return a.Config.Secret
	}
	first := start()
	if len(first) < 32 {
		t.Fatalf("generated secret %q is too short", first)
	}
	info, err := os.Stat(filepath.Join(dir, "secret"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("secret file mode = %v, want 0600", info.Mode().Perm())
	}
	if again := start(); again != first {
		t.Fatal("a restart generated a new secret")
	}
}
