package database

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// ContainsPattern turns a search term into a case-insensitive LIKE pattern
// ("%term%", lower-cased) with the wildcards % and _ escaped, so the term
// matches literally. Use it as `LOWER(col) LIKE ? ESCAPE '\'`, which both
// dialects understand.
func ContainsPattern(term string) string {
	return "%" + likeEscaper.Replace(strings.ToLower(term)) + "%"
}

// CountGrouped counts the rows of q (a model query) per value of column,
// for state gauges. Every key in keys is present in the result, 0 when no
// row has it, so a state that empties reads 0 rather than vanishing.
// Errors are wrapped as "<what>: <err>".
func CountGrouped[K ~string](q *gorm.DB, column string, keys []K, what string) (map[string]int64, error) {
	var rows []struct {
		Grp string
		N   int64
	}
	if err := q.Select(column + " AS grp, COUNT(*) AS n").Group(column).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out := make(map[string]int64, len(keys))
	for _, k := range keys {
		out[string(k)] = 0
	}
	for _, r := range rows {
		out[r.Grp] = r.N
	}
	return out, nil
}
