package withdrawal

import (
	"testing"
	"time"
)

// The number a payout is sent under is derived from the id alone and fits
// WeChat's 5-32 letters and digits.
func TestPayoutNoOf(t *testing.T) {
	t.Parallel()
	for id, want := range map[int64]string{1: "W00000001", 42: "W00000042", 123456789: "W123456789"} {
		if got := PayoutNoOf(id); got != want {
			t.Errorf("PayoutNoOf(%d) = %q, want %q", id, got, want)
		}
	}
}

func TestPayoutDelay(t *testing.T) {
	t.Parallel()
	for asked, want := range map[int]time.Duration{0: time.Minute, 1: 2 * time.Minute, 5: 32 * time.Minute, 6: time.Hour, 40: time.Hour} {
		if got := PayoutDelay(asked); got != want {
			t.Errorf("PayoutDelay(%d) = %v, want %v", asked, got, want)
		}
	}
}

func TestFailReason(t *testing.T) {
	t.Parallel()
	old := time.Now().Add(-25 * time.Hour)
	recent := time.Now()
	for _, tc := range []struct {
		w    Withdrawal
		r    Result
		want string
	}{
		{Withdrawal{PayoutState: PayoutCanceling}, Result{}, "商家已撤销本次转账"},
		{Withdrawal{PayoutState: PayoutCanceling, Reason: lostPackage}, Result{}, lostPackage},
		{Withdrawal{PayoutState: PayoutWaitUser, PayoutSentAt: &old}, Result{Reason: "X"}, "超过 24 小时未在微信确认收款，转账已关闭"},
		{Withdrawal{PayoutState: PayoutWaitUser, PayoutSentAt: &recent}, Result{Reason: "风控"}, "转账未成功：风控"},
		{Withdrawal{PayoutState: PayoutSending}, Result{}, "转账未成功"},
	} {
		if got := failReason(&tc.w, tc.r); got != tc.want {
			t.Errorf("failReason(%s, %q) = %q, want %q", tc.w.PayoutState, tc.r.Reason, got, tc.want)
		}
	}
}
