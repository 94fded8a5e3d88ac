package app

import "fenxiao/internal/distribution/referral"

// wireReferral builds the distribution core (distributors, bindings,
// levels). The order and commission domains call it for attribution.
func (a *App) wireReferral() error {
	a.Referral = referral.NewService(a.DB.Gorm, a.Catalog, a.Members)
	return nil
}
