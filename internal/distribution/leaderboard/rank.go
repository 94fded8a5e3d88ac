package leaderboard

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
)

// Rank needs the number of distributors ahead of one: a greater value, or
// the same value and a smaller id. Counting those rows of the rank index
// costs one step per row (about 50k steps for a mid-table distributor of
// 100k), so the SQL board keeps an exact histogram of every board in
// leaderboard_rank_cells, written in the transaction of the counter change
// it mirrors. Values are grouped by their number of decimal digits and
// leading digits (valueBucket), and a cell counts the distributors of:
//
//   - level 0: a bucket, the values sharing two leading digits
//     (0..99 one by one, then 100..109, 110..119, ...);
//   - level 1: a sub-bucket, the values sharing five leading digits, so
//     every value below 100000 in magnitude is a sub-bucket of its own;
//   - level 2: one such exact value (below 100000 in magnitude) and one
//     block of 1024 distributor ids, so that ties are counted by block.
//
// Rank sums the buckets above mine, the sub-buckets above mine in my
// bucket and, for an exact value, the blocks of my value before mine, then
// counts the rows of the rank index in what is left: my value in my block
// before me (under 1024 rows), or for a larger value my sub-bucket ahead
// of me (its values differ by under 1/10000). Each part reads at most a
// few hundred rows however many events were counted; only thousands of
// ties at one value of 100000 or more would make the last count long.
//
// Cells are never deleted: their keys are bounded by the buckets and
// blocks, not by history, and a cell at zero counts nothing.

// blockSize is how many consecutive distributor ids share a tie block.
const blockSize = 1024

// Leading digits of a bucket (level 0) and of a sub-bucket (level 1).
const (
	bucketDigits    = 2
	subBucketDigits = 5
)

// valueBucket groups v with the values that have as many decimal digits
// and the same lead leading digits: digits*10^lead + those digits for
// v >= 0, and -1 - valueBucket(-1-v) below zero. It is monotone: a greater
// value never has a smaller bucket. bucketSQL computes the same in SQL.
func valueBucket(v int64, lead int) int64 {
	if v < 0 {
		return -1 - magnitudeBucket(uint64(-1-v), lead)
	}
	return magnitudeBucket(uint64(v), lead)
}

func magnitudeBucket(u uint64, lead int) int64 {
	d := digits(u)
	for i := d; i > lead; i-- {
		u /= 10
	}
	return int64(d)*pow10(lead) + int64(u)
}

