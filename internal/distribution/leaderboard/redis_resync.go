package leaderboard

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// resyncBatch is how many counters one SQL read and one Redis pipeline
// carry during a resync.
const resyncBatch = 5000

// Resync rebuilds Redis's sets for the current periods from the SQL
// counters (the source of truth), each into a temporary key renamed over
// the live one, so readers never see a half-built board. It runs when the
// server starts, since Redis may have lost data or missed mirror jobs
// while the server was down, and then periodically, which bounds any drift
// (a mirror job racing a resync may count one event twice or not at all
// until the next run). It returns how many entries it wrote.
func (r *Redis) Resync(ctx context.Context) (int, error) {
	if _, err := r.sql.CountPending(ctx); err != nil {
		return 0, err
	}
	now := r.sql.now()
	total := 0
	for _, m := range Metrics {
		for _, p := range Periods {
			n, err := r.resyncSet(ctx, m, p, bucket(p, now))
			if err != nil {
				return total, err
			}
			total += n
		}
	}
	return total, nil
}

func (r *Redis) resyncSet(ctx context.Context, m Metric, p Period, bucketKey string) (int, error) {
	live := r.setKey(m, p, bucketKey)
	tmp := live + ":resync"
	if err := r.client.Del(ctx, tmp).Err(); err != nil {
		return 0, fmt.Errorf("resync %s: %w", live, err)
	}
	written, after := 0, int64(0)
	for {
		var rows []struct {
			DistributorID int64
			Value         int64
		}
		err := r.sql.db.WithContext(ctx).Raw(`SELECT distributor_id, value FROM leaderboard_counters
			WHERE metric = ? AND period_kind = ? AND period_key = ? AND distributor_id > ?
			ORDER BY distributor_id LIMIT ?`, string(m), string(p), bucketKey, after, resyncBatch).Scan(&rows).Error
		if err != nil {
			return written, fmt.Errorf("read counters for %s: %w", live, err)
		}
		if len(rows) == 0 {
			break
		}
		zs := make([]redis.Z, len(rows))
		for i, row := range rows {
			zs[i] = redis.Z{Score: float64(row.Value), Member: member(row.DistributorID)}
		}
		if err := r.client.ZAdd(ctx, tmp, zs...).Err(); err != nil {
			return written, fmt.Errorf("resync %s: %w", live, err)
		}
		written += len(rows)
		after = rows[len(rows)-1].DistributorID
	}
	pipe := r.client.TxPipeline()
	if written == 0 {
		pipe.Del(ctx, live)
	} else {
		pipe.Rename(ctx, tmp, live)
		if ttl := periodTTL[p]; ttl > 0 {
			pipe.PExpire(ctx, live, ttl)
		}
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return written, fmt.Errorf("swap in %s: %w", live, err)
	}
	return written, nil
}
