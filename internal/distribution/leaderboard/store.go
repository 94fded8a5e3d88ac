package leaderboard

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// SQL is the default Board: counters in leaderboard_counters and an exact
// histogram of each board (rank.go). Record only remembers events in
// leaderboard_events, in the caller's transaction (pending, under a unique
// key); CountPending then adds pending events to the counters and the
// histogram in batches, every half second (Run) and before every read, so
// a read always sees every committed event. Counting out of the money
// transaction keeps the shared histogram rows out of it, and a batch folds
// the events of one distributor and board into one row change. Top is a
// forward scan of the rank index; Rank reads my counter and sums a few
// hundred histogram rows, whatever my position.
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

// RecordMany records evs in tx with one statement however many there are
// (the payment path records a batch of orders at once): fresh[i] tells
// whether evs[i] was new. They are counted by CountPending, as if recorded
// one by one. Errors: invalid (a bad event, two events of one call with one
// key, more than MaxBatch).
//
// Lock order: step 6 (see package distribution): inserts under unique keys, no
// existing row locked.
func (s *SQL) RecordMany(ctx context.Context, tx *gorm.DB, evs []Event) ([]bool, error) {
	if len(evs) > MaxBatch {
		return nil, apperr.InvalidField("events", fmt.Sprintf("at most %d events per call", MaxBatch))
	}
	if err := database.CheckBatch(evs, "events", func(ev Event) string { return ev.Key }, checkEvent); err != nil {
		return nil, err
	}
	if len(evs) == 0 {
		return nil, nil
	}
	inserted, err := insertEvents(tx.WithContext(ctx), evs)
	if err != nil {
		return nil, err
	}
	fresh := make([]bool, len(evs))
	for i, ev := range evs {
		fresh[i] = inserted[ev.Key]
	}
	return fresh, nil
}

// insertEvents remembers the events' keys, pending, and returns those
// that are new.
func insertEvents(tx *gorm.DB, evs []Event) (map[string]bool, error) {
	now := database.Now()
	args := make([]any, 0, 7*len(evs))
	for _, ev := range evs {
		args = append(args, ev.Key, ev.DistributorID, string(ev.Metric), ev.Amount, ev.At.UTC().Truncate(time.Microsecond), now, 1)
	}
	var keys []string
	err := tx.Raw(`INSERT INTO leaderboard_events (event_key, distributor_id, metric, amount, occurred_at, created_at, pending)
		VALUES `+database.Tuples(len(evs), 7)+` ON CONFLICT (event_key) DO NOTHING RETURNING event_key`, args...).Scan(&keys).Error
	if err != nil {
		return nil, fmt.Errorf("record leaderboard events: %w", err)
	}
	out := make(map[string]bool, len(keys))
	for _, k := range keys {
		out[k] = true
	}
	return out, nil
}

// countBatch bounds the events one CountPending transaction counts.
const countBatch = 2000

// CountPending adds every pending event to the counters and the rank
// histogram, countBatch at a time, each batch in its own transaction that
// also marks its events counted. Concurrent callers never count an event
// twice: on PostgreSQL a batch locks its events (in key order) and a
// waiting caller finds them counted; SQLite's writers never overlap. It
// reports how many events it counted. The common case, nothing pending, is
// one read of an empty partial index.
//
// Lock order: outside the payment transaction (step 6 (see package distribution)):
// events by key, then counter rows in counterKey order, then rank cells
// in cell order.
func (s *SQL) CountPending(ctx context.Context) (int, error) {
	total := 0
	for {
		var one []string
		if err := s.db.WithContext(ctx).Raw("SELECT event_key FROM leaderboard_events WHERE pending = 1 LIMIT 1").Scan(&one).Error; err != nil {
			return total, fmt.Errorf("find pending leaderboard events: %w", err)
		}
		if len(one) == 0 {
			return total, nil
		}
		n, err := s.countSome(ctx)
		total += n
		if err != nil || n < countBatch {
			return total, err
		}
	}
}

