package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
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
	"fenxiao/internal/payment/providers/sandbox"
	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/payment/statement"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/jobs"
	"fenxiao/internal/platform/metrics"
	"fenxiao/internal/platform/ratelimit"
	"fenxiao/internal/platform/sealed"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/platform/settings"
	"fenxiao/internal/platform/wechat"
	"fenxiao/internal/readmodel/centre"
	"fenxiao/internal/readmodel/dashboard"
	"fenxiao/internal/readmodel/export"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/cart"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/media"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/shop/order"
	"fenxiao/web"
)

// wire builds everything, in dependency order: the platform, the
// distribution's event sinks, the shop, distribution, orders and payments,
// the read models, background jobs and the HTTP surface. Every service
// gets what it uses through its constructor. The one setter closes the one
// real cycle: the order lifecycle's hooks are services that use orders
// themselves (commission attributes and accrues, and reads order lines and
// open refunds; payments close trades and return refunds, and mark orders
// paid), so order.Service gets them by SetHooks once they exist.
func (a *App) wire(ctx context.Context) error {
	if err := a.openPlatform(ctx); err != nil {
		return err
	}
	cfg, g := a.Config, a.DB.Gorm

	a.Notify = notify.NewService(g, a.Jobs, notify.WithLogger(a.Log))
	a.wireLeaderboard()

	cost := adminauth.DefaultHashCost
	if cfg.CheapPasswordHashes {
		if cfg.IsProduction() {
			return errors.New("cheap password hashes are for tests only")
		}
		cost = adminauth.HashCost{Time: 1, MemoryKiB: 64}
	}
	a.Admins = adminauth.NewService(g, a.Limiter, cost)
	a.Members = member.NewService(g, a.memberOptions()...)
	a.Catalog = catalog.NewService(g)
	store, err := media.NewLocalStorage(filepath.Join(cfg.DataDir, "uploads"))
	if err != nil {
		return err
	}
	a.Media = media.NewService(g, store)
	a.Cart = cart.NewService(g)

	a.Referral = referral.NewService(g, a.Catalog, a.Members, a.Notify, a.Leaderboard)
	a.Orders = order.NewService(g, order.Deps{Addresses: a.Members, Jobs: a.Jobs, Cart: a.Cart})
	a.Commissions = commission.NewService(g, commission.Deps{
		Referral: a.Referral, Orders: a.Orders, Notify: a.Notify, Leaderboard: a.Leaderboard, Log: a.Log, Progress: a.Referral,
	})
	if err := a.wirePayments(ctx); err != nil {
		return err
	}
	// The cycle closes: commission first, then the tier-1 distributor's
	// sales towards its level.
	a.Orders.SetHooks(order.Hooks{Attributor: a.Commissions,
		Lifecycle: order.Lifecycles{a.Commissions, referral.SalesProgress{S: a.Referral}},
		Payments:  a.Payments, Refunds: a.Payments})
	if err := a.wireWithdrawals(ctx); err != nil {
		return err
	}
	a.Statements = statement.NewService(g, a.Log, a.WeChatPay, a.Alipay)

	a.Centre = centre.NewService(g, a.Leaderboard)
	a.Dashboard = dashboard.NewService(g)
	a.Exports = export.NewService(g, a.Jobs, filepath.Join(cfg.DataDir, "exports"), a.Log, map[export.Kind]export.Source{
		export.KindDistributors: export.Distributors{S: a.Referral},
		export.KindCommissions:  export.Commissions{S: a.Commissions},
		export.KindWithdrawals:  export.Withdrawals{S: a.Withdrawals},
	})

	a.registerJobs()
	a.Metrics.RegisterStates("fenxiao_orders", "Orders by status.", a.Orders.CountByStatus)
	a.Metrics.RegisterStates("fenxiao_payments", "Payment attempts by status.", a.Payments.CountByStatus)
	a.Metrics.RegisterStates("fenxiao_commissions", "Commission records by status.", a.Commissions.CountByStatus)

	a.HTTP = httpapi.New(httpapi.Deps{
		Config: cfg, Log: a.Log, DB: a.DB, Metrics: a.Metrics, Jobs: a.Jobs, Sessions: a.Sessions, Audit: a.Audit,
		Admins: a.Admins, Members: a.Members, Catalog: a.Catalog, Media: a.Media, Cart: a.Cart, Orders: a.Orders,
		Payments: a.Payments, PaymentCredentials: a.PaymentCredentials, Statements: a.Statements,
		PayProviders: httpapi.PayProviders{WeChat: a.WeChatPay, WeChatID: a.WeChatPayID, Alipay: a.Alipay},
		Referral:     a.Referral, Notify: a.Notify, Leaderboard: a.Leaderboard, Withdrawals: a.Withdrawals,
		Commissions: a.Commissions, Centre: a.Centre, Exports: a.Exports, Dashboard: a.Dashboard,
		WeChatJSSDK: a.wechatJSSDK(), Web: web.Handler(),
	})
	return nil
}

