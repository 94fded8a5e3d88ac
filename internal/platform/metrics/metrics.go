// Package metrics exposes Prometheus metrics: request latency by route and
// gauges of domain states (orders and payments by state) that are read from
// the database when scraped, so they are right after a restart too.
package metrics

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// StateCounter returns a count per state.
type StateCounter func(ctx context.Context) (map[string]int64, error)

// Registry holds Fenxiao's metrics.
type Registry struct {
	reg      *prometheus.Registry
	Requests *prometheus.HistogramVec
	log      *slog.Logger
	mu       sync.Mutex
}

// New returns a registry with process and Go runtime collectors.
func New(log *slog.Logger) *Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	req := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "fenxiao_http_request_duration_seconds",
		Help:    "HTTP request latency by method, route pattern and status.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"method", "route", "status"})
	reg.MustRegister(req)
	return &Registry{reg: reg, Requests: req, log: log}
}

// ObserveRequest records one request.
func (r *Registry) ObserveRequest(method, route, status string, d time.Duration) {
	r.Requests.WithLabelValues(method, route, status).Observe(d.Seconds())
}

// RegisterStates adds a gauge family name{state=...} read via count on scrape.
func (r *Registry) RegisterStates(name, help string, count StateCounter) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reg.MustRegister(&stateCollector{desc: prometheus.NewDesc(name, help, []string{"state"}, nil), count: count, log: r.log})
}

// Handler serves the metrics.
func (r *Registry) Handler() http.Handler {
	return promhttp.HandlerFor(r.reg, promhttp.HandlerOpts{})
}

type stateCollector struct {
	desc  *prometheus.Desc
	count StateCounter
	log   *slog.Logger
}

func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.count(ctx)
	if err != nil {
		c.log.Warn("metrics: state count failed", "metric", c.desc.String(), "err", err)
		return
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), state)
	}
}
