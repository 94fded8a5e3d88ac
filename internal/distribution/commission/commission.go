// Package commission computes Fenxiao's two-tier distribution commissions.
// Tier 1 is the distributor the buyer is bound to; tier 2 is tier 1's parent.
// There is no third tier.
//
// Compute is the one function that turns an order line into commissions, and
// ReversalDue the one that claws them back on refunds. Both are pure integer
// arithmetic on fen and basis points; nothing here touches the database.
//
// Tables: commission_records.
package commission

import (
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
)

// Mode says how a product's commission is computed. The values are the
// strings catalog.CommissionMode stores (this package does not import catalog).
type Mode string

const (
	// ModeInherit uses distributor level rates, else the merchant's global rates.
	ModeInherit Mode = "inherit"
	// ModeRate uses the product's own Tier1/Tier2 basis points of the paid amount.
	ModeRate Mode = "rate"
	// ModeFixed pays the product's Tier1/Tier2 fen per unit sold.
	ModeFixed Mode = "fixed"
)

// Source says where the rate or amount of one tier came from.
type Source string

const (
	SourceProduct Source = "product"
	SourceLevel   Source = "level"
	SourceGlobal  Source = "global"
)

// MaxLineAmount bounds the paid amount of a line (10^14 fen, a trillion
// yuan) so that amount x rate can never overflow int64.
const MaxLineAmount money.Fen = 100_000_000_000_000

// Setting is a product's commission setting: for ModeRate the tiers are
// basis points, for ModeFixed fen per unit, for ModeInherit they are unused.
type Setting struct {
	Mode  Mode
	Tier1 int64
	Tier2 int64
}

// Rates is a pair of tier rates in basis points.
type Rates struct {
	Tier1 money.BP
	Tier2 money.BP
}

// LevelRates are the rates distributor levels grant, nil meaning "no level
// rate, use the global one". A level gives its distributor a tier-1 rate
// (used when that distributor earns as the buyer's distributor) and a tier-2
// rate (used when it earns as the parent). So the caller passes Tier1 from
// the level of the tier-1 earner and Tier2 from the level of the tier-2
// earner.
type LevelRates struct {
	Tier1 *money.BP
	Tier2 *money.BP
}

// Input is everything Compute needs about one order line.
type Input struct {
	// Paid is what the buyer paid for the line: after discounts, without
	// shipping.
	Paid     money.Fen
	Quantity int64
	Product  Setting
	Global   Rates
	Level    LevelRates
}

// Result is the commission of one line: exactly two tiers.
type Result struct {
	Tier1 money.Fen
	Tier2 money.Fen
	// Used is what was applied, to snapshot on the order line
	// (commission_mode, commission_tier1, commission_tier2). Mode is the
	// product's mode; for ModeInherit the tiers hold the resolved basis
	// points, so the snapshot always says what was really paid.
	Used    Setting
	Source1 Source
	Source2 Source
}

// Compute returns the tier-1 and tier-2 commission of one order line.
//
// Precedence of what applies, per tier: the product's own setting (rate or
// fixed) > the earning distributor's level rate > the merchant's global rate.
// Level rates only replace global rates, so they matter only for inherit
// products.
//
// Rounding: each tier is computed on its own and floored to the fen
// (money.ApplyRate) for rates; fixed is fen per unit x quantity. Tier 1 is
// capped at the paid amount, and tier 2 at what tier 1 leaves, so
// Tier1+Tier2 never exceeds Paid and tier 1 is never reduced by tier 2. A
// line without a tier-2 earner simply ignores Result.Tier2. A paid amount or
// quantity <= 0 gives zero commissions.
//
// Errors: invalid when the mode is unknown, a rate is outside 0..10000 bp, a
// fixed amount is negative, or Paid exceeds MaxLineAmount.
func Compute(in Input) (Result, error) {
	if err := validate(in); err != nil {
		return Result{}, err
	}
	var r Result
	var raw1, raw2 money.Fen
	switch in.Product.Mode {
	case ModeFixed:
		r.Used, r.Source1, r.Source2 = in.Product, SourceProduct, SourceProduct
		raw1 = perUnit(money.Fen(in.Product.Tier1), in.Quantity, in.Paid)
		raw2 = perUnit(money.Fen(in.Product.Tier2), in.Quantity, in.Paid)
	case ModeRate:
		r.Used, r.Source1, r.Source2 = in.Product, SourceProduct, SourceProduct
		raw1 = money.ApplyRate(in.Paid, money.BP(in.Product.Tier1))
		raw2 = money.ApplyRate(in.Paid, money.BP(in.Product.Tier2))
	case ModeInherit:
		rate1, src1 := resolve(in.Level.Tier1, in.Global.Tier1)
		rate2, src2 := resolve(in.Level.Tier2, in.Global.Tier2)
		r.Used = Setting{Mode: ModeInherit, Tier1: int64(rate1), Tier2: int64(rate2)}
		r.Source1, r.Source2 = src1, src2
		raw1 = money.ApplyRate(in.Paid, rate1)
		raw2 = money.ApplyRate(in.Paid, rate2)
	}
	if in.Paid <= 0 || in.Quantity <= 0 {
		return r, nil
	}
	r.Tier1 = min(raw1, in.Paid)
	r.Tier2 = min(raw2, in.Paid-r.Tier1)
	return r, nil
}

// resolve picks the level rate when there is one, else the global rate.
func resolve(level *money.BP, global money.BP) (money.BP, Source) {
	if level != nil {
		return *level, SourceLevel
	}
	return global, SourceGlobal
}

// perUnit is fee x quantity, capped at limit; the cap is checked by
// division first so the multiplication cannot overflow.
func perUnit(fee money.Fen, quantity int64, limit money.Fen) money.Fen {
	if fee <= 0 || quantity <= 0 || limit <= 0 {
		return 0
	}
	if quantity > int64(limit/fee) {
		return limit
	}
	return fee * money.Fen(quantity)
}

func validate(in Input) error {
	if in.Paid > MaxLineAmount {
		return apperr.InvalidField("paid", "line amount is too large")
	}
	switch in.Product.Mode {
	case ModeInherit:
		if !validRate(int64(in.Global.Tier1)) || !validRate(int64(in.Global.Tier2)) {
			return apperr.InvalidField("global_rates", "rate must be 0..10000 basis points")
		}
		if !validLevel(in.Level.Tier1) || !validLevel(in.Level.Tier2) {
			return apperr.InvalidField("level_rates", "rate must be 0..10000 basis points")
		}
	case ModeRate:
		if !validRate(in.Product.Tier1) || !validRate(in.Product.Tier2) {
			return apperr.InvalidField("commission_tier", "rate must be 0..10000 basis points")
		}
	case ModeFixed:
		if in.Product.Tier1 < 0 || in.Product.Tier2 < 0 {
			return apperr.InvalidField("commission_tier", "fixed commission must not be negative")
		}
	default:
		return apperr.InvalidField("commission_mode", "unknown commission mode "+string(in.Product.Mode))
	}
	return nil
}

func validRate(r int64) bool { return r >= 0 && r <= int64(money.FullRate) }

func validLevel(r *money.BP) bool { return r == nil || validRate(int64(*r)) }
