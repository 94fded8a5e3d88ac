package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"fenxiao/internal/payment/wechatpay/wechatfake"
	"fenxiao/internal/session"
	"fenxiao/internal/testkit"
)

// BenchmarkPaymentNotification measures the whole notification path as
// WeChat Pay drives it: HTTP POST of a signed, encrypted notification ->
// signature and timestamp verification -> AES-GCM decryption -> amount,
// app id and merchant id checks -> attempt and order marked paid ->
// tier-1 and tier-2 commission records with ledger postings ->
// leaderboard events -> notifications -> 204, with 8 notifications in
// flight (WeChat delivers concurrently). The leaderboard counter runs
// every half second as in the server, and the events still pending at the
// end are counted before the timer stops, so every notification's whole
// work is measured. Orders, prepays and signed notifications are made
// before the timer starts.
// Reports notifications/s; `make bench-notify` runs it with pgbench -N
// for comparison on the same machine.
func BenchmarkPaymentNotification(b *testing.B) {
	for _, d := range testkit.Dialects() {
		for _, spread := range []int{1, 64} {
			b.Run(fmt.Sprintf("%s/distributor_pairs=%d", d, spread), func(b *testing.B) {
				benchNotifications(b, d, spread)
			})
		}
	}
}

// benchNotifications pays b.N orders by notification, the buyers spread
// evenly over `pairs` distributor pairs (tier 1 under tier 2): 1 is the
// worst case of one distributor selling everything, 64 a shop whose sales
// come through many distributors. All orders are for one product.
func benchNotifications(b *testing.B, dialect string, pairs int) {
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
		if err := w.fakes.WeChat.MarkPaid(st.Payment.OutTradeNo); err != nil {
			b.Fatal(err)
		}
		n, err := w.fakes.WeChat.PaymentNotification(st.Payment.OutTradeNo)
		if err != nil {
			b.Fatal(err)
		}
		notes[i] = n
	}
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	url := w.notifyURL("wechatpay")
	var next atomic.Int64
	b.SetParallelism(4) // x GOMAXPROCS (2 here) = 8 in flight
	b.ResetTimer()
	counting, stopCounting := context.WithCancel(context.Background())
	counted := make(chan struct{})
	go func() {
		defer close(counted)
		w.a.RunLeaderboardCounter(counting)
	}()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := notes[next.Add(1)-1]
			if status, err := n.Post(context.Background(), hc, url); err != nil || status != http.StatusNoContent {
				b.Errorf("notification answered %d, %v", status, err)
			}
		}
	})
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
