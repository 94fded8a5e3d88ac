package wechat

import (
	"context"
	"time"
)

// Tickets keeps the official account's access token and jsapi_ticket in
// this process's memory, each until shortly before it expires, shared by
// every request. Each process of a deployment keeps its own copy; that is
// safe because StableToken hands every process the same valid token and
// WeChat answers the same ticket while it is valid. It is safe for
// concurrent use.
type Tickets struct {
	client *Client
	now    func() time.Time
	token  *cache
	ticket *cache
}

// TicketsOption configures Tickets.
type TicketsOption func(*Tickets)

// WithTicketsClock sets the clock that decides expiry (tests).
func WithTicketsClock(now func() time.Time) TicketsOption {
	return func(t *Tickets) { t.now = now }
}

// NewTickets keeps the credentials of client's official account.
func NewTickets(client *Client, opts ...TicketsOption) *Tickets {
	t := &Tickets{client: client, now: time.Now, token: newCache(), ticket: newCache()}
	for _, o := range opts {
		o(t)
	}
	return t
}

// AppID is the official account the credentials belong to.
func (t *Tickets) AppID() string { return t.client.AppID() }

// AccessToken is the account's access token, fetched when missing or
// about to expire. Errors: *APIError or a transport error.
func (t *Tickets) AccessToken(ctx context.Context) (string, error) {
	return t.token.get(ctx, t.now, t.client.StableToken)
}

// JSAPITicket is the account's jsapi_ticket, fetched when missing or about
// to expire. When WeChat refuses the access token (replaced or revoked
// before its time) the token is fetched again once.
// Errors: *APIError or a transport error.
func (t *Tickets) JSAPITicket(ctx context.Context) (string, error) {
	return t.ticket.get(ctx, t.now, t.fetchTicket)
}

func (t *Tickets) fetchTicket(ctx context.Context) (string, time.Duration, error) {
	tok, err := t.AccessToken(ctx)
	if err != nil {
		return "", 0, err
	}
	ticket, ttl, err := t.client.JSAPITicket(ctx, tok)
	if !IsTokenError(err) {
		return ticket, ttl, err
	}
	t.token.drop(tok)
	if tok, err = t.AccessToken(ctx); err != nil {
		return "", 0, err
	}
	return t.client.JSAPITicket(ctx, tok)
}
