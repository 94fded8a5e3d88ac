package commission

import (
	"math/bits"

	"fenxiao/internal/platform/money"
)

// RefundState is one tier's commission on one order line when a refund of
// that line is recorded.
type RefundState struct {
	// Earned is the commission accrued for this tier of the line.
	Earned money.Fen
	// Paid is the paid amount of the line (the base Earned was computed on).
	Paid money.Fen
	// Refunded is the cumulative refunded amount of the line, this refund
	// included.
	Refunded money.Fen
	// Reversed is the commission already reversed by earlier refunds.
	Reversed money.Fen
}

// ReversalDue returns how much of the earned commission to reverse for the
// refund that brought the line's cumulative refund to s.Refunded.
//
// It works on cumulative amounts, so partial refunds never drift: the total
// that should be reversed once `cum` of `paid` is refunded is
//
//	ReversedAfter(cum) = Earned - floor(Earned x (Paid - cum) / Paid)
//
// (the distributor keeps the floored pro-rata share of what was not
// refunded), and the amount due now is ReversedAfter(cum) - s.Reversed. After
// any sequence of partial refunds that adds up to Paid, the reversals add up
// to exactly Earned. The result is never negative and never more than
// Earned - s.Reversed, so a distributor never loses more than it earned.
func ReversalDue(s RefundState) money.Fen {
	due := ReversedAfter(s.Earned, s.Paid, s.Refunded) - max(s.Reversed, 0)
	if due <= 0 {
		return 0
	}
	return due
}

// ReversedAfter is the total commission that should have been reversed once
// refunded of paid has been refunded (see ReversalDue). Refunded is clamped
// to 0..paid; a non-positive earned or paid gives 0.
func ReversedAfter(earned, paid, refunded money.Fen) money.Fen {
	if earned <= 0 || paid <= 0 || refunded <= 0 {
		return 0
	}
	if refunded >= paid {
		return earned
	}
	return earned - mulDiv(earned, paid-refunded, paid)
}

// mulDiv is floor(a*b/c) for 0 <= b <= c, computed in 128 bits so that
// large lines cannot overflow; the quotient is at most a.
func mulDiv(a, b, c money.Fen) money.Fen {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	q, _ := bits.Div64(hi, lo, uint64(c))
	return money.Fen(q)
}
