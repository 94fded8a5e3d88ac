package testkit

import (
	"slices"
	"testing"
	"time"
)

// BenchP99 runs op b.N times and, besides ns/op, reports the 99th
// percentile of the individual calls as "p99-ms". prepare, when not nil,
// runs before each op with the timer stopped (for example to place the
// order the op then pays).
func BenchP99(b *testing.B, prepare func(i int), op func(i int)) {
	b.Helper()
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if prepare != nil {
			b.StopTimer()
			prepare(i)
			b.StartTimer()
		}
		start := time.Now()
		op(i)
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	b.ReportMetric(P99(took).Seconds()*1000, "p99-ms")
}

// P99 is the 99th percentile (nearest rank) of ds; 0 when ds is empty.
func P99(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)*99+99)/100-1]
}
