// Package payment takes payments through providers and reports them to
// the order service through its one "paid" entry point.
package payment
