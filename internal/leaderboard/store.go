package leaderboard

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
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
// RecordMany when the caller must know.
func (s *SQL) Record(ctx context.Context, tx *gorm.DB, evs ...Event) error {
	_, err := s.RecordMany(ctx, tx, evs)
	return err
}

// RecordNew is Record of one event that also reports whether it was new
// (false for a repeated key). Errors: invalid.
func (s *SQL) RecordNew(ctx context.Context, tx *gorm.DB, ev Event) (bool, error) {
	fresh, err := s.RecordMany(ctx, tx, []Event{ev})
	if err != nil {
		return false, err
	}
	return fresh[0], nil
}

// MaxBatch bounds the events of one RecordMany call, which keeps its
// multi-row statements well inside both databases' parameter limits.
const MaxBatch = 512

// RecordMany counts evs in tx with a fixed number of statements however
// many there are (the payment path records a batch of orders at once):
// fresh[i] tells whether evs[i] was new. The result is that of recording
// them one by one. Errors: invalid (a bad event, two events of one call
// with one key, more than MaxBatch).
func (s *SQL) RecordMany(ctx context.Context, tx *gorm.DB, evs []Event) ([]bool, error) {
	if len(evs) > MaxBatch {
		return nil, apperr.InvalidField("events", fmt.Sprintf("at most %d events per call", MaxBatch))
	}
	keys := make(map[string]bool, len(evs))
	for _, ev := range evs {
		if err := checkEvent(ev); err != nil {
			return nil, err
		}
		if keys[ev.Key] {
			return nil, apperr.InvalidField("key", "two events of one call share the key "+ev.Key)
		}
		keys[ev.Key] = true
	}
	if len(evs) == 0 {
		return nil, nil
	}
	tx = tx.WithContext(ctx)
	inserted, err := insertEvents(tx, evs)
	if err != nil {
		return nil, err
	}
	fresh := make([]bool, len(evs))
	var counted []Event
	for i, ev := range evs {
		if inserted[ev.Key] {
			fresh[i] = true
			counted = append(counted, ev)
		}
	}
	if len(counted) == 0 {
		return fresh, nil // all counted before
	}
	return fresh, countEvents(tx, counted)
}

// insertEvents remembers the events' keys and returns those that are new.
func insertEvents(tx *gorm.DB, evs []Event) (map[string]bool, error) {
	now := database.Now()
	args := make([]any, 0, 6*len(evs))
	for _, ev := range evs {
		args = append(args, ev.Key, ev.DistributorID, string(ev.Metric), ev.Amount, ev.At.UTC().Truncate(time.Microsecond), now)
	}
	var keys []string
	err := tx.Raw(`INSERT INTO leaderboard_events (event_key, distributor_id, metric, amount, occurred_at, created_at)
		VALUES `+tuples(len(evs), 6)+` ON CONFLICT (event_key) DO NOTHING RETURNING event_key`, args...).Scan(&keys).Error
	if err != nil {
		return nil, fmt.Errorf("record leaderboard events: %w", err)
	}
	out := make(map[string]bool, len(keys))
	for _, k := range keys {
		out[k] = true
	}
	return out, nil
}

// counterKey is one counter row: a distributor on one board.
type counterKey struct {
	metric        Metric
	period        Period
	key           string
	distributorID int64
}

// compare orders counter rows as every writer locks them: by metric and
// period in their list order, then bucket and distributor.
func (a counterKey) compare(b counterKey) int {
	return cmp.Or(cmp.Compare(slices.Index(Metrics, a.metric), slices.Index(Metrics, b.metric)),
		cmp.Compare(slices.Index(Periods, a.period), slices.Index(Periods, b.period)),
		cmp.Compare(a.key, b.key), cmp.Compare(a.distributorID, b.distributorID))
}

// counterSum is what a call adds to one counter row.
type counterSum struct{ amount, events int64 }

// countEvents adds the events to their counter rows (today, week, month,
// all time of each) in one upsert, in lock order, and moves the
// distributors in each board's rank histogram (rank.go). RETURNING gives
// each row's new value and its event count, equal to the events added for
// a row this call created; otherwise the old value is new - amount, exact
// even under concurrent writers on PostgreSQL (the upsert holds the row
// lock).
func countEvents(tx *gorm.DB, evs []Event) error {
	sums := map[counterKey]counterSum{}
	for _, ev := range evs {
		for _, p := range Periods {
			k := counterKey{metric: ev.Metric, period: p, key: bucket(p, ev.At), distributorID: ev.DistributorID}
			s := sums[k]
			sums[k] = counterSum{amount: s.amount + ev.Amount, events: s.events + 1}
		}
	}
	rows := slices.SortedFunc(maps.Keys(sums), counterKey.compare)
	args := make([]any, 0, 6*len(rows))
	for _, k := range rows {
		args = append(args, string(k.metric), string(k.period), k.key, k.distributorID, sums[k].amount, sums[k].events)
	}
	var written []struct {
		Metric        string
		PeriodKind    string
		PeriodKey     string
		DistributorID int64
		Value         int64
		Events        int64
	}
	err := tx.Raw(`INSERT INTO leaderboard_counters (metric, period_kind, period_key, distributor_id, value, events)
		VALUES `+tuples(len(rows), 6)+`
		ON CONFLICT (metric, period_kind, period_key, distributor_id)
		DO UPDATE SET value = leaderboard_counters.value + excluded.value, events = leaderboard_counters.events + excluded.events
		RETURNING metric, period_kind, period_key, distributor_id, value, events`, args...).Scan(&written).Error
	if err != nil {
		return fmt.Errorf("update leaderboard counters: %w", err)
	}
	if len(written) != len(rows) {
		return fmt.Errorf("update leaderboard counters: %d of %d rows written", len(written), len(rows))
	}
	changes := make([]counterChange, len(written))
	for i, w := range written {
		k := counterKey{metric: Metric(w.Metric), period: Period(w.PeriodKind), key: w.PeriodKey, distributorID: w.DistributorID}
		sum, ok := sums[k]
		if !ok {
			return fmt.Errorf("update leaderboard counters: unexpected row %+v", k)
		}
		changes[i] = counterChange{metric: k.metric, period: k.period, key: k.key, distributorID: k.distributorID, new: w.Value}
		if w.Events > sum.events {
			old := w.Value - sum.amount
			changes[i].old = &old
		}
	}
	return applyHistogram(tx, changes)
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
