package commission_test

import (
	"testing"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/platform/money"
)

// reverseSequence applies refunds one by one the way a caller would: it
// tracks the cumulative refund and what was already reversed.
func reverseSequence(earned, paid money.Fen, refunds []money.Fen) []money.Fen {
	var cum, reversed money.Fen
	dues := make([]money.Fen, 0, len(refunds))
	for _, r := range refunds {
		cum += r
		due := commission.ReversalDue(commission.RefundState{Earned: earned, Paid: paid, Refunded: cum, Reversed: reversed})
		reversed += due
		dues = append(dues, due)
	}
	return dues
}

func TestReversalDueSequences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		earned  money.Fen
		paid    money.Fen
		refunds []money.Fen
		want    []money.Fen
	}{
		{"single full refund", 1000, 10000, []money.Fen{10000}, []money.Fen{1000}},
		{"uneven thirds sum to earned", 333, 1000, []money.Fen{100, 200, 700}, []money.Fen{34, 66, 233}},
		{"1 fen commission reversed once", 1, 3, []money.Fen{1, 1, 1}, []money.Fen{1, 0, 0}},
		{"halves of 100%", 100, 100, []money.Fen{50, 50}, []money.Fen{50, 50}},
		{"1 fen refund then the rest", 99, 10000, []money.Fen{1, 9999}, []money.Fen{1, 98}},
		{"many 1 fen refunds", 2, 5, []money.Fen{1, 1, 1, 1, 1}, []money.Fen{1, 0, 1, 0, 0}},
		{"partial only keeps the floored remainder", 1000, 3000, []money.Fen{1000}, []money.Fen{334}}, // keeps floor(666.67)
		{"over-refund is clamped to the line", 100, 1000, []money.Fen{600, 600}, []money.Fen{60, 40}},
		{"zero refund reverses nothing", 100, 1000, []money.Fen{0, 1000}, []money.Fen{0, 100}},
		{"nothing earned, nothing reversed", 0, 1000, []money.Fen{500, 500}, []money.Fen{0, 0}},
		{"large line does not overflow", 4_000_000_000_000, 9_000_000_000_000,
			[]money.Fen{3_000_000_000_000, 6_000_000_000_000}, []money.Fen{1_333_333_333_334, 2_666_666_666_666}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reverseSequence(tt.earned, tt.paid, tt.refunds)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("reversals %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestReversalDueNeverExceedsWhatIsLeft(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		s    commission.RefundState
		want money.Fen
	}{
		{"already reversed more than due", commission.RefundState{Earned: 100, Paid: 1000, Refunded: 100, Reversed: 80}, 0},
		{"already reversed everything", commission.RefundState{Earned: 100, Paid: 1000, Refunded: 1000, Reversed: 100}, 0},
		{"negative refund", commission.RefundState{Earned: 100, Paid: 1000, Refunded: -5}, 0},
		{"zero paid", commission.RefundState{Earned: 100, Paid: 0, Refunded: 10}, 0},
		{"negative reversed is ignored", commission.RefundState{Earned: 100, Paid: 1000, Refunded: 1000, Reversed: -50}, 100},
	}
	for _, tt := range tests {
		if got := commission.ReversalDue(tt.s); got != tt.want {
			t.Errorf("%s: ReversalDue(%+v) = %d, want %d", tt.name, tt.s, got, tt.want)
		}
	}
}
