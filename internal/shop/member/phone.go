package member

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"fenxiao/internal/platform/apperr"
)

// mobileRe matches a mainland China mobile number (11 digits, 13x-19x).
var mobileRe = regexp.MustCompile(`^1[3-9]\d{9}$`)

// ValidMobile reports whether phone is a mainland China mobile number.
func ValidMobile(phone string) bool { return mobileRe.MatchString(phone) }

// normalizeMobile trims spaces and checks the number; field names the
// input in the error. Errors: invalid.
func normalizeMobile(field, phone string) (string, error) {
	phone = strings.TrimSpace(phone)
	if !ValidMobile(phone) {
		return "", apperr.InvalidField(field, "must be a mainland China mobile number (11 digits starting with 13-19)")
	}
	return phone, nil
}

// MaskPhone hides the middle of a phone number for lists and logs:
// 13812348000 -> 138****8000. Shorter numbers keep at most their first
// and last two characters; very short ones are masked entirely, so the
// output never reveals more than a third of the input.
func MaskPhone(phone string) string {
	n := utf8.RuneCountInString(phone)
	r := []rune(phone)
	switch {
	case n == 0:
		return ""
	case n >= 11:
		return string(r[:3]) + strings.Repeat("*", n-7) + string(r[n-4:])
	case n >= 7:
		return string(r[:2]) + strings.Repeat("*", n-4) + string(r[n-2:])
	default:
		return strings.Repeat("*", n)
	}
}
