package app

import "fenxiao/internal/member"

func (a *App) wireMembers() error {
	a.Members = member.NewService(a.DB.Gorm)
	return nil
}
