// Package httpapi is Fenxiao's HTTP surface: the shop API under /api/shop,
// the admin API under /api/admin, health, metrics and the embedded web
// apps. Handlers are thin: bind input, call one service method, write JSON
// or Fail. Domain packages know nothing of gin.
package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/payment"
	"fenxiao/internal/payment/credentials"
	"fenxiao/internal/payment/statement"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/config"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/jobs"
	"fenxiao/internal/platform/metrics"
	"fenxiao/internal/platform/session"
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
)

// Deps is everything the handlers call. internal/app builds it.
type Deps struct {
	Config   config.Config
	Log      *slog.Logger
	DB       *database.DB
	Metrics  *metrics.Registry
	Jobs     *jobs.Queue
	Sessions *session.Service
	Audit    *audit.Log
	Admins   *adminauth.Service
	Members  *member.Service
	Catalog  *catalog.Service
	Media    *media.Service
	Cart     *cart.Service
	Orders   *order.Service
	Payments *payment.Service
	// PayProviders receive the payment providers' notifications.
	PayProviders PayProviders
	Referral     *referral.Service
	Withdrawals  *withdrawal.Service
	Commissions  *commission.Service
	Centre       *centre.Service
	Exports      *export.Service
	Statements   *statement.Service

	// PaymentCredentials: the WeChat Pay and Alipay credentials a super admin enters.
	PaymentCredentials *credentials.Service

	Notify      *notify.Service
	Leaderboard leaderboard.Board
	// Dashboard is the admin overview; WeChatJSSDK signs the H5 share menu.
	Dashboard   *dashboard.Service
	WeChatJSSDK *wechat.JSSDK
	// Web serves the built front ends; nil serves a "not built" page.
	Web http.Handler
}

// Server is the HTTP surface.
type Server struct {
	deps   Deps
	engine *gin.Engine
	ops    []op // every route's declaration, in registration order
}

// New builds the router.
func New(deps Deps) *Server {
	gin.SetMode(gin.ReleaseMode)
	s := &Server{deps: deps, engine: gin.New()}
	s.engine.ContextWithFallback = true
	s.engine.HandleMethodNotAllowed = true
	// Only configured proxies may set the client IP through X-Forwarded-For;
	// per-IP rate limits depend on it. Config validation rejects bad entries.
	if err := s.engine.SetTrustedProxies(deps.Config.ProxyList()); err != nil {
		deps.Log.Error("ignoring FENXIAO_TRUSTED_PROXIES", "err", err)
		s.engine.SetTrustedProxies(nil)
	}
	s.engine.Use(withLogger(deps.Log), withRequestID(), s.recoverPanics(), s.accessLog(), securityHeaders())
	s.routes()
	return s
}

// Handler returns the http.Handler to serve.
func (s *Server) Handler() http.Handler { return s.engine }

// Routes lists registered method+path pairs (for the OpenAPI coverage test).
func (s *Server) Routes() gin.RoutesInfo { return s.engine.Routes() }

// routes registers every route. Each area's file declares its routes with
// s.handle, which registers and documents each one in one call.
func (s *Server) routes() {
	s.handle(op{Method: "GET", Path: "/healthz", Tag: "ops", Summary: "Liveness probe", Auth: authPublic}, s.healthz)
	s.handle(op{Method: "GET", Path: "/readyz", Tag: "ops", Auth: authPublic,
		Summary: "Readiness probe: the database answers"}, s.readyz)
	s.handle(op{Method: "GET", Path: "/metrics", Tag: "ops", Summary: "Prometheus metrics", Auth: authPublic}, s.metrics)
	s.handle(op{Method: "GET", Path: "/api/openapi.json", Tag: "ops", Summary: "This document", Auth: authPublic}, s.openAPI)

	s.mountShopMember()
	s.mountShopAddresses()
	s.mountShopCatalog()
	s.mountShopCart()
	s.mountShopOrders()
	s.mountShopPay()
	s.mountShopReferral()
	s.mountShopWithdrawal()
	s.mountShopCentre()
	s.mountShopNotify()
	s.mountShopWeChatJSSDK()
	s.mountUploads()

	s.mountAdminAuth()
	s.mountAdminAudit()
	s.mountAdminJobs()
	s.mountAdminMember()
	s.mountAdminCatalog()
	s.mountAdminOrders()
	s.mountAdminReferral()
	s.mountAdminDistributorLists()
	s.mountAdminWithdrawal()
	s.mountAdminCommission()
	s.mountAdminExport()
	s.mountAdminPayments()
	s.mountAdminPaymentSettings()
	s.mountAdminStatements()
	s.mountAdminDashboard()
	s.mountAdminLeaderboard()

	s.mountPayNotify()

	s.engine.NoMethod(methodNotAllowed)
	s.engine.NoRoute(s.noRoute)
}

func (s *Server) healthz(c *gin.Context) { respond(c, gin.H{"status": "ok"}, nil) }

// metrics serves Prometheus metrics (none when the registry is not wired).
func (s *Server) metrics(c *gin.Context) {
	if s.deps.Metrics == nil {
		Fail(c, apperr.NotFound("metrics are not enabled"))
		return
	}
	s.deps.Metrics.Handler().ServeHTTP(c.Writer, c.Request)
}

// readyz reports ready only when the database answers. It is a probe, not
// an API route: its 503 names what is down instead of the error envelope.
func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	if err := s.deps.DB.Ping(ctx); err != nil {
		s.deps.Log.Warn("readiness: database unreachable", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "database": "unreachable"})
		return
	}
	respond(c, gin.H{"status": "ready", "database": string(s.deps.DB.Dialect)}, nil)
}
