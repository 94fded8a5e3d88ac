package wechat

import (
	"context"
	"sync"
	"time"
)

// Cache timing. WeChat's tokens and tickets live 7200 s.
const (
	// refreshBefore: a value is replaced this long before WeChat says it
	// expires (at most half its life), so one handed out is still valid
	// when the browser or WeChat checks it.
	refreshBefore = 5 * time.Minute
	// failureBackoff: after a failed fetch the failure is answered for
	// this long without calling WeChat again, so a burst of page views
	// during an outage (or with a wrong secret) does not eat the account's
	// daily quota of token and ticket fetches.
	failureBackoff = 10 * time.Second
)

// cache holds one short-lived secret (an access token or a ticket) in
// memory. Fetches are single-flight: one caller fetches while the others
// wait for its result (or their own context), so a burst fetches once.
type cache struct {
	sem chan struct{} // one slot: the fetch in flight

	mu      sync.Mutex
	value   string
	renewAt time.Time
	failure error
	retryAt time.Time
}

func newCache() *cache { return &cache{sem: make(chan struct{}, 1)} }

// fetchFunc gets a fresh value and how long it lives.
type fetchFunc func(ctx context.Context) (string, time.Duration, error)

// get returns the cached value, fetching it when missing or due.
func (c *cache) get(ctx context.Context, now func() time.Time, fetch fetchFunc) (string, error) {
	if v, ok, err := c.peek(now()); ok {
		return v, err
	}
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-c.sem }()
	// Whoever held the slot before us may have fetched it already.
	if v, ok, err := c.peek(now()); ok {
		return v, err
	}
	v, ttl, err := fetch(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		if ctx.Err() == nil { // our caller giving up is no reason to back off
			c.failure, c.retryAt = err, now().Add(failureBackoff)
		}
		return "", err
	}
	c.value, c.failure = v, nil
	c.renewAt = now().Add(ttl - min(refreshBefore, ttl/2))
	return v, nil
}

// peek answers from memory: the value while it is fresh, or the last
// failure while backing off; ok is false when a fetch is needed.
func (c *cache) peek(now time.Time) (v string, ok bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.value != "" && now.Before(c.renewAt) {
		return c.value, true, nil
	}
	if c.failure != nil && now.Before(c.retryAt) {
		return "", true, c.failure
	}
	return "", false, nil
}

// drop forgets v (WeChat refused it) unless it was already replaced.
func (c *cache) drop(v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.value == v {
		c.value = ""
	}
}
