package testkit

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"testing"

	"fenxiao/internal/app"
	"fenxiao/internal/config"
)

// App is a wired app behind a real HTTP server.
type App struct {
	*app.App
	Server *httptest.Server
	t      testing.TB
}

// Option adjusts the config before the app is built.
type Option func(*config.Config)

// NewApp builds an app on dbURL (see ForEachDB) and serves it.
func NewApp(t testing.TB, dbURL string, opts ...Option) *App {
	t.Helper()
	cfg := config.Config{
		Addr: "127.0.0.1:0", DataDir: t.TempDir(), DatabaseURL: dbURL, BaseURL: "http://shop.test",
		Secret: "test-secret-test-secret-test-secret!!", Env: config.Development, LogLevel: "error",
		SandboxPayments: true,
	}
	for _, o := range opts {
		o(&cfg)
	}
	var logOut io.Writer = io.Discard
	if os.Getenv("FENXIAO_TEST_LOG") != "" {
		logOut = os.Stderr
	}
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewJSONHandler(logOut, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		t.Fatalf("build app: %v", err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(func() {
		srv.Close()
		a.Close()
	})
	return &App{App: a, Server: srv, t: t}
}

// Ctx is a background context for direct service calls in tests.
func Ctx() context.Context { return context.Background() }
