package export

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
)

// Source is one kind of export: its columns and how to walk its rows with
// the admin list's filters.
type Source interface {
	// Title names the sheet (at most 31 characters).
	Title() string
	// Header is the first row: column titles in zh-CN then English.
	Header() []string
	// Open checks raw filters (a JSON object with the list's filter fields)
	// and returns a walk over the matching rows. Errors: invalid.
	Open(ctx context.Context, raw json.RawMessage) (Walk, error)
}

// Walk goes over one filtered set, newest first.
type Walk interface {
	// Count is how many rows match now.
	Count(ctx context.Context) (int64, error)
	// Next returns the rows of one cursor window and the id of the last
	// one; no rows means the walk is over.
	Next(ctx context.Context, c page.Cursor) (rows [][]any, last int64, err error)
}

// Yuan is a money cell: written as a number of yuan with two decimals so
// merchants can sum columns. Excel stores every number as a double; the
// fen amount is divided only here, for display, and never read back.
type Yuan money.Fen

// Time is a timestamp cell, shown in Asia/Shanghai; nil shows empty.
func Time(t *time.Time) any {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.In(shanghai).Format(time.DateTime)
}

// decodeFilters reads raw strictly into f: unknown fields are refused so a
// typo never silently exports everything.
func decodeFilters(raw json.RawMessage, f any) error {
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(f); err != nil {
		return apperr.InvalidField("filters", "not valid filters for this export: "+err.Error())
	}
	return nil
}

// walker adapts a list's count and cursor walk to Walk, turning each item
// into a row.
type walker[T any] struct {
	count func(ctx context.Context) (int64, error)
	walk  func(ctx context.Context, c page.Cursor) ([]T, error)
	id    func(T) int64
	row   func(T) []any
}

func (w walker[T]) Count(ctx context.Context) (int64, error) { return w.count(ctx) }

func (w walker[T]) Next(ctx context.Context, c page.Cursor) ([][]any, int64, error) {
	items, err := w.walk(ctx, c)
	if err != nil || len(items) == 0 {
		return nil, 0, err
	}
	rows := make([][]any, len(items))
	for i, it := range items {
		rows[i] = w.row(it)
	}
	return rows, w.id(items[len(items)-1]), nil
}
