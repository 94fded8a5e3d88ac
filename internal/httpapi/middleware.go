package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/apperr"
)

const (
	requestIDHeader = "X-Request-Id"
	ctxRequestID    = "fx.request_id"
	ctxLogger       = "fx.logger"
	// defaultBodyLimit caps JSON bodies; uploads set their own limit.
	defaultBodyLimit = 1 << 20
	requestTimeout   = 30 * time.Second
)

type requestIDKey struct{}

// RequestIDFromContext returns the request id, for log correlation.
func RequestIDFromContext(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func requestID(c *gin.Context) string { return c.GetString(ctxRequestID) }

// withLogger puts the server's logger on the gin context, so every line a
// request causes (Fail's internal errors included) goes through it: JSON,
// its level and its sink.
func withLogger(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Set(ctxLogger, log)
		c.Next()
	}
}

// logger is the server's logger for this request.
func logger(c *gin.Context) *slog.Logger {
	if l, ok := c.Get(ctxLogger); ok {
		return l.(*slog.Logger)
	}
	// Only a handler run outside the server's engine (never in serving)
	// gets here.
	return slog.Default()
}

// withRequestID takes a sane incoming X-Request-Id or makes one, and puts it
// on the response, the gin context and the request context.
func withRequestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(requestIDHeader)
		if len(id) == 0 || len(id) > 64 {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		c.Set(ctxRequestID, id)
		c.Header(requestIDHeader, id)
		c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), requestIDKey{}, id))
		c.Next()
	}
}

// withTimeout bounds every request's database work.
func withTimeout() gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), requestTimeout)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// limitBody caps how much of a body handlers may read.
func limitBody(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > n {
			Fail(c, &apperr.Error{Code: apperr.CodeTooLarge, Message: fmt.Sprintf("the request body is too large (limit %d bytes)", n)})
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}

// accessLog writes one JSON log line per request and feeds the latency
// histogram. It logs the route pattern, never query strings or bodies,
// which may hold phone numbers or codes.
func (s *Server) accessLog() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		status := c.Writer.Status()
		elapsed := time.Since(start)
		if s.deps.Metrics != nil {
			s.deps.Metrics.ObserveRequest(c.Request.Method, route, strconv.Itoa(status), elapsed)
		}
		if route == "/healthz" || route == "/metrics" {
			return
		}
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		s.deps.Log.LogAttrs(c.Request.Context(), level, "http request",
			slog.String("request_id", requestID(c)), slog.String("method", c.Request.Method),
			slog.String("route", route), slog.Int("status", status),
			slog.Float64("ms", float64(elapsed.Microseconds())/1000), slog.String("ip", c.ClientIP()))
	}
}

// recoverPanics turns a panic into a logged internal error.
func (s *Server) recoverPanics() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				s.deps.Log.Error("panic", "request_id", requestID(c), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				Fail(c, fmt.Errorf("panic: %v", r))
			}
		}()
		c.Next()
	}
}

// securityHeaders sets conservative headers on every response.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "SAMEORIGIN")
		c.Next()
	}
}

// noStore keeps API responses out of caches.
func noStore() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header("Cache-Control", "no-store")
		c.Next()
	}
}
