// Package money holds Fenxiao's money types. All amounts are integer fen
// (1 yuan = 100 fen) and all rates are basis points (10000 = 100%); floats
// never touch money.
package money

import (
	"fmt"
	"strconv"
	"strings"
)

// Fen is an amount of Chinese yuan in fen.
type Fen int64

// BP is a rate in basis points: 10000 = 100%.
type BP int32

// FullRate is 100% in basis points.
const FullRate BP = 10000

// Yuan formats f as a decimal yuan string with exactly two decimals
// ("19.99", "-0.05"), the form Alipay and people expect.
func (f Fen) Yuan() string {
	sign := ""
	v := int64(f)
	if v < 0 {
		sign = "-"
		v = -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// ParseYuan parses a decimal yuan string with at most two decimals into fen.
// It refuses anything that would lose precision instead of rounding.
func ParseYuan(s string) (Fen, error) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasDot := strings.Cut(s, ".")
	if !allDigits(whole) || (hasDot && (len(frac) == 0 || len(frac) > 2 || !allDigits(frac))) {
		return 0, fmt.Errorf("parse yuan %q: want digits with at most two decimals", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w < 0 {
		return 0, fmt.Errorf("parse yuan %q: %w", s, err)
	}
	fr, err := strconv.ParseInt(frac, 10, 64)
	if err != nil || fr < 0 {
		return 0, fmt.Errorf("parse yuan %q: bad decimals", s)
	}
	if w > (1<<62)/100 {
		return 0, fmt.Errorf("parse yuan %q: too large", s)
	}
	v := w*100 + fr
	if neg {
		v = -v
	}
	return Fen(v), nil
}

// ApplyRate returns amount * rate / 10000 rounded down (toward zero for
// non-negative amounts) to the fen. This floor rule is the one rounding rule
// for commissions: the merchant never pays a fraction of a fen more than the
// rate says.
func ApplyRate(amount Fen, rate BP) Fen {
	if amount <= 0 || rate <= 0 {
		return 0
	}
	return Fen(int64(amount) * int64(rate) / int64(FullRate))
}

// allDigits reports whether s is one or more ASCII digits (no sign, which
// strconv.ParseInt would accept).
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