// openPlatform opens and migrates the database, the job queue on it, the
// rate limiter (Redis-backed when FENXIAO_REDIS_URL is set) and the
// platform services every domain may use.
func (a *App) openPlatform(ctx context.Context) error {
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
	a.Metrics = metrics.New(a.Log)
	a.Sessions = session.NewService(db.Gorm)
	a.Audit = audit.NewLog(db.Gorm)
	a.Settings = settings.NewStore(db.Gorm)
	return nil
}

// wireLeaderboard builds the distributor leaderboard. The SQL board's
// counters are the source of truth: money events record leaderboard events
// in their transaction, which the board counts in batches soon after
// (Run counts every half second, reads count first). With Redis, reads come
// from sorted sets fed by mirror jobs enqueued in the money event's
// transaction and rebuilt from SQL on start and every hour
// (leaderboard.Redis.Resync), so an emptied or stale Redis heals itself.
func (a *App) wireLeaderboard() {
	sqlBoard := leaderboard.NewSQL(a.DB.Gorm)
	a.Leaderboard, a.leaderboardCounter = sqlBoard, sqlBoard
	if a.Redis == nil {
		return
	}
	redisBoard := leaderboard.NewRedis(sqlBoard, a.Redis, "fenxiao:lb:", a.Jobs)
	leaderboard.RegisterJobs(a.Jobs, redisBoard)
	a.Jobs.AddPeriodic(jobs.Periodic{Name: "leaderboard.resync", Interval: time.Hour, RunOnStart: true,
		Run: func(ctx context.Context) (string, error) {
			n, err := redisBoard.Resync(ctx)
			return fmt.Sprintf("wrote %d leaderboard entries to Redis", n), err
		}})
	a.Leaderboard = redisBoard
}

// memberOptions configures shopper accounts. Outside production SMS codes
// go to the dev inbox; in production SMS login stays unavailable until a
// real provider is wired here behind member.SMSSender. WeChat login is on
// when an AppID and AppSecret are configured.
func (a *App) memberOptions() []member.Option {
	opts := []member.Option{
		member.WithLogger(a.Log), member.WithLimiter(a.Limiter),
		member.WithSecret(a.Config.Secret), member.WithBaseURL(a.Config.BaseURL),
	}
	if !a.Config.IsProduction() {
		opts = append(opts, member.WithSMS(member.NewDevSender(a.DB.Gorm, a.Log)))
	}
	if c := a.wechatClient(); c != nil {
		opts = append(opts, member.WithWeChat(c))
	}
	return opts
}

// wechatClient is the official account of web login and the share menu
// (FENXIAO_WECHAT_APP_ID/APP_SECRET), nil when not configured.
func (a *App) wechatClient() *wechat.Client {
	wc := a.Config.WeChat
	if wc.AppID == "" || wc.AppSecret == "" {
		return nil
	}
	return wechat.New(wechat.Config{AppID: wc.AppID, AppSecret: wc.AppSecret, APIBase: wc.APIBase, OpenBase: wc.OpenBase})
}

// wechatJSSDK signs JS-SDK configs for the H5 share menu. Its access token
// and jsapi_ticket are kept in this process's memory until shortly before
// they expire (wechat.Tickets); each process keeps its own, which
// stable_token makes safe. Without an official account every request
// answers wechat_not_configured.
func (a *App) wechatJSSDK() *wechat.JSSDK {
	c := a.wechatClient()
	if c == nil {
		return wechat.NewJSSDK(nil, a.Config.BaseURL, a.Log)
	}
	return wechat.NewJSSDK(wechat.NewTickets(c), a.Config.BaseURL, a.Log)
}

// wirePayments builds the payment providers: the labelled sandbox (never
// in production), WeChat Pay and Alipay with the credentials of this start
// (per provider, the environment's when FENXIAO_WECHATPAY_MCHID /
// FENXIAO_ALIPAY_APP_ID is set, otherwise those a super admin stored; see
// package credentials). Providers are built once: credentials saved later
// take effect at the next start.
func (a *App) wirePayments(ctx context.Context) error {
	creds, err := a.paymentCredentials()
	if err != nil {
		return err
	}
	a.PaymentCredentials = creds
	active, err := creds.Start(ctx)
	if err != nil {
		return err
	}
	for provider, problem := range active.Problems {
		a.Log.Error("stored payment credentials not used: the provider is off", "provider", provider, "problem", problem)
	}
	var enabled []payment.Provider
	if a.Config.SandboxPayments {
		enabled = append(enabled, sandbox.New())
	}
	if a.WeChatPay, a.WeChatPayID, err = a.wechatPay(ctx, active.WeChatPay); err != nil {
		return err
	}
	if a.WeChatPay != nil {
		enabled = append(enabled, providers.WeChatPay{Client: a.WeChatPay, ID: a.WeChatPayID})
	}
	if a.Alipay, err = a.alipay(active.Alipay); err != nil {
		return err
	}
	if a.Alipay != nil {
		enabled = append(enabled, providers.Alipay{Client: a.Alipay})
	}
	a.Payments = payment.NewService(a.DB.Gorm, a.Orders, a.Jobs, enabled...)
	return nil
}

