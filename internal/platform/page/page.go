// Package page is the one pagination shape used by every list endpoint.
package page

const (
	DefaultSize = 20
	MaxSize     = 100
)

// Request is a 1-based page number and a page size.
type Request struct {
	Page int `form:"page" json:"page"`
	Size int `form:"page_size" json:"page_size"`
}

// Normalize clamps the request into sane bounds.
func (r Request) Normalize() Request {
	if r.Page < 1 {
		r.Page = 1
	}
	if r.Size < 1 {
		r.Size = DefaultSize
	}
	if r.Size > MaxSize {
		r.Size = MaxSize
	}
	return r
}

// Offset is the number of rows to skip.
func (r Request) Offset() int { n := r.Normalize(); return (n.Page - 1) * n.Size }

// Limit is the page size after normalisation.
func (r Request) Limit() int { return r.Normalize().Size }

// Result is one page of items and the total count.
type Result[T any] struct {
	Items    []T   `json:"items"`
	Page     int   `json:"page"`
	PageSize int   `json:"page_size"`
	Total    int64 `json:"total"`
}

// NewResult builds a Result, never with a nil Items (clients get []).
func NewResult[T any](r Request, items []T, total int64) Result[T] {
	n := r.Normalize()
	if items == nil {
		items = []T{}
	}
	return Result[T]{Items: items, Page: n.Page, PageSize: n.Size, Total: total}
}

// Cursor walks a whole filtered set newest first, in id order: up to Limit
// items with ids below Before (0: start at the newest). Unlike offset pages
// it does not shift when new rows arrive, so exports see a stable set.
type Cursor struct {
	Before int64
	Limit  int
}

// Window returns the SQL condition and argument selecting the cursor's
// window on column (empty when it starts at the newest) and the limit,
// at least 1 and at most 1000.
func (c Cursor) Window(column string) (cond string, args []any, limit int) {
	limit = min(max(c.Limit, 1), 1000)
	if c.Before > 0 {
		return column + " < ?", []any{c.Before}, limit
	}
	return "1 = 1", nil, limit
}
