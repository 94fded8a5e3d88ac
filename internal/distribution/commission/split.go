package commission

import (
	"context"
	"sort"

	"fenxiao/internal/platform/money"
)

// Split is how one order's commission divides between the two tiers, for
// the admin order page: per tier its distributor with what was accrued,
// what refunds reversed and what is left, the order's total net, and the
// records (one per line and tier) behind it.
type Split struct {
	Tiers   []TierSplit `json:"tiers"`
	Net     money.Fen   `json:"net"`
	Records []Record    `json:"records"`
}

// TierSplit is one tier's share of an order. Net = Amount -
// ReversedAmount. A tier whose distributor was frozen or capped shows 0
// with the records' reason.
type TierSplit struct {
	Tier           int       `json:"tier"`
	DistributorID  int64     `json:"distributor_id"`
	Amount         money.Fen `json:"amount"`
	ReversedAmount money.Fen `json:"reversed_amount"`
	Net            money.Fen `json:"net"`
}

// SplitOf returns the order's commission split; an order nobody earns on
// (no distributor, or not paid yet) has no tiers and no records.
// Errors: none but database failures.
func (s *Service) SplitOf(ctx context.Context, orderID int64) (*Split, error) {
	recs, err := s.RecordsOf(ctx, orderID)
	if err != nil {
		return nil, err
	}
	out := &Split{Tiers: []TierSplit{}, Records: recs}
	if out.Records == nil {
		out.Records = []Record{}
	}
	for _, r := range recs {
		i := tierIndex(out.Tiers, r.Tier)
		if i < 0 {
			out.Tiers = append(out.Tiers, TierSplit{Tier: r.Tier, DistributorID: r.DistributorID})
			i = len(out.Tiers) - 1
		}
		t := &out.Tiers[i]
		t.Amount += r.Amount
		t.ReversedAmount += r.ReversedAmount
		t.Net += r.Net()
		out.Net += r.Net()
	}
	sort.Slice(out.Tiers, func(i, j int) bool { return out.Tiers[i].Tier < out.Tiers[j].Tier })
	return out, nil
}

// tierIndex finds tier in ts, or -1.
func tierIndex(ts []TierSplit, tier int) int {
	for i, t := range ts {
		if t.Tier == tier {
			return i
		}
	}
	return -1
}