// paymentCredentials builds the store of admin-entered credentials,
// telling it which providers the environment configures.
func (a *App) paymentCredentials() (*credentials.Service, error) {
	hc := a.Config.PaymentHTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 15 * time.Second}
	}
	var env credentials.Env
	if c := a.Config.WeChatPay; c.MchID != "" {
		env.WeChatPay = &credentials.WeChatPay{MchID: c.MchID, AppID: c.AppID, CertSerial: c.CertSerial, PrivateKey: c.PrivateKey,
			APIv3Key: c.APIv3Key, PublicKeyID: c.PublicKeyID, PublicKey: c.PublicKey}
	}
	if c := a.Config.Alipay; c.AppID != "" {
		env.Alipay = &credentials.Alipay{AppID: c.AppID, PrivateKey: c.PrivateKey, PublicKey: c.PublicKey}
	}
	return credentials.NewService(a.DB.Gorm, credentials.Options{Secret: a.Config.Secret, Env: env, Passwords: a.Admins,
		Deployment: credentials.Deployment{BaseURL: a.Config.BaseURL, Production: a.Config.IsProduction(),
			WeChatAppID: a.Config.WeChat.AppID, AlipayGateway: a.Config.Alipay.Gateway, HTTPClient: hc}})
}

// wechatPay builds WeChat Pay from the credentials of this start (nil: off).
// Credentials from the environment that do not build stop the start;
// stored ones were checked by Start.
func (a *App) wechatPay(ctx context.Context, c *credentials.WeChatPay) (*wechatpay.Client, payment.Identity, error) {
	if c == nil {
		return nil, payment.Identity{}, nil
	}
	d := a.PaymentCredentials.Deployment()
	wx, err := d.NewWeChatPay(ctx, *c)
	if err != nil {
		return nil, payment.Identity{}, fmt.Errorf("WeChat Pay settings: %w", err)
	}
	return wx, payment.Identity{AppID: d.WeChatPayConfig(*c).AppID, MchID: c.MchID}, nil
}

// alipay builds Alipay from the credentials of this start (nil: off).
func (a *App) alipay(c *credentials.Alipay) (*alipay.Client, error) {
	if c == nil {
		return nil, nil
	}
	ali, err := a.PaymentCredentials.Deployment().NewAlipay(*c)
	if err != nil {
		return nil, fmt.Errorf("Alipay settings: %w", err)
	}
	return ali, nil
}

// wireWithdrawals builds payout accounts and withdrawals. Withdrawals to
// WeChat and Alipay accounts are paid through the configured providers
// (WeChat also needs a transfer scene in the payout settings); bank
// accounts and unconfigured providers are paid manually. Payout accounts
// are sealed with a key derived from the server secret; accounts stored
// in plain text by an older version are sealed here, on start.
func (a *App) wireWithdrawals(ctx context.Context) error {
	box, err := sealed.New(a.Config.Secret, "payout_accounts")
	if err != nil {
		return err
	}
	payouts := map[withdrawal.Kind]withdrawal.Payout{}
	if a.WeChatPay != nil {
		payouts[withdrawal.KindWeChat] = providers.WeChatPayout{Client: a.WeChatPay, AppID: a.WeChatPayID.AppID,
			OpenIDs: a.Members, NotifyURL: a.Config.BaseURL + "/api/pay/notify/wechatpay"}
	}
	if a.Alipay != nil {
		payouts[withdrawal.KindAlipay] = providers.AlipayPayout{Client: a.Alipay}
	}
	a.Withdrawals = withdrawal.NewService(a.DB.Gorm, withdrawal.Deps{Distributors: a.Referral, Shoppers: a.Members,
		Notifier: a.Notify, Passwords: a.Admins, Jobs: a.Jobs, Payouts: payouts}, box)
	n, err := a.Withdrawals.SealLegacy(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("sealed payout accounts stored in plain text", "count", n)
	}
	return nil
}

// registerJobs gives each domain's background jobs to the queue: the
// workers of jobs enqueued in state changes' transactions, and the
// periodic sweeps (auto-cancel, auto-confirm, settlement, payment polls,
// payouts, notifications, exports, statements).
func (a *App) registerJobs() {
	order.RegisterJobs(a.Jobs, a.Orders)
	payment.RegisterJobs(a.Jobs, a.Payments)
	notify.RegisterJobs(a.Jobs, a.Notify)
	commission.RegisterJobs(a.Jobs, a.Commissions)
	withdrawal.RegisterJobs(a.Jobs, a.Withdrawals)
	export.RegisterJobs(a.Jobs, a.Exports)
	statement.RegisterJobs(a.Jobs, a.Statements)
}
