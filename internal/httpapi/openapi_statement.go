package httpapi

import "fenxiao/internal/payment/statement"

func init() {
	document(
		op{Method: "GET", Path: "/api/admin/statements", Tag: "admin-statements", Auth: authAdmin,
			Query: []string{"provider", "status", "from", "to", "page", "page_size"}, Response: pageOf[statement.Report]{},
			Summary: "Daily statement reconciliation reports, newest day first: per provider (wechatpay, alipay) and China Standard Time day, our paid payments and succeeded refunds against the provider's trade bill, with counts, totals and mismatch counts. status balanced/mismatched/failed (failure says why; the hourly job retries yesterday); from/to are inclusive YYYY-MM-DD days"},
		op{Method: "GET", Path: "/api/admin/statements/:id/mismatches", Tag: "admin-statements", Auth: authAdmin,
			Query: []string{"kind", "page", "page_size"}, Response: statement.Detail{},
			Summary: "One report with a page of its mismatches: missing_here (in the bill, not paid or refunded here that day), missing_there (ours, not in the bill), amount_differs, status_differs (the bill shows it revoked or still processing); kind filters. 404 for an unknown report"},
		op{Method: "POST", Path: "/api/admin/statements/run", Tag: "admin-statements", Auth: authAdmin, Request: statement.RunInput{}, Response: statement.Report{},
			Summary: "Reconcile one provider's past day now, replacing its report; audited. A provider failure gives a failed report, not an error. 400 provider_not_configured, invalid_day (not YYYY-MM-DD), day_not_over (today or later, CST)"},
	)
}
