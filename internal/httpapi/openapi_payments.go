package httpapi

import "fenxiao/internal/payment"

func init() {
	document(
		op{Method: "GET", Path: "/api/admin/payment-alerts", Tag: "admin-payments", Auth: authAdmin, Query: []string{"status", "page", "page_size"},
			Response: pageOf[payment.Alert]{}, Summary: "Payment problems, newest first (status open/resolved): mismatch (a verified confirmation disagreeing with our record; the order stays unpaid), unknown_trade, paid_after_cancel and paid_twice (money to send back)"},
		op{Method: "POST", Path: "/api/admin/payment-alerts/:id/resolve", Tag: "admin-payments", Auth: authAdmin, Request: resolveRequest{}, Response: payment.Alert{},
			Summary: "Close an open alert with a note saying what was done; audited. 409 already_resolved"},
	)
}
