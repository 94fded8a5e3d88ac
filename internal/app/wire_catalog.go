package app

import "fenxiao/internal/catalog"

func (a *App) wireCatalog() error {
	a.Catalog = catalog.NewService(a.DB.Gorm)
	return nil
}
