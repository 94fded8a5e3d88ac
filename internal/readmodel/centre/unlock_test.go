package centre

import (
	"testing"
	"time"
)

func TestUnlockInfo(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC) // 01:00 next day in Shanghai
	str := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	for _, tc := range []struct {
		status, orderStatus string
		unlockAt            *time.Time
		on, reason          string
	}{
		{"pending", "paid", nil, "<nil>", UnlockAwaitingDelivery},
		{"pending", "shipped", nil, "<nil>", UnlockAwaitingDelivery},
		{"pending", "completed", &at, "2026-11-24", UnlockAfterSales},
		{"settled", "completed", &at, "<nil>", "<nil>"},
		{"reversed", "refunded", nil, "<nil>", UnlockRefunded},
	} {
		on, reason := unlockInfo(tc.status, tc.orderStatus, tc.unlockAt)
		if str(on) != tc.on || str(reason) != tc.reason {
			t.Errorf("%s/%s: got %s %s, want %s %s", tc.status, tc.orderStatus, str(on), str(reason), tc.on, tc.reason)
		}
	}
}
