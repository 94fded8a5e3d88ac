package testkit

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"sync"
	"testing"

	"fenxiao/internal/app"
	"fenxiao/internal/platform/config"
)

// App is a wired app behind a real HTTP server.
type App struct {
	*app.App
	Server *httptest.Server
	t      testing.TB
}

// Option adjusts the config before the app is built.
type Option func(*config.Config)

// NewApp builds an app on dbURL (see ForEachDB) and serves it. Logs are
// discarded unless FENXIAO_TEST_LOG is set.
func NewApp(t testing.TB, dbURL string, opts ...Option) *App {
	t.Helper()
	var logOut io.Writer = io.Discard
	if os.Getenv("FENXIAO_TEST_LOG") != "" {
		logOut = os.Stderr
	}
	return NewAppLogged(t, dbURL, logOut, opts...)
}

// NewAppLogged is NewApp with JSON logs (info and above) written to logOut,
// for tests about what gets logged. logOut must be safe for concurrent use.
func NewAppLogged(t testing.TB, dbURL string, logOut io.Writer, opts ...Option) *App {
	t.Helper()
	cfg := config.Config{
		Addr: "127.0.0.1:0", DataDir: t.TempDir(), DatabaseURL: dbURL, BaseURL: "http://shop.test",
		Secret: "test-secret-test-secret-test-secret!!", Env: config.Development, LogLevel: "info",
		SandboxPayments: true,
	}
	for _, o := range opts {
		o(&cfg)
	}
	cfg.CheapPasswordHashes = !cfg.IsProduction() // refused there
	beforeApp(t, cfg.DatabaseURL)
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewJSONHandler(logOut, &slog.HandlerOptions{Level: slog.LevelInfo})))
	if err != nil {
		t.Fatalf("build app: %v", err)
	}
	afterApp(t, cfg.DatabaseURL)
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(func() {
		srv.Close()
		a.Close()
	})
	return &App{App: a, Server: srv, t: t}
}

// LogBuffer is a concurrency-safe log sink for NewAppLogged.
type LogBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *LogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String returns everything logged so far.
func (l *LogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Ctx is a background context for direct service calls in tests.
func Ctx() context.Context { return context.Background() }
