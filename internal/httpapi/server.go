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
	"fenxiao/internal/payment/providers"
	"fenxiao/internal/payment/statement"
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
	Config      config.Config
	Log         *slog.Logger
	DB          *database.DB
	Metrics     *metrics.Registry
	Jobs        *jobs.Queue
	Sessions    *session.Service
	Audit       *audit.Log
	Admins      *adminauth.Service
	Members     *member.Service
	Catalog     *catalog.Service
	Media       *media.Service
	Cart        *cart.Service
	Orders      *order.Service
	Payments    *payment.Service
	PayGateway  *providers.Gateway
	Referral    *referral.Service
	Withdrawals *withdrawal.Service
	Commissions *commission.Service
	Centre      *centre.Service
	Exports     *export.Service
	Statements  *statement.Service

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
	s.engine.Use(withRequestID(), s.recoverPanics(), s.accessLog(), securityHeaders())
	s.routes()
	return s
}

// Handler returns the http.Handler to serve.
func (s *Server) Handler() http.Handler { return s.engine }

// Routes lists registered method+path pairs (for the OpenAPI coverage test).
func (s *Server) Routes() gin.RoutesInfo { return s.engine.Routes() }

func (s *Server) routes() {
	e := s.engine
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	if s.deps.Metrics != nil {
		e.GET("/metrics", gin.WrapH(s.deps.Metrics.Handler()))
	}
	e.GET("/api/openapi.json", s.openAPI)

	api := e.Group("/api", noStore(), withTimeout(), limitBody(defaultBodyLimit))
	shopPublic := api.Group("/shop")
	shop := api.Group("/shop", s.requireShopper())
	adminPublic := api.Group("/admin")
	admin := api.Group("/admin", s.requireAdmin())
	super := admin.Group("", requireSuper())

	s.mountAdminAuth(adminPublic, admin, super)
	s.mountAudit(admin)
	s.mountMember(shopPublic, shop, admin, super)
	s.mountCatalog(shopPublic, admin)
	s.mountUploads(e)
	s.mountOrders(shop, admin)
	s.mountJobs(admin)
	s.mountNotify(shop)
	s.mountReferral(shopPublic, shop, admin, super)
	s.mountWithdrawal(shop, admin, super)
	s.mountCommission(admin, super)
	s.mountCentre(shop)
	s.mountExport(admin)
	s.mountAdminPayments(admin)
	s.mountPaymentSettings(super)
	s.mountStatements(admin)
	s.mountDashboard(admin)
	s.mountAdminLeaderboard(admin)
	s.mountWeChatJSSDK(shopPublic)
	s.mountPayNotify(api)

	e.NoMethod(func(c *gin.Context) {
		Fail(c, &apiErrMethod)
	})
	e.NoRoute(s.noRoute)
}

func (s *Server) healthz(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) }

// readyz reports ready only when the database answers.
func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	if err := s.deps.DB.Ping(ctx); err != nil {
		s.deps.Log.Warn("readiness: database unreachable", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "database": "unreachable"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "database": string(s.deps.DB.Dialect)})
}
