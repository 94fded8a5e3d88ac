package app

import "fenxiao/internal/readmodel/dashboard"

// dashboard builds the admin overview; it only reads, so nothing else
// depends on it.
func (a *App) dashboard() *dashboard.Service { return dashboard.NewService(a.DB.Gorm) }
