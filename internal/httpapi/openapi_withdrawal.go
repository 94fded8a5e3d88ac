package httpapi

import "fenxiao/internal/withdrawal"

func init() {
	document(
		op{Method: "GET", Path: "/api/shop/distributor/payout-accounts", Tag: "shop-withdrawal", Auth: authShopper, Response: []withdrawal.Account{},
			Summary: "The active distributor's payout accounts, masked (account numbers and names are never returned); 403 not_a_distributor"},
		op{Method: "POST", Path: "/api/shop/distributor/payout-accounts", Tag: "shop-withdrawal", Auth: authShopper, Request: withdrawal.AccountInput{}, Response: withdrawal.Account{},
			Summary: "Add a payout account: wechat (pays the linked WeChat; no other fields; 400 wechat_not_linked), alipay (account = mobile or email, real_name), bank (bank_name, 12-19 digit Luhn-valid card, real_name). 409 duplicate_account/too_many_accounts (10)"},
		op{Method: "DELETE", Path: "/api/shop/distributor/payout-accounts/:id", Tag: "shop-withdrawal", Auth: authShopper, Response: okResponse{},
			Summary: "Delete a payout account (soft; past withdrawals keep their masked snapshot); 404 for unknown or another distributor's account"},
		op{Method: "GET", Path: "/api/shop/distributor/withdrawals", Tag: "shop-withdrawal", Auth: authShopper, Query: []string{"page", "page_size"},
			Response: pageOf[withdrawal.Withdrawal]{}, Summary: "The distributor's own withdrawals, newest first"},
		op{Method: "POST", Path: "/api/shop/distributor/withdrawals", Tag: "shop-withdrawal", Auth: authShopper, Request: withdrawal.RequestInput{}, Response: withdrawal.Withdrawal{},
			Summary: "Request a withdrawal of amount fen to a payout account: moves it from available to withdrawing. fee = floor(amount*fee_bp/10000), net = amount-fee. 400 below_minimum/net_zero, 404 payout account, 409 insufficient_funds/negative_balance/daily_limit (Asia/Shanghai day; every request counts)"},

		op{Method: "GET", Path: "/api/admin/withdrawals", Tag: "admin-withdrawals", Auth: authAdmin, Query: []string{"status", "distributor_id", "page", "page_size"},
			Response: pageOf[withdrawal.Withdrawal]{}, Summary: "Withdrawals, newest first (status pending/approved/rejected/paid/failed); payout targets masked"},
		op{Method: "GET", Path: "/api/admin/withdrawals/:id", Tag: "admin-withdrawals", Auth: authAdmin, Response: withdrawal.Withdrawal{},
			Summary: "One withdrawal (out_biz_no W<id> is what payout providers see)"},
		op{Method: "POST", Path: "/api/admin/withdrawals/:id/approve", Tag: "admin-withdrawals", Auth: authAdmin, Request: approveRequest{}, Response: withdrawal.Withdrawal{},
			Summary: "Approve a pending withdrawal, re-entering the admin's own password (403 password_mismatch, throttled 429); audited, notifies withdrawal_approved. 409 wrong_status"},
		op{Method: "POST", Path: "/api/admin/withdrawals/:id/reject", Tag: "admin-withdrawals", Auth: authAdmin, Request: withdrawalReason{}, Response: withdrawal.Withdrawal{},
			Summary: "Reject a pending withdrawal (reason required): the amount returns to available; audited, notifies withdrawal_rejected. 409 wrong_status"},
		op{Method: "POST", Path: "/api/admin/withdrawals/:id/payout", Tag: "admin-withdrawals", Auth: authAdmin, Request: withdrawal.PayoutInput{}, Response: withdrawal.Withdrawal{},
			Summary: "Record the manual transfer of an approved withdrawal (reference required, proof_url an /uploads/ image from POST /api/admin/uploads): net to paid_out, fee to the merchant adjustment account; audited, notifies withdrawal_paid. 409 wrong_status (never paid twice)"},
		op{Method: "POST", Path: "/api/admin/withdrawals/:id/fail", Tag: "admin-withdrawals", Auth: authAdmin, Request: withdrawalReason{}, Response: withdrawal.Withdrawal{},
			Summary: "Mark an approved withdrawal's transfer failed (reason required): the amount returns to available; audited, notifies withdrawal_rejected. 409 wrong_status"},
		op{Method: "GET", Path: "/api/admin/settings/withdrawal", Tag: "admin-withdrawals", Auth: authSuper, Response: withdrawal.Settings{},
			Summary: "Withdrawal rules: min_amount (fen, default 100), daily_max_amount (fen, default 500000), daily_max_count (default 3), fee_bp (default 0)"},
		op{Method: "PUT", Path: "/api/admin/settings/withdrawal", Tag: "admin-withdrawals", Auth: authSuper, Request: withdrawal.Settings{}, Response: withdrawal.Settings{},
			Summary: "Replace the withdrawal rules (min_amount >= 1, daily_max_amount >= min_amount, daily_max_count 1..1000, fee_bp 0..5000); audited"},
	)
}
