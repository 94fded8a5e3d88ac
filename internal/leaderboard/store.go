package leaderboard

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
)

// SQL is the default Board: counters in leaderboard_counters, updated by
// upsert in the caller's transaction; leaderboard_events remembers applied
// keys, and a histogram of each board (rank.go) is kept in step with the
// counters. Top is a forward scan of the rank index; Rank reads my counter
// and sums a few hundred histogram rows, whatever my position.
type SQL struct {
	db  *gorm.DB
	now func() time.Time
}

// NewSQL returns the SQL board on db.
func NewSQL(db *gorm.DB, opts ...Option) *SQL {
	s := &SQL{db: db, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Record implements Board. It reports nothing about duplicates: use
// RecordNew when the caller must know.
func (s *SQL) Record(ctx context.Context, tx *gorm.DB, ev Event) error {
	_, err := s.RecordNew(ctx, tx, ev)
	return err
}

// RecordNew is Record that also reports whether ev was new (false for a
// repeated key). Errors: invalid.
func (s *SQL) RecordNew(ctx context.Context, tx *gorm.DB, ev Event) (bool, error) {
	if err := checkEvent(ev); err != nil {
		return false, err
	}
	tx = tx.WithContext(ctx)
	res := tx.Exec(`INSERT INTO leaderboard_events (event_key, distributor_id, metric, amount, occurred_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_key) DO NOTHING`,
		ev.Key, ev.DistributorID, string(ev.Metric), ev.Amount, ev.At.UTC().Truncate(time.Microsecond), database.Now())
	if res.Error != nil {
		return false, fmt.Errorf("record leaderboard event: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return false, nil // already counted
	}
	if err := countEvent(tx, ev); err != nil {
		return false, err
	}
	return true, nil
}

// countEvent adds ev to its four counter rows (today, week, month, all
// time) in one upsert and moves the distributor in each board's rank
// histogram (rank.go). RETURNING gives each row's new value and its event
// count, 1 for a row this event created; the old value is new - amount,
// exact even under concurrent writers on PostgreSQL (the upsert holds the
// row lock).
func countEvent(tx *gorm.DB, ev Event) error {
	keys := make(map[Period]string, len(Periods))
	args := make([]any, 0, 4*5)
	for _, p := range Periods {
		keys[p] = bucket(p, ev.At)
		args = append(args, string(ev.Metric), string(p), keys[p], ev.DistributorID, ev.Amount)
	}
	var rows []struct {
		PeriodKind string
		Value      int64
		Events     int64
	}
	err := tx.Raw(`INSERT INTO leaderboard_counters (metric, period_kind, period_key, distributor_id, value)
		VALUES `+tuples(len(Periods), 5)+`
		ON CONFLICT (metric, period_kind, period_key, distributor_id)
		DO UPDATE SET value = leaderboard_counters.value + excluded.value, events = leaderboard_counters.events + 1
		RETURNING period_kind, value, events`, args...).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("update leaderboard counters: %w", err)
	}
	if len(rows) != len(Periods) {
		return fmt.Errorf("update leaderboard counters: %d of %d rows written", len(rows), len(Periods))
	}
	changes := make([]counterChange, len(rows))
	for i, r := range rows {
		p := Period(r.PeriodKind)
		changes[i] = counterChange{period: p, key: keys[p], new: r.Value}
		if r.Events > 1 {
			old := r.Value - ev.Amount
			changes[i].old = &old
		}
	}
	return applyHistogram(tx, ev.Metric, ev.DistributorID, changes)
}

// Top implements Board.
func (s *SQL) Top(ctx context.Context, metric Metric, period Period, n int) ([]Entry, error) {
	if err := checkQuery(metric, period); err != nil {
		return nil, err
	}
	var rows []struct {
		DistributorID int64
		Value         int64
	}
	err := s.db.WithContext(ctx).Raw(`SELECT distributor_id, value FROM leaderboard_counters
		WHERE metric = ? AND period_kind = ? AND period_key = ?
		ORDER BY value DESC, distributor_id ASC LIMIT ?`,
		string(metric), string(period), bucket(period, s.now()), clampTop(n)).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("leaderboard top: %w", err)
	}
	out := make([]Entry, len(rows))
	for i, r := range rows {
		out[i] = Entry{Rank: i + 1, DistributorID: r.DistributorID, Value: r.Value}
	}
	return out, nil
}

// Rank implements Board.
func (s *SQL) Rank(ctx context.Context, metric Metric, period Period, distributorID int64) (Entry, bool, error) {
	if err := checkQuery(metric, period); err != nil {
		return Entry{}, false, err
	}
	key := bucket(period, s.now())
	db := s.db.WithContext(ctx)
	var values []int64
	err := db.Raw(`SELECT value FROM leaderboard_counters
		WHERE metric = ? AND period_kind = ? AND period_key = ? AND distributor_id = ?`,
		string(metric), string(period), key, distributorID).Scan(&values).Error
	if err != nil {
		return Entry{}, false, fmt.Errorf("leaderboard rank: %w", err)
	}
	if len(values) == 0 {
		return Entry{}, false, nil
	}
	v := values[0]
	n, err := ahead(db, metric, period, key, v, distributorID)
	if err != nil {
		return Entry{}, false, fmt.Errorf("leaderboard rank: %w", err)
	}
	return Entry{Rank: int(n) + 1, DistributorID: distributorID, Value: v}, true, nil
}
