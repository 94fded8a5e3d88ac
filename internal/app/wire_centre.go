package app

import "fenxiao/internal/readmodel/centre"

// wireCentre builds the distributor centre's read API; it needs the
// leaderboard, so it runs after the domains that build it.
func (a *App) wireCentre() error {
	a.Centre = centre.NewService(a.DB.Gorm, a.Leaderboard)
	return nil
}