// countSome counts up to countBatch pending events in one transaction.
func (s *SQL) countSome(ctx context.Context) (int, error) {
	var rows []struct {
		EventKey      string
		DistributorID int64
		Metric        string
		Amount        int64
		OccurredAt    time.Time
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		q := "SELECT event_key, distributor_id, metric, amount, occurred_at FROM leaderboard_events WHERE pending = 1 ORDER BY event_key LIMIT ?" +
			database.DialectOf(tx).ForUpdate()
		if err := tx.Raw(q, countBatch).Scan(&rows).Error; err != nil {
			return fmt.Errorf("load pending leaderboard events: %w", err)
		}
		if len(rows) == 0 {
			return nil
		}
		evs := make([]Event, len(rows))
		keys := make([]string, len(rows))
		for i, r := range rows {
			evs[i] = Event{DistributorID: r.DistributorID, Metric: Metric(r.Metric), Amount: r.Amount, At: r.OccurredAt, Key: r.EventKey}
			keys[i] = r.EventKey
		}
		if err := countEvents(tx, evs); err != nil {
			return err
		}
		if err := tx.Exec("UPDATE leaderboard_events SET pending = 0 WHERE event_key IN ?", keys).Error; err != nil {
			return fmt.Errorf("mark leaderboard events counted: %w", err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// Run counts pending events every interval until ctx ends, so boards stay
// current without reads; failures are logged and retried next time.
func (s *SQL) Run(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := s.CountPending(ctx); err != nil && ctx.Err() == nil {
				log.Warn("count leaderboard events", "err", err)
			}
		}
	}
}

// board is one leaderboard: a metric over one bucket (key) of a period.
type board struct {
	metric Metric
	period Period
	key    string
}

// compare orders boards as every writer locks their rows (counters and
// histogram cells alike): by metric and period in their list order, then
// bucket.
func (a board) compare(b board) int {
	return cmp.Or(cmp.Compare(slices.Index(Metrics, a.metric), slices.Index(Metrics, b.metric)),
		cmp.Compare(slices.Index(Periods, a.period), slices.Index(Periods, b.period)), cmp.Compare(a.key, b.key))
}

// counterKey is one counter row: a distributor on one board.
type counterKey struct {
	board
	distributorID int64
}

// compare orders counter rows as every writer locks them: by board, then
// distributor.
func (a counterKey) compare(b counterKey) int {
	return cmp.Or(a.board.compare(b.board), cmp.Compare(a.distributorID, b.distributorID))
}

// maxRowsPerStatement keeps multi-row statements inside SQLite's limit of
// 32766 parameters (nine per row at most here); chunks go in lock order.
const maxRowsPerStatement = 1000

// writtenCounter is a counter row as an upsert left it.
type writtenCounter struct {
	Metric        string
	PeriodKind    string
	PeriodKey     string
	DistributorID int64
	Value         int64
	Events        int64
}

// upsertCounters adds sums to the counter rows of keys, in one statement.
func upsertCounters(tx *gorm.DB, keys []counterKey, sums map[counterKey]counterSum) ([]writtenCounter, error) {
	args := make([]any, 0, 6*len(keys))
	for _, k := range keys {
		args = append(args, string(k.metric), string(k.period), k.key, k.distributorID, sums[k].amount, sums[k].events)
	}
	var written []writtenCounter
	err := tx.Raw(`INSERT INTO leaderboard_counters (metric, period_kind, period_key, distributor_id, value, events)
		VALUES `+database.Tuples(len(keys), 6)+`
		ON CONFLICT (metric, period_kind, period_key, distributor_id)
		DO UPDATE SET value = leaderboard_counters.value + excluded.value, events = leaderboard_counters.events + excluded.events
		RETURNING metric, period_kind, period_key, distributor_id, value, events`, args...).Scan(&written).Error
	if err != nil {
		return nil, fmt.Errorf("update leaderboard counters: %w", err)
	}
	if len(written) != len(keys) {
		return nil, fmt.Errorf("update leaderboard counters: %d of %d rows written", len(written), len(keys))
	}
	return written, nil
}

// counterSum is what a call adds to one counter row.
type counterSum struct{ amount, events int64 }

// countEvents adds the events to their counter rows (today, week, month,
// all time of each) in upserts of up to maxRowsPerStatement rows, in lock order, and moves the
// distributors in each board's rank histogram (rank.go). RETURNING gives
// each row's new value and its event count, equal to the events added for
// a row this call created; otherwise the old value is new - amount, exact
// even under concurrent writers on PostgreSQL (the upsert holds the row
// lock).
func countEvents(tx *gorm.DB, evs []Event) error {
	sums := map[counterKey]counterSum{}
	for _, ev := range evs {
		for _, p := range Periods {
			k := counterKey{board{ev.Metric, p, bucket(p, ev.At)}, ev.DistributorID}
			s := sums[k]
			sums[k] = counterSum{amount: s.amount + ev.Amount, events: s.events + 1}
		}
	}
	rows := slices.SortedFunc(maps.Keys(sums), counterKey.compare)
	var written []writtenCounter
	for part := range slices.Chunk(rows, maxRowsPerStatement) {
		w, err := upsertCounters(tx, part, sums)
		if err != nil {
			return err
		}
		written = append(written, w...)
	}
	changes := make([]counterChange, len(written))
	for i, w := range written {
		k := counterKey{board{Metric(w.Metric), Period(w.PeriodKind), w.PeriodKey}, w.DistributorID}
		sum, ok := sums[k]
		if !ok {
			return fmt.Errorf("update leaderboard counters: unexpected row %+v", k)
		}
		changes[i] = counterChange{counterKey: k, new: w.Value}
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
	if _, err := s.CountPending(ctx); err != nil {
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
	if _, err := s.CountPending(ctx); err != nil {
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
