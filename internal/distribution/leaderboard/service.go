package leaderboard

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Board records events and answers ranking queries.
type Board interface {
	// Record records evs in the caller's transaction tx, so a rolled-back
	// business change counts nothing; the board counts them soon after
	// (and before any read). A repeated key is a no-op. A transaction
	// records all its events in one call (one statement).
	// Errors: invalid (bad event, one key twice in a call).
	Record(ctx context.Context, tx *gorm.DB, evs ...Event) error
	// Top returns the first n (1..MaxTop) distributors of metric in the
	// current period. Errors: invalid (unknown metric or period).
	Top(ctx context.Context, metric Metric, period Period, n int) ([]Entry, error)
	// Rank returns one distributor's entry in the current period; false when
	// it has no event in that period. Errors: invalid.
	Rank(ctx context.Context, metric Metric, period Period, distributorID int64) (Entry, bool, error)
}

// Option configures a board.
type Option func(*SQL)

// WithClock sets the clock that decides the current period (tests).
func WithClock(now func() time.Time) Option { return func(s *SQL) { s.now = now } }
