package statement

import "time"

// SetNow sets the clock the daily job and day checks read, for tests.
func SetNow(s *Service, now func() time.Time) { s.now = now }
