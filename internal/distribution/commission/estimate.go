package commission

import (
	"context"
	"fmt"

	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
)

// Estimate is what a distributor would earn at tier 1 on one unit of a
// product sold through its link, over the product's SKU prices: the figure
// its share sheet and poster show. It is an estimate: the real commission
// is worked out at payment on what the buyer paid (after discounts), with
// the rates and the buyer caps of that moment.
type Estimate struct {
	Min money.Fen `json:"min"`
	Max money.Fen `json:"max"`
}

// ProductPrices loads what an estimate needs of a product: its commission
// setting and the prices of its SKUs on sale.
type ProductPrices func() (Setting, []money.Fen, error)

// EstimateFor works out the tier-1 Estimate of the distributor that is
// shopper shopperID for the product load returns, with today's global
// rates and the distributor's level. The caller is checked first, so
// non-distributors learn nothing about products. A frozen distributor
// earns nothing, so its estimate is zero.
// Errors: forbidden (not_a_distributor), and load's.
func (s *Service) EstimateFor(ctx context.Context, shopperID int64, load ProductPrices) (Estimate, error) {
	db := s.db.WithContext(ctx)
	e, err := s.deps.Referral.EarnerOfShopper(ctx, db, shopperID)
	if err != nil {
		return Estimate{}, err
	}
	if e == nil || (e.Status != referral.StatusActive && e.Status != referral.StatusFrozen) {
		return Estimate{}, apperr.Forbidden("only distributors can do this").WithReason("not_a_distributor")
	}
	product, prices, err := load()
	if err != nil {
		return Estimate{}, err
	}
	if e.Status != referral.StatusActive || len(prices) == 0 {
		return Estimate{}, nil
	}
	cfg, err := loadSettings(ctx, db)
	if err != nil {
		return Estimate{}, err
	}
	var level LevelRates
	lvl, err := s.deps.Referral.LevelOf(ctx, db, e.LevelID)
	if err != nil {
		return Estimate{}, err
	}
	if lvl != nil {
		level.Tier1, level.Tier2 = &lvl.Tier1RateBP, &lvl.Tier2RateBP
	}
	if product.Mode == "" {
		product.Mode = ModeInherit
	}
	var out Estimate
	for i, price := range prices {
		res, err := Compute(Input{Paid: price, Quantity: 1, Product: product,
			Global: Rates{Tier1: cfg.Tier1RateBP, Tier2: cfg.Tier2RateBP}, Level: level})
		if err != nil {
			return Estimate{}, fmt.Errorf("estimate commission: %w", err)
		}
		if i == 0 || res.Tier1 < out.Min {
			out.Min = res.Tier1
		}
		if res.Tier1 > out.Max {
			out.Max = res.Tier1
		}
	}
	return out, nil
}
