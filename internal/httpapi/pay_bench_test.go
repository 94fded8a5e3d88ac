package httpapi_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"fenxiao/internal/payment/wechatpay/wechatfake"
	"fenxiao/internal/testkit"
)

// BenchmarkPaymentNotification measures the whole notification path as
// WeChat Pay drives it: HTTP POST of a signed, encrypted notification ->
// signature and timestamp verification -> AES-GCM decryption -> amount,
// app id and merchant id checks -> attempt and order marked paid ->
// tier-1 and tier-2 commission records with ledger postings ->
// leaderboard counters and rank histogram -> notifications -> 204, with
// 8 notifications in flight (WeChat delivers concurrently). Orders,
// prepays and signed notifications are made before the timer starts.
// Reports notifications/s; `make bench-notify` runs it with pgbench -N
// for comparison on the same machine.
func BenchmarkPaymentNotification(b *testing.B) {
	for _, d := range testkit.Dialects() {
		b.Run(d, func(b *testing.B) {
			w := newPayWorld(b, testkit.FreshDatabaseURL(b, d))
			notes := make([]*wechatfake.Notification, b.N)
			for i := range notes {
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
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					n := notes[next.Add(1)-1]
					if status, err := n.Post(context.Background(), hc, url); err != nil || status != http.StatusNoContent {
						b.Errorf("notification answered %d, %v", status, err)
					}
				}
			})
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "notifications/s")
			if paid := w.a.OrderCount(b, "orders", "status = 'paid'"); paid != int64(b.N) {
				b.Fatalf("%d orders paid, want %d", paid, b.N)
			}
			if recs := w.a.OrderCount(b, "commission_records"); recs != int64(2*b.N) {
				b.Fatalf("%d commission records, want %d", recs, 2*b.N)
			}
		})
	}
}
