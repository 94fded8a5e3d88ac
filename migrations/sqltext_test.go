package migrations_test

import (
	"regexp"
	"strings"
)

// Small, quote-aware helpers over SQL text, shared by the schema readers
// and renderers. They know string literals ('...'), quoted identifiers
// ("...", `...`) and comments; they do not parse SQL. SQLite's [bracketed]
// identifiers are left out: our migrations do not use them, and "[" also
// starts PostgreSQL's array syntax.

// quotedEnd returns the index just past the quoted token or comment that
// starts at s[i], or i when none starts there.
func quotedEnd(s string, i int) int {
	if strings.HasPrefix(s[i:], "--") {
		if n := strings.IndexByte(s[i:], '\n'); n >= 0 {
			return i + n
		}
		return len(s)
	}
	if strings.HasPrefix(s[i:], "/*") {
		if n := strings.Index(s[i+2:], "*/"); n >= 0 {
			return i + 2 + n + 2
		}
		return len(s)
	}
	q := s[i]
	if q != '\'' && q != '"' && q != '`' {
		return i
	}
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q { // doubled quote: an escaped one
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

func isComment(tok string) bool { return strings.HasPrefix(tok, "--") || strings.HasPrefix(tok, "/*") }

// mapCode applies fn to each stretch of s outside quotes, keeps quoted
// tokens as they are and drops comments.
func mapCode(s string, fn func(code string) string) string {
	var b strings.Builder
	start := 0
	for i := 0; i < len(s); i++ {
		if j := quotedEnd(s, i); j > i {
			b.WriteString(fn(s[start:i]))
			if !isComment(s[i:j]) {
				b.WriteString(s[i:j])
			}
			start, i = j, j-1
		}
	}
	b.WriteString(fn(s[start:]))
	return b.String()
}

var spaceRun = regexp.MustCompile(`\s+`)

// collapseSpace turns every run of white space outside quotes into one
// space and drops comments, so differently laid-out statements compare equal.
func collapseSpace(s string) string {
	return strings.TrimSpace(mapCode(s, func(code string) string { return spaceRun.ReplaceAllString(code, " ") }))
}

// splitTopLevel splits s at each sep that is outside quotes and parentheses.
func splitTopLevel(s string, sep byte) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		if j := quotedEnd(s, i); j > i {
			i = j - 1
			continue
		}
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		case sep:
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}

// parenSpan returns the indexes of the first "(" outside quotes and of its
// matching ")", or -1, -1.
func parenSpan(s string) (open, close int) {
	open, depth := -1, 0
	for i := 0; i < len(s); i++ {
		if j := quotedEnd(s, i); j > i {
			i = j - 1
			continue
		}
		switch s[i] {
		case '(':
			if open < 0 {
				open = i
			}
			depth++
		case ')':
			depth--
			if depth == 0 && open >= 0 {
				return open, i
			}
		}
	}
	return -1, -1
}

// pgCast matches the casts PostgreSQL adds when it prints an expression
// ('x'::text, (status)::character varying); SQLite keeps the text as written.
var pgCast = regexp.MustCompile(`::(?:character varying|timestamp (?:with|without) time zone|double precision|[a-z_][a-z0-9_]*)(?:\[\])?`)

// normalizePredicate makes a partial index's WHERE clause comparable across
// dialects: casts and parentheses go, code is upper-cased, spaces collapsed.
// Dropping every parenthesis could equate two predicates that differ only
// in grouping (a AND (b OR c) vs (a AND b) OR c); none of ours group, and
// the rendered schema files still show the exact text.
func normalizePredicate(p string) string {
	return collapseSpace(mapCode(p, func(code string) string {
		code = pgCast.ReplaceAllString(code, "")
		code = strings.NewReplacer("(", " ", ")", " ").Replace(code)
		return strings.ToUpper(code)
	}))
}

var quotedNumber = regexp.MustCompile(`^'(-?[0-9]+(?:\.[0-9]+)?)'$`)

// normalizeDefault makes a column default comparable: PostgreSQL's casts
// go ('x'::character varying is 'x'), a number PostgreSQL quotes ('-1')
// is bare, NULL is no default, and a boolean default reads true or false
// whether written TRUE, 1 or true.
func normalizeDefault(d, kind string) string {
	d = collapseSpace(mapCode(d, func(code string) string { return pgCast.ReplaceAllString(code, "") }))
	for strings.HasPrefix(d, "(") {
		if open, close := parenSpan(d); open != 0 || close != len(d)-1 {
			break
		}
		d = strings.TrimSpace(d[1 : len(d)-1])
	}
	d = quotedNumber.ReplaceAllString(d, "$1")
	switch {
	case strings.EqualFold(d, "NULL"):
		return ""
	case kind == "boolean" && (d == "1" || strings.EqualFold(d, "true")):
		return "true"
	case kind == "boolean" && (d == "0" || strings.EqualFold(d, "false")):
		return "false"
	}
	return d
}
