package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fenxiao/internal/payment/providers/wechatpay/wechatfake"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/testkit"
)

// BenchmarkPaymentNotification measures the whole notification path as
// WeChat Pay drives it: HTTP POST of a signed, encrypted notification ->
// signature and timestamp verification -> AES-GCM decryption -> amount,
// app id and merchant id checks -> attempt and order marked paid ->
// tier-1 and tier-2 commission records with ledger postings ->
// leaderboard events -> notifications -> 204, with a fixed number of
// notifications in flight (closed loop: each sender posts the next one as
// soon as its last one is answered). The leaderboard counter runs every
// half second as in the server, and the events still pending at the end
// are counted before the timer stops, so every notification's whole work
// is measured. Orders, prepays and signed notifications are made before
// the timer starts. Reports notifications/s; `make bench-notify` runs it
// with pgbench -N for comparison on the same machine.
func BenchmarkPaymentNotification(b *testing.B) {
	for _, d := range testkit.Dialects() {
		for _, spread := range []int{1, 64} {
			for _, inFlight := range []int{8, 32} {
				b.Run(fmt.Sprintf("%s/distributor_pairs=%d/in_flight=%d", d, spread, inFlight), func(b *testing.B) {
					n := prepareNotifications(b, d, spread)
					n.run(b, func(post func(i int)) {
						var next atomic.Int64
						var wg sync.WaitGroup
						for range inFlight {
							wg.Add(1)
							go func() {
								defer wg.Done()
								for i := int(next.Add(1) - 1); i < b.N; i = int(next.Add(1) - 1) {
									post(i)
								}
							}()
						}
						wg.Wait()
					})
				})
			}
		}
	}
}

// BenchmarkPaymentNotificationAtRate offers notifications at a fixed rate
// (open loop: each is sent on schedule, whether or not earlier ones were
// answered, as a provider delivering a burst of sales does) and reports
// the rate achieved and the latency of the answers. A server that keeps up
// answers at the offered rate with a steady latency; one that cannot falls
// behind and its latency grows with the run.
func BenchmarkPaymentNotificationAtRate(b *testing.B) {
	for _, d := range testkit.Dialects() {
		for _, pairs := range []int{1, 64} {
			for _, rate := range []int{1000, 1200} {
				b.Run(fmt.Sprintf("%s/distributor_pairs=%d/offered=%d", d, pairs, rate), func(b *testing.B) {
					benchAtRate(b, prepareNotifications(b, d, pairs), rate)
				})
			}
		}
	}
}

// benchAtRate posts the b.N notifications at rate per second, each on its
// schedule, and reports the answers' latency and the most in flight.
func benchAtRate(b *testing.B, n *preparedNotifications, rate int) {
	latencies := make([]time.Duration, b.N)
	var inFlight, peak atomic.Int64
	n.run(b, func(post func(i int)) {
		interval := time.Second / time.Duration(rate)
		start := time.Now()
		var wg sync.WaitGroup
		for i := range b.N {
			if wait := time.Until(start.Add(time.Duration(i) * interval)); wait > 0 {
				time.Sleep(wait)
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				now := inFlight.Add(1)
				for p := peak.Load(); now > p && !peak.CompareAndSwap(p, now); p = peak.Load() {
				}
				t0 := time.Now()
				post(i)
				latencies[i] = time.Since(t0)
				inFlight.Add(-1)
			}()
		}
		wg.Wait()
	})
	slices.Sort(latencies)
	b.ReportMetric(float64(rate), "offered/s")
	b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(peak.Load()), "peak-in-flight")
}

// preparedNotifications are b.N signed notifications of paid orders,
// waiting to be posted.
type preparedNotifications struct {
	w     *payWorld
	notes []*wechatfake.Notification
}

// prepareNotifications makes b.N orders, each with a prepay and a signed
// notification, the buyers spread evenly over `pairs` distributor pairs
// (tier 1 under tier 2): 1 is the worst case of one distributor selling
// everything, 64 a shop whose sales come through many distributors. All
// orders are for one product.
func prepareNotifications(b *testing.B, dialect string, pairs int) *preparedNotifications {
	w := newPayWorld(b, testkit.FreshDatabaseURL(b, dialect))
	shops := []*testkit.Client{w.shop}
	buyers := []int64{w.buyer}
	addrs := []int64{w.addr}
	for len(shops) < pairs {
		A := w.a.DistributorUnder(b, "")
		B := w.a.DistributorUnder(b, A.Code)
		buyer, addr := w.a.BuyerOf(b, B.Code)
		shops, buyers, addrs = append(shops, w.a.SessionClient(session.KindShop, buyer)), append(buyers, buyer), append(addrs, addr)
	}
	if err := w.a.DB.Gorm.Exec("UPDATE skus SET stock = ? WHERE id = ?", b.N, w.sku).Error; err != nil {
		b.Fatal(err)
	}
	notes := make([]*wechatfake.Notification, b.N)
	for i := range notes {
		k := i % pairs
		w.shop, w.buyer, w.addr = shops[k], buyers[k], addrs[k]
		_, st := w.pay(b, "wechat_native")
		w.providerPays(b, st)
		notes[i] = w.paymentNotice(b, st.Payment.OutTradeNo)
	}
	return &preparedNotifications{w: w, notes: notes}
}

// run times send, which must post every notification through post, with
// the leaderboard counter running, then counts what is left, reports
// notifications/s and checks that every order was paid exactly once.
func (n *preparedNotifications) run(b *testing.B, send func(post func(i int))) {
	w := n.w
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	url := w.notifyURL("wechatpay")
	post := func(i int) {
		if status, err := n.notes[i].Post(context.Background(), hc, url); err != nil || status != http.StatusNoContent {
			b.Errorf("notification answered %d, %v", status, err)
		}
	}
	b.ResetTimer()
	counting, stopCounting := context.WithCancel(context.Background())
	counted := make(chan struct{})
	go func() {
		defer close(counted)
		w.a.RunLeaderboardCounter(counting)
	}()
	send(post)
	stopCounting()
	<-counted
	if _, err := w.a.CountLeaderboardEvents(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "notifications/s")
	if paid := w.a.OrderCount(b, "orders", "status = 'paid'"); paid != int64(b.N) {
		b.Fatalf("%d orders paid, want %d", paid, b.N)
	}
	if recs := w.a.OrderCount(b, "commission_records"); recs != int64(2*b.N) {
		b.Fatalf("%d commission records, want %d", recs, 2*b.N)
	}
	var sales, paid int64
	w.a.DB.Gorm.Raw("SELECT COALESCE(SUM(value), 0) FROM leaderboard_counters WHERE metric = 'sales' AND period_kind = 'all'").Scan(&sales)
	w.a.DB.Gorm.Raw("SELECT COALESCE(SUM(pay_amount), 0) FROM orders WHERE status = 'paid'").Scan(&paid)
	if pending := w.a.OrderCount(b, "leaderboard_events", "pending = 1"); pending != 0 || sales != paid {
		b.Fatalf("leaderboard: %d events pending, all-time sales %d, paid %d", pending, sales, paid)
	}
}
