package httpapi

import "fenxiao/internal/readmodel/export"

func init() {
	document(
		op{Method: "POST", Path: "/api/admin/exports", Tag: "admin-exports", Auth: authAdmin, Request: exportRequest{}, Response: export.Export{},
			Summary: "Start an Excel export of distributors, commissions or withdrawals with that list's filters (unknown filter fields are 400); built in the background, audited. Poll GET /api/admin/exports/:id for percent"},
		op{Method: "GET", Path: "/api/admin/exports", Tag: "admin-exports", Auth: authAdmin, Query: []string{"page", "page_size"},
			Response: pageOf[export.Export]{}, Summary: "Exports, newest first, with status queued/running/done/failed/expired and progress"},
		op{Method: "GET", Path: "/api/admin/exports/:id", Tag: "admin-exports", Auth: authAdmin, Response: export.Export{},
			Summary: "One export's progress: rows_done of rows_total and percent (100 only when the file is ready)"},
		op{Method: "GET", Path: "/api/admin/exports/:id/download", Tag: "admin-exports", Auth: authAdmin,
			Summary: "The .xlsx file (audited); 409 export_not_ready / export_failed / export_expired (files are kept 7 days)"},
	)
}
