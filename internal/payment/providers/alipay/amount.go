package alipay

import (
	"fmt"
	"strconv"
	"strings"

	"fenxiao/internal/platform/money"
)

// FenToYuan formats fen as Alipay's yuan string with exactly two decimals:
// 1999 -> "19.99", 5 -> "0.05", -12 -> "-0.12". Integer arithmetic only.
func FenToYuan(f money.Fen) string {
	v := int64(f)
	sign := ""
	if v < 0 {
		sign = "-"
	}
	// Work on the magnitude digit by digit so math.MinInt64 cannot overflow.
	whole, frac := v/100, v%100
	if whole < 0 {
		whole = -whole
	}
	if frac < 0 {
		frac = -frac
	}
	return sign + strconv.FormatInt(whole, 10) + "." + fmt.Sprintf("%02d", frac)
}

// maxYuanDigits keeps whole*100 far inside int64.
const maxYuanDigits = 15

// YuanToFen parses a yuan string exactly: an optional "-", digits, and
// optionally "." with one or two digits ("19.99", "0.5", "3", "-0.12").
// Anything else (more decimals, exponents, "+", spaces, thousands
// separators) is an error rather than a rounded guess.
func YuanToFen(s string) (money.Fen, error) {
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimPrefix(s, "-")
	whole, frac, hasDot := strings.Cut(body, ".")
	if !allDigits(whole) || len(whole) > maxYuanDigits || (hasDot && (len(frac) < 1 || len(frac) > 2 || !allDigits(frac))) {
		return 0, fmt.Errorf("alipay: %q is not a yuan amount", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, _ := strconv.ParseInt(whole, 10, 64) // digits only, at most 15 of them
	c, _ := strconv.ParseInt(frac, 10, 64)
	v := w*100 + c
	if neg {
		v = -v
	}
	return money.Fen(v), nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
