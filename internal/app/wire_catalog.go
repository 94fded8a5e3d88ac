package app

import (
	"path/filepath"

	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/media"
)

// wireCatalog builds the catalogue and the image store; images live in
// <data dir>/uploads.
func (a *App) wireCatalog() error {
	a.Catalog = catalog.NewService(a.DB.Gorm)
	store, err := media.NewLocalStorage(filepath.Join(a.Config.DataDir, "uploads"))
	if err != nil {
		return err
	}
	a.Media = media.NewService(a.DB.Gorm, store)
	return nil
}