func digits(u uint64) int {
	d := 1
	for ; u >= 10; u /= 10 {
		d++
	}
	return d
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// lastInGroup is the greatest value in v's group of lead leading digits.
func lastInGroup(v int64, lead int) int64 {
	if v < 0 {
		return -1 - firstMagnitude(uint64(-1-v), lead)
	}
	d := digits(uint64(v))
	if d <= lead {
		return v
	}
	scale := uint64(pow10(d - lead))
	last := (uint64(v)/scale+1)*scale - 1
	return int64(min(last, math.MaxInt64))
}

// firstMagnitude is the smallest magnitude in u's group.
func firstMagnitude(u uint64, lead int) int64 {
	d := digits(u)
	if d <= lead {
		return int64(u)
	}
	scale := uint64(pow10(d - lead))
	return int64(u / scale * scale)
}

// exact reports whether v's sub-bucket holds v alone (level 2 applies).
func exact(v int64) bool {
	return v >= -pow10(subBucketDigits) && v < pow10(subBucketDigits)
}

// bucketSQL is valueBucket(value, lead) of the column value.
func bucketSQL(lead int) string {
	group := func(v string) string {
		s := "CAST(" + v + " AS TEXT)"
		return fmt.Sprintf("LENGTH(%s) * %d + CAST(SUBSTR(%s, 1, %d) AS INTEGER)", s, pow10(lead), s, lead)
	}
	return "CASE WHEN value >= 0 THEN " + group("value") + " ELSE -1 - (" + group("-1 - value") + ") END"
}

// counterChange is what one call did to one counter row: old is nil when
// the row was created by it.
type counterChange struct {
	counterKey
	old *int64
	new int64
}

// cell is one histogram row's key (see the top of this file) in one
// shard; the fields a level does not use are 0.
type cell struct {
	board
	level  int
	bucket int64
	sub    int64
	block  int64
	shard  int64
}

// compare is the one order every writer locks cells in: by board, then
// level, buckets, block and shard.
func (a cell) compare(b cell) int {
	return cmp.Or(a.board.compare(b.board), cmp.Compare(a.level, b.level), cmp.Compare(a.bucket, b.bucket),
		cmp.Compare(a.sub, b.sub), cmp.Compare(a.block, b.block), cmp.Compare(a.shard, b.shard))
}

// histogramDeltas turns counter changes into the net changes of histogram
// cells, in lock order, without zeros.
func histogramDeltas(changes []counterChange) ([]cell, map[cell]int64) {
	deltas := map[cell]int64{}
	add := func(c counterChange, v, d int64) {
		b, sub := valueBucket(v, bucketDigits), valueBucket(v, subBucketDigits)
		at := cell{board: c.board, bucket: b, shard: c.distributorID % cellShards}
		deltas[at] += d
		at.level, at.sub = 1, sub
		deltas[at] += d
		if exact(v) {
			at.level, at.block = 2, c.distributorID/blockSize
			deltas[at] += d
		}
	}
	for _, c := range changes {
		if c.old != nil {
			add(c, *c.old, -1)
		}
		add(c, c.new, 1)
	}
	cells := make([]cell, 0, len(deltas))
	for k, d := range deltas {
		if d != 0 {
			cells = append(cells, k)
		}
	}
	slices.SortFunc(cells, cell.compare)
	return cells, deltas
}

// cellShards is how many rows each histogram cell is split over: a
// distributor writes to shard id mod cellShards, and readers sum them all,
// so concurrent payments of different distributors rarely wait on one
// cell's lock.
const cellShards = 8

// applyHistogram writes the counter changes into the histogram in tx, in
// one upsert in lock order, each distributor in its shard.
func applyHistogram(tx *gorm.DB, changes []counterChange) error {
	cells, deltas := histogramDeltas(changes)
	if len(cells) == 0 {
		return nil
	}
	for part := range slices.Chunk(cells, maxRowsPerStatement) {
		args := make([]any, 0, len(part)*9)
		for _, c := range part {
			args = append(args, string(c.metric), string(c.period), c.key, c.level, c.bucket, c.sub, c.block, c.shard, deltas[c])
		}
		err := tx.Exec(`INSERT INTO leaderboard_rank_cells (metric, period_kind, period_key, level, bucket, sub, id_block, shard, n)
			VALUES `+database.Tuples(len(part), 9)+`
			ON CONFLICT (metric, period_kind, period_key, level, bucket, sub, id_block, shard)
			DO UPDATE SET n = leaderboard_rank_cells.n + excluded.n`, args...).Error
		if err != nil {
			return fmt.Errorf("update leaderboard rank cells: %w", err)
		}
	}
	return nil
}

// aheadSQL counts the distributors ranked before (value, id) on one board;
// see the top of this file. Every part is a range of the cells' primary
// key or of the rank index. For an exact value the fourth part is empty
// (last = value) and the fifth covers my block; otherwise there are no
// level-2 cells, the fourth part counts my sub-bucket above my value and
// the fifth all ties with a smaller id.
const aheadSQL = `SELECT CAST(
	(SELECT COALESCE(SUM(n), 0) FROM leaderboard_rank_cells
		WHERE metric = @m AND period_kind = @p AND period_key = @k AND level = 0 AND bucket > @bucket) +
	(SELECT COALESCE(SUM(n), 0) FROM leaderboard_rank_cells
		WHERE metric = @m AND period_kind = @p AND period_key = @k AND level = 1 AND bucket = @bucket AND sub > @sub) +
	(SELECT COALESCE(SUM(n), 0) FROM leaderboard_rank_cells
		WHERE metric = @m AND period_kind = @p AND period_key = @k AND level = 2 AND bucket = @bucket AND sub = @sub
		AND id_block < @block) +
	(SELECT COUNT(*) FROM leaderboard_counters
		WHERE metric = @m AND period_kind = @p AND period_key = @k AND value > @value AND value <= @last) +
	(SELECT COUNT(*) FROM leaderboard_counters
		WHERE metric = @m AND period_kind = @p AND period_key = @k AND value = @value
		AND distributor_id >= @first AND distributor_id < @id)
	AS BIGINT)`

func ahead(db *gorm.DB, metric Metric, period Period, key string, value, distributorID int64) (int64, error) {
	block := distributorID / blockSize
	last, first := lastInGroup(value, subBucketDigits), int64(0)
	if exact(value) {
		last, first = value, block*blockSize
	}
	var n int64
	err := db.Raw(aheadSQL, map[string]any{"m": string(metric), "p": string(period), "k": key,
		"bucket": valueBucket(value, bucketDigits), "sub": valueBucket(value, subBucketDigits), "block": block,
		"value": value, "last": last, "first": first, "id": distributorID}).Scan(&n).Error
	return n, err
}

// RebuildHistogram recomputes every board's rank histogram from the
// counters, in tx. Record keeps the histogram in step with the counters;
// this is for bulk loads that write counters directly (benchmarks,
// imports) and for repair.
func RebuildHistogram(tx *gorm.DB) error {
	const insert = `INSERT INTO leaderboard_rank_cells (metric, period_kind, period_key, level, bucket, sub, id_block, n) `
	grouped := `SELECT metric, period_kind, period_key, ` + bucketSQL(bucketDigits) + ` AS bucket, ` +
		bucketSQL(subBucketDigits) + ` AS sub, distributor_id / ` + fmt.Sprint(blockSize) + ` AS id_block, value
		FROM leaderboard_counters`
	stmts := []string{
		`DELETE FROM leaderboard_rank_cells`,
		insert + `SELECT metric, period_kind, period_key, 1, bucket, sub, 0, COUNT(*) FROM (` + grouped + `) c
		GROUP BY metric, period_kind, period_key, bucket, sub`,
		insert + `SELECT metric, period_kind, period_key, 2, bucket, sub, id_block, COUNT(*) FROM (` + grouped + `) c
		WHERE value >= -` + fmt.Sprint(pow10(subBucketDigits)) + ` AND value < ` + fmt.Sprint(pow10(subBucketDigits)) + `
		GROUP BY metric, period_kind, period_key, bucket, sub, id_block`,
		insert + `SELECT metric, period_kind, period_key, 0, bucket, 0, 0, SUM(n) FROM leaderboard_rank_cells
		WHERE level = 1 GROUP BY metric, period_kind, period_key, bucket`,
	}
	for _, s := range stmts {
		if err := tx.Exec(s).Error; err != nil {
			return fmt.Errorf("rebuild leaderboard rank histogram: %w", err)
		}
	}
	return nil
}
