package database

import "fenxiao/internal/platform/apperr"

// CheckBatch checks the rows of one multi-row insert under a unique key,
// before anything is written: each row passes check, and no two rows of
// the call share a key (ON CONFLICT would silently keep only the first).
// what names the rows in the message ("entries"). Errors: check's, invalid
// (field key).
func CheckBatch[T any](rows []T, what string, key func(T) string, check func(T) error) error {
	keys := make(map[string]bool, len(rows))
	for _, r := range rows {
		if err := check(r); err != nil {
			return err
		}
		k := key(r)
		if keys[k] {
			return apperr.InvalidField("key", "two "+what+" of one call share the key "+k)
		}
		keys[k] = true
	}
	return nil
}
