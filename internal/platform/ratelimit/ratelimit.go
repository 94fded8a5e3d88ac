// Package ratelimit counts attempts per key in fixed windows. The in-memory
// limiter serves a single binary; the Redis limiter shares counts between
// instances when FENXIAO_REDIS_URL is set. Both behave identically.
package ratelimit

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limiter allows at most limit hits per key within window.
type Limiter interface {
	// Allow records one hit for key and reports whether it is within limit;
	// when not, retryAfter says how long until the window resets.
	Allow(ctx context.Context, key string, limit int, window time.Duration) (ok bool, retryAfter time.Duration, err error)
	// Reset forgets key (after a successful login, for example).
	Reset(ctx context.Context, key string) error
}

// Memory is an in-process Limiter.
type Memory struct {
	mu      sync.Mutex
	now     func() time.Time
	buckets map[string]*bucket
	sweeps  int
}

type bucket struct {
	count   int
	resetAt time.Time
}

// NewMemory returns an empty in-memory limiter.
func NewMemory() *Memory { return &Memory{now: time.Now, buckets: map[string]*bucket{}} }

// Allow implements Limiter.
func (m *Memory) Allow(_ context.Context, key string, limit int, window time.Duration) (bool, time.Duration, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	m.sweepLocked(now)
	b := m.buckets[key]
	if b == nil || !now.Before(b.resetAt) {
		b = &bucket{resetAt: now.Add(window)}
		m.buckets[key] = b
	}
	b.count++
	if b.count > limit {
		return false, b.resetAt.Sub(now), nil
	}
	return true, 0, nil
}

// Reset implements Limiter.
func (m *Memory) Reset(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.buckets, key)
	return nil
}

// sweepLocked drops expired buckets every 1024 calls so memory stays bounded.
func (m *Memory) sweepLocked(now time.Time) {
	m.sweeps++
	if m.sweeps%1024 != 0 {
		return
	}
	for k, b := range m.buckets {
		if !now.Before(b.resetAt) {
			delete(m.buckets, k)
		}
	}
}

// Redis is a Limiter backed by INCR with a window expiry.
type Redis struct {
	client *redis.Client
	prefix string
}

// NewRedis returns a Redis limiter; keys are namespaced under prefix.
func NewRedis(client *redis.Client, prefix string) *Redis {
	return &Redis{client: client, prefix: prefix}
}

var incrScript = redis.NewScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`)

// Allow implements Limiter.
func (r *Redis) Allow(ctx context.Context, key string, limit int, window time.Duration) (bool, time.Duration, error) {
	res, err := incrScript.Run(ctx, r.client, []string{r.prefix + key}, window.Milliseconds()).Int64Slice()
	if err != nil {
		return false, 0, fmt.Errorf("rate limit %s: %w", key, err)
	}
	if res[0] > int64(limit) {
		return false, time.Duration(res[1]) * time.Millisecond, nil
	}
	return true, 0, nil
}

// Reset implements Limiter.
func (r *Redis) Reset(ctx context.Context, key string) error {
	return r.client.Del(ctx, r.prefix+key).Err()
}
