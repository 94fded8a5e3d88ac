// Package app wires Fenxiao together: it opens the database, applies
// migrations, builds every store and service, registers background jobs and
// builds the HTTP surface. Nothing else constructs services.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/httpapi"
	"fenxiao/internal/payment"
	"fenxiao/internal/payment/credentials"
	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/payment/statement"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/config"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/jobs"
	"fenxiao/internal/platform/metrics"
	"fenxiao/internal/platform/ratelimit"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/platform/settings"
	"fenxiao/internal/readmodel/centre"
	"fenxiao/internal/readmodel/dashboard"
	"fenxiao/internal/readmodel/export"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/cart"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/media"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/shop/order"
)

// App is a fully wired Fenxiao instance (wire.go builds it).
type App struct {
	Config   config.Config
	Log      *slog.Logger
	DB       *database.DB
	Redis    *redis.Client
	Jobs     *jobs.Queue
	Metrics  *metrics.Registry
	Limiter  ratelimit.Limiter
	Sessions *session.Service
	Audit    *audit.Log
	Settings *settings.Store

	Admins  *adminauth.Service
	Members *member.Service
	Catalog *catalog.Service
	Media   *media.Service
	Cart    *cart.Service
	Orders  *order.Service

	Notify      *notify.Service
	Leaderboard leaderboard.Board
	// leaderboardCounter counts recorded leaderboard events while serving.
	leaderboardCounter *leaderboard.SQL
	Referral           *referral.Service
	Commissions        *commission.Service
	Withdrawals        *withdrawal.Service

	Payments *payment.Service
	// PaymentCredentials keeps the WeChat Pay and Alipay credentials a
	// super admin entered (sealed); the providers start with them.
	PaymentCredentials *credentials.Service
	// WeChatPay and Alipay are the configured provider clients (nil when
	// not configured), shared by payments, refunds, payouts and bills.
	WeChatPay   *wechatpay.Client
	WeChatPayID payment.Identity
	Alipay      *alipay.Client
	Statements  *statement.Service

	Centre    *centre.Service
	Dashboard *dashboard.Service
	Exports   *export.Service

	HTTP *httpapi.Server

	closers []func() error
}

// New opens the database, migrates it and wires every service (wire.go).
func New(ctx context.Context, cfg config.Config, log *slog.Logger) (*App, error) {
	a := &App{Config: cfg, Log: log}
	if err := a.ensureSecret(); err != nil {
		return nil, err
	}
	if err := a.wire(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// Handler is the HTTP handler.
func (a *App) Handler() http.Handler { return a.HTTP.Handler() }

// Run serves HTTP and runs background jobs until ctx ends, then shuts down
// gracefully: in-flight requests get up to 20 seconds to finish.
func (a *App) Run(ctx context.Context) error {
	if err := a.Jobs.Start(ctx); err != nil {
		return fmt.Errorf("start jobs: %w", err)
	}
	go a.RunLeaderboardCounter(ctx)
	ln, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", a.Config.Addr, err)
	}
	a.Log.Info("serving", "addr", ln.Addr().String(), "base_url", a.Config.BaseURL, "env", a.Config.Env,
		"database", database.RedactURL(a.Config.DatabaseURL), "sandbox_payments", a.Config.SandboxPayments)
	err = Serve(ctx, ln, a.Handler(), 20*time.Second)
	stopCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if jerr := a.Jobs.Stop(stopCtx); jerr != nil {
		a.Log.Warn("stopping jobs", "err", jerr)
	}
	return err
}

// Serve serves h on ln until ctx ends, then stops accepting connections and
// waits up to grace for in-flight requests to finish.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, grace time.Duration) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 60 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
		return nil
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	return srv.Shutdown(shutCtx)
}

// Close releases the database and Redis connections.
func (a *App) Close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		if err := a.closers[i](); err != nil {
			a.Log.Warn("close", "err", err)
		}
	}
	a.closers = nil
}

// CountLeaderboardEvents counts the leaderboard events recorded but not yet
// counted (Run does it every half second; reads do it first anyway).
func (a *App) CountLeaderboardEvents(ctx context.Context) (int, error) {
	return a.leaderboardCounter.CountPending(ctx)
}

// RunLeaderboardCounter counts recorded leaderboard events every half
// second until ctx ends (Run starts it).
func (a *App) RunLeaderboardCounter(ctx context.Context) {
	a.leaderboardCounter.Run(ctx, 500*time.Millisecond, a.Log)
}
