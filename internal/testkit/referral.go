package testkit

import (
	"testing"

	"fenxiao/internal/distribution/referral"
)

// MakeDistributor designates an existing shopper as a distributor through
// the service (its parent comes from its current binding).
func (a *App) MakeDistributor(t testing.TB, shopperID int64) *referral.AdminDetail {
	t.Helper()
	d, err := a.Referral.Designate(Ctx(), fixtureActor, shopperID)
	if err != nil {
		t.Fatalf("designate shopper %d: %v", shopperID, err)
	}
	return d
}

// NewDistributor creates a shopper with phone and makes it a distributor.
func (a *App) NewDistributor(t testing.TB, phone string) *referral.AdminDetail {
	t.Helper()
	return a.MakeDistributor(t, a.NewShopper(t, phone))
}

// SetReferralSettings stores the join mode and binding rules.
func (a *App) SetReferralSettings(t testing.TB, s referral.AllSettings) {
	t.Helper()
	if _, err := a.Referral.SaveSettings(Ctx(), fixtureActor, s); err != nil {
		t.Fatalf("save referral settings: %v", err)
	}
}

// BindVia binds a shopper through a distributor's invite code by the rules.
func (a *App) BindVia(t testing.TB, shopperID int64, code string) referral.BindResult {
	t.Helper()
	res, err := a.Referral.Bind(Ctx(), shopperID, code, referral.SourceLink)
	if err != nil {
		t.Fatalf("bind %d via %s: %v", shopperID, code, err)
	}
	return res
}
