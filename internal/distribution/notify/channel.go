package notify

import (
	"context"
	"regexp"
	"strings"
)

// Channel delivers a committed notification somewhere beyond the in-app
// inbox. Deliver may be retried, so it should be idempotent on n.ID.
type Channel interface {
	Name() string
	Deliver(ctx context.Context, n Notification) error
}

// forbiddenKeys are data keys that would carry personal data.
var forbiddenKeys = []string{"phone", "mobile", "openid", "unionid", "account", "id_card", "real_name"}

func forbiddenKey(k string) bool {
	k = strings.ToLower(k)
	for _, f := range forbiddenKeys {
		if strings.Contains(k, f) {
			return true
		}
	}
	return false
}

// mobileRe finds mainland mobile numbers embedded in text.
var mobileRe = regexp.MustCompile(`(^|\D)(1[3-9]\d)(\d{4})(\d{4})($|\D)`)

// maskText masks phone-like digit runs as 138****8000 (belt and braces:
// callers should already pass masked values).
func maskText(s string) string {
	for {
		out := mobileRe.ReplaceAllString(s, "$1$2****$4$5")
		if out == s {
			return out
		}
		s = out
	}
}

// maskValue masks strings anywhere inside decoded JSON data.
func maskValue(v any) any {
	switch x := v.(type) {
	case string:
		return maskText(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if forbiddenKey(k) {
				continue
			}
			out[k] = maskValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = maskValue(e)
		}
		return out
	default:
		return v
	}
}
