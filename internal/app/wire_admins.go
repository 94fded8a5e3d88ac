package app

import "fenxiao/internal/shop/adminauth"

func (a *App) wireAdmins() error {
	a.Admins = adminauth.NewService(a.DB.Gorm, a.Limiter)
	return nil
}
