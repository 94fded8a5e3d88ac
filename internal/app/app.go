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
	"fenxiao/internal/payment/providers"
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
	"fenxiao/internal/readmodel/export"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/cart"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/media"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/shop/order"
)

// App is a fully wired Fenxiao instance.
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
	Admins   *adminauth.Service
	Members  *member.Service
	Catalog  *catalog.Service
	Media    *media.Service
	Cart     *cart.Service
	Orders   *order.Service
	Payments *payment.Service
	// PayGateway receives the payment providers' notifications.
	PayGateway *providers.Gateway
	// WeChatPay and Alipay are the configured provider clients (nil when
	// not configured), shared by payments, refunds, payouts and bills.
	WeChatPay   *wechatpay.Client
	WeChatPayID payment.Identity
	Alipay      *alipay.Client
	Referral    *referral.Service
	HTTP        *httpapi.Server

	Notify      *notify.Service
	Leaderboard leaderboard.Board
	// leaderboardCounter counts recorded leaderboard events while serving.
	leaderboardCounter *leaderboard.SQL
	Commissions        *commission.Service
	Withdrawals        *withdrawal.Service
	Centre             *centre.Service
	Exports            *export.Service
	Statements         *statement.Service

	// PaymentCredentials keeps the WeChat Pay and Alipay credentials a
	// super admin entered (sealed); wirePayments starts the providers with them.
	PaymentCredentials *credentials.Service

	closers []func() error
}

// New opens the database, migrates it and wires every service.
func New(ctx context.Context, cfg config.Config, log *slog.Logger) (*App, error) {
	a := &App{Config: cfg, Log: log}
	if err := a.ensureSecret(); err != nil {
		return nil, err
	}
	if err := a.open(ctx); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.wire(); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) open(ctx context.Context) error {
	db, err := database.Open(ctx, a.Config.DatabaseURL)
	if err != nil {
		return err
	}
	a.DB = db
	a.closers = append(a.closers, db.Close)
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	if a.Jobs, err = jobs.NewQueue(db, a.Log); err != nil {
		return err
	}
	if err := a.Jobs.Migrate(ctx); err != nil {
		return err
	}
	a.Limiter = ratelimit.NewMemory()
	if a.Config.RedisURL != "" {
		opt, err := redis.ParseURL(a.Config.RedisURL)
		if err != nil {
			return fmt.Errorf("FENXIAO_REDIS_URL: %w", err)
		}
		a.Redis = redis.NewClient(opt)
		a.closers = append(a.closers, a.Redis.Close)
		if err := a.Redis.Ping(ctx).Err(); err != nil {
			return fmt.Errorf("redis: %w", err)
		}
		a.Limiter = ratelimit.NewRedis(a.Redis, "fenxiao:rl:")
	}
	return nil
}

// wire builds the services. Each domain's construction lives in its own
// wire_<domain>.go file; order matters only where one service uses another.
func (a *App) wire() error {
	g := a.DB.Gorm
	a.Metrics = metrics.New(a.Log)
	a.Sessions = session.NewService(g)
	a.Audit = audit.NewLog(g)
	a.Settings = settings.NewStore(g)
	for _, step := range []func() error{a.wireAdmins, a.wireMembers, a.wireCatalog, a.wireOrders, a.wireReferral, a.wireNotify, a.wireCommission, a.wireWithdrawal, a.wireCentre, a.wireReferralEvents, a.wireExport, a.wireStatement} {
		if err := step(); err != nil {
			return err
		}
	}
	a.HTTP = httpapi.New(httpapi.Deps{
		Config: a.Config, Log: a.Log, DB: a.DB, Metrics: a.Metrics, Jobs: a.Jobs,
		Sessions: a.Sessions, Audit: a.Audit, Admins: a.Admins, Members: a.Members,
		Catalog: a.Catalog, Media: a.Media, Cart: a.Cart, Orders: a.Orders, Payments: a.Payments, PayGateway: a.PayGateway, PaymentCredentials: a.PaymentCredentials, Referral: a.Referral, Notify: a.Notify, Leaderboard: a.Leaderboard, Withdrawals: a.Withdrawals, Commissions: a.Commissions, Centre: a.Centre, Exports: a.Exports, Statements: a.Statements, Dashboard: a.dashboard(), WeChatJSSDK: a.wechatJSSDK(), Web: webHandler(),
	})
	return nil
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
