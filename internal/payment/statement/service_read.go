package statement

import (
	"context"
	"time"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/page"
)

// List returns reports, newest day first, filtered by provider, status and
// an inclusive day range. Errors: invalid (status, from, to).
func (s *Service) List(ctx context.Context, f ListFilter, p page.Request) (page.Result[Report], error) {
	switch Status(f.Status) {
	case "", StatusBalanced, StatusMismatched, StatusFailed:
	default:
		return page.Result[Report]{}, apperr.InvalidField("status", "must be balanced, mismatched or failed")
	}
	for field, v := range map[string]string{"from": f.From, "to": f.To} {
		if _, err := time.Parse(time.DateOnly, v); v != "" && err != nil {
			return page.Result[Report]{}, apperr.InvalidField(field, "must be a date like 2025-01-31")
		}
	}
	items, total, err := listReports(ctx, s.db, f, p)
	if err != nil {
		return page.Result[Report]{}, err
	}
	return page.NewResult(p, items, total), nil
}

// Detail is one report with a page of its mismatches.
type Detail struct {
	Report     Report                `json:"report"`
	Mismatches page.Result[Mismatch] `json:"mismatches"`
}

// Mismatches returns a report and a page of its mismatches in the order
// found (bill entries, then ours), optionally of one kind.
// Errors: not_found; invalid (kind).
func (s *Service) Mismatches(ctx context.Context, reportID int64, kind string, p page.Request) (*Detail, error) {
	switch Kind(kind) {
	case "", KindMissingHere, KindMissingThere, KindAmountDiffers, KindStatusDiffers:
	default:
		return nil, apperr.InvalidField("kind", "must be missing_here, missing_there, amount_differs or status_differs")
	}
	r, err := getReport(ctx, s.db, reportID)
	if err != nil {
		return nil, err
	}
	items, total, err := listMismatches(ctx, s.db, reportID, kind, p)
	if err != nil {
		return nil, err
	}
	return &Detail{Report: *r, Mismatches: page.NewResult(p, items, total)}, nil
}
