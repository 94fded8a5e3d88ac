package leaderboard

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/riverqueue/river"
	"gorm.io/gorm"
)

// Redis is a Board that answers Top and Rank from Redis sorted sets while
// the SQL counters stay the source of truth.
//
// Trade-off: Redis cannot join the SQL transaction, so Record writes the SQL
// counters in the caller's transaction and, only when the event is new,
// enqueues a "leaderboard.mirror" job in that same transaction. After
// commit the job applies the increment to Redis with a Lua script that
// first sets a guard key (SET NX) for the event's Key and then ZINCRBYs the
// four period sets, so a retried job never counts twice and a rolled-back
// change never reaches Redis. Reads therefore lag commits by the job
// latency (about a second), and if Redis loses data the cache is stale
// until rebuilt from SQL. Scores are float64: exact for |value| < 2^53.
type Redis struct {
	sql    *SQL
	client *redis.Client
	prefix string
	jobs   Enqueuer
}

// Enqueuer inserts a job in the caller's transaction (jobs.Queue).
type Enqueuer interface {
	EnqueueTx(ctx context.Context, tx *gorm.DB, args river.JobArgs, opts *river.InsertOpts) error
}

// NewRedis returns a Redis board over the SQL board s; keys start with prefix.
func NewRedis(s *SQL, client *redis.Client, prefix string, jobs Enqueuer) *Redis {
	return &Redis{sql: s, client: client, prefix: prefix, jobs: jobs}
}

// MirrorArgs is the job that copies one committed event into Redis.
type MirrorArgs struct {
	DistributorID int64     `json:"distributor_id"`
	Metric        Metric    `json:"metric"`
	Amount        int64     `json:"amount"`
	At            time.Time `json:"at"`
	Key           string    `json:"key"`
}

// Kind names the job.
func (MirrorArgs) Kind() string { return "leaderboard.mirror" }

// Record implements Board: SQL in tx, Redis after commit (see Redis).
func (r *Redis) Record(ctx context.Context, tx *gorm.DB, evs ...Event) error {
	fresh, err := r.sql.RecordMany(ctx, tx, evs)
	if err != nil {
		return err
	}
	for i, ev := range evs {
		if !fresh[i] {
			continue
		}
		args := MirrorArgs{DistributorID: ev.DistributorID, Metric: ev.Metric, Amount: ev.Amount, At: ev.At, Key: ev.Key}
		if err := r.jobs.EnqueueTx(ctx, tx, args, nil); err != nil {
			return err
		}
	}
	return nil
}

// guardTTL covers River's retries of a mirror job; business duplicates
// never get this far because the SQL events table stops them first.
const guardTTL = 7 * 24 * time.Hour

// periodTTL keeps a bucket's set a little past the end of its period.
var periodTTL = map[Period]time.Duration{PeriodToday: 48 * time.Hour, PeriodWeek: 8 * 24 * time.Hour, PeriodMonth: 32 * 24 * time.Hour}

var mirrorScript = redis.NewScript(`
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[3]) then return 0 end
for i = 2, #KEYS do
  redis.call('ZINCRBY', KEYS[i], ARGV[2], ARGV[1])
  local ttl = tonumber(ARGV[i + 2])
  if ttl > 0 then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1`)

// Mirror applies ev to Redis once per Key. It reports whether it applied.
func (r *Redis) Mirror(ctx context.Context, ev Event) (bool, error) {
	if err := checkEvent(ev); err != nil {
		return false, err
	}
	keys := []string{r.prefix + "{lb}:seen:" + ev.Key}
	argv := []any{member(ev.DistributorID), ev.Amount, guardTTL.Milliseconds()}
	for _, p := range Periods {
		keys = append(keys, r.setKey(ev.Metric, p, bucket(p, ev.At)))
		argv = append(argv, periodTTL[p].Milliseconds())
	}
	n, err := mirrorScript.Run(ctx, r.client, keys, argv...).Int()
	if err != nil {
		return false, fmt.Errorf("mirror leaderboard event: %w", err)
	}
	return n == 1, nil
}

// setKey shares one hash tag so the script's keys sit in one cluster slot.
func (r *Redis) setKey(m Metric, p Period, bucketKey string) string {
	return r.prefix + "{lb}:" + string(m) + ":" + string(p) + ":" + bucketKey
}

// member encodes a distributor id so that Redis's tie order (reverse
// lexicographic under ZREVRANGE) is ascending id, the SQL tie rule.
func member(id int64) string { return fmt.Sprintf("%019d", math.MaxInt64-id) }

func memberID(m string) (int64, error) {
	v, err := strconv.ParseInt(m, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("leaderboard member %q: %w", m, err)
	}
	return math.MaxInt64 - v, nil
}

// Top implements Board.
func (r *Redis) Top(ctx context.Context, metric Metric, period Period, n int) ([]Entry, error) {
	if err := checkQuery(metric, period); err != nil {
		return nil, err
	}
	key := r.setKey(metric, period, bucket(period, r.sql.now()))
	zs, err := r.client.ZRevRangeWithScores(ctx, key, 0, int64(clampTop(n)-1)).Result()
	if err != nil {
		return nil, fmt.Errorf("leaderboard top: %w", err)
	}
	out := make([]Entry, len(zs))
	for i, z := range zs {
		id, err := memberID(z.Member.(string))
		if err != nil {
			return nil, err
		}
		out[i] = Entry{Rank: i + 1, DistributorID: id, Value: int64(math.Round(z.Score))}
	}
	return out, nil
}

// Rank implements Board.
func (r *Redis) Rank(ctx context.Context, metric Metric, period Period, distributorID int64) (Entry, bool, error) {
	if err := checkQuery(metric, period); err != nil {
		return Entry{}, false, err
	}
	key := r.setKey(metric, period, bucket(period, r.sql.now()))
	m := member(distributorID)
	pipe := r.client.Pipeline()
	rank := pipe.ZRevRank(ctx, key, m)
	score := pipe.ZScore(ctx, key, m)
	if _, err := pipe.Exec(ctx); err != nil {
		if errors.Is(err, redis.Nil) {
			return Entry{}, false, nil
		}
		return Entry{}, false, fmt.Errorf("leaderboard rank: %w", err)
	}
	return Entry{Rank: int(rank.Val()) + 1, DistributorID: distributorID, Value: int64(math.Round(score.Val()))}, true, nil
}
