package httpapi

import (
	"fenxiao/internal/distribution/commission"
)

func init() {
	document(
		op{Method: "GET", Path: "/api/admin/commissions", Tag: "admin-commissions", Auth: authAdmin,
			Query:    []string{"distributor_id", "order_id", "status", "from", "to", "page", "page_size"},
			Response: pageOf[commission.Record]{},
			Summary:  "Commission records (one per order line and tier 1|2), newest first; status pending/settled/reversed; from/to are Asia/Shanghai dates (inclusive); amounts in fen"},
		op{Method: "GET", Path: "/api/admin/settings/commission", Tag: "admin-commissions", Auth: authAdmin, Response: commission.Settings{},
			Summary: "Global tier rates (bp), settle_after_days, self_purchase and per-buyer order caps (0 = off)"},
		op{Method: "PUT", Path: "/api/admin/settings/commission", Tag: "admin-commissions", Auth: authSuper, Request: commission.Settings{}, Response: commission.Settings{},
			Summary: "Replace the commission settings (rates 0..10000 bp, sum <= 10000; settle_after_days 0..365; caps >= 0); audited. 400 invalid with fields"},
	)
}
