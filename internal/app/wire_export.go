package app

import (
	"path/filepath"

	"fenxiao/internal/readmodel/export"
)

// wireExport builds spreadsheet exports of the admin lists; files live in
// the data directory's exports/ folder.
func (a *App) wireExport() error {
	a.Exports = export.NewService(a.DB.Gorm, a.Jobs, filepath.Join(a.Config.DataDir, "exports"), a.Log, map[export.Kind]export.Source{
		export.KindDistributors: export.Distributors{S: a.Referral},
		export.KindCommissions:  export.Commissions{S: a.Commissions},
		export.KindWithdrawals:  export.Withdrawals{S: a.Withdrawals},
	})
	export.RegisterJobs(a.Jobs, a.Exports)
	return nil
}
