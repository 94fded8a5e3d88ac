package httpapi

import "fenxiao/internal/payment"

func init() {
	document(
		op{Method: "GET", Path: "/api/admin/payment-alerts", Tag: "admin-payments", Auth: authAdmin, Query: []string{"status", "page", "page_size"},
			Response: pageOf[payment.Alert]{}, Summary: "Payment problems, newest first (status open/resolved): mismatch (a verified confirmation disagreeing with our record; the order stays unpaid), unknown_trade, paid_after_cancel and paid_twice (money to send back)"},
		op{Method: "POST", Path: "/api/admin/payment-alerts/:id/resolve", Tag: "admin-payments", Auth: authAdmin, Request: resolveRequest{}, Response: payment.Alert{},
			Summary: "Close an open alert with a note saying what was done; audited. 409 already_resolved"},
		op{Method: "POST", Path: "/api/admin/payments/:out_trade_no/reconcile", Tag: "admin-payments", Auth: authAdmin, Request: payment.ReconcileInput{}, Response: payment.Payment{},
			Summary: "Manual reconciliation of a payment whose notification never came: re-enter the admin password (403 password_mismatch), a note is required; WeChat Pay/Alipay are asked and must report this transaction id (409 provider_says_unpaid, 400 transaction_mismatch, 503 when they cannot be asked). The order, commissions and notifications follow exactly once; audited. 409 not_pending"},
		op{Method: "POST", Path: "/api/pay/notify/wechatpay", Tag: "payment-notifications", Auth: authExternal,
			Summary: "WeChat Pay v3 notifications: signature (public key or platform certificate), timestamp and APIv3 decryption verified, then app id, merchant id and amount compared with the attempt. 204 when recorded; 401 FAIL when verification fails (alerted); 500 FAIL when it cannot be recorded now, so WeChat retries. 404 when WeChat Pay is not configured"},
		op{Method: "POST", Path: "/api/pay/notify/alipay", Tag: "payment-notifications", Auth: authExternal,
			Summary: "Alipay notifications (form POST, verified from the body only): body success when recorded; fail otherwise, so Alipay retries. 404 when Alipay is not configured"},
	)
}
