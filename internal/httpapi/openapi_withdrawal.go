package httpapi

import "fenxiao/internal/distribution/withdrawal"

func init() {
	document(
		op{Method: "GET", Path: "/api/shop/distributor/payout-accounts", Tag: "shop-withdrawal", Auth: authShopper, Response: []withdrawal.Account{},
			Summary: "The active distributor's payout accounts, masked (account numbers and names are never returned); 403 not_a_distributor"},
		op{Method: "POST", Path: "/api/shop/distributor/payout-accounts", Tag: "shop-withdrawal", Auth: authShopper, Request: withdrawal.AccountInput{}, Response: withdrawal.Account{},
			Summary: "Add a payout account: wechat (pays the linked WeChat; no other fields; 400 wechat_not_linked), alipay (account = mobile or email, real_name), bank (bank_name, 12-19 digit Luhn-valid card, real_name). 409 duplicate_account/too_many_accounts (10)"},
		op{Method: "DELETE", Path: "/api/shop/distributor/payout-accounts/:id", Tag: "shop-withdrawal", Auth: authShopper, Response: okResponse{},
			Summary: "Delete a payout account (soft; past withdrawals keep their masked snapshot); 404 for unknown or another distributor's account"},
		op{Method: "GET", Path: "/api/shop/distributor/withdrawal-rules", Tag: "shop-withdrawal", Auth: authShopper, Response: withdrawal.Rules{},
			Summary: "The withdrawal rules (min_amount, daily_max_amount, daily_max_count, fee_bp), what I requested today (Asia/Shanghai), my available balance and max_requestable (0 when nothing can be requested now). 403 not_a_distributor"},
		op{Method: "GET", Path: "/api/shop/distributor/withdrawals", Tag: "shop-withdrawal", Auth: authShopper, Query: []string{"page", "page_size"},
			Response: pageOf[withdrawal.Withdrawal]{}, Summary: "The distributor's own withdrawals, newest first"},
		op{Method: "POST", Path: "/api/shop/distributor/withdrawals", Tag: "shop-withdrawal", Auth: authShopper, Request: withdrawal.RequestInput{}, Response: withdrawal.Withdrawal{},
			Summary: "Request a withdrawal of amount fen to a payout account: moves it from available to withdrawing. fee = floor(amount*fee_bp/10000), net = amount-fee. 400 below_minimum/net_zero, 404 payout account, 409 insufficient_funds/negative_balance/daily_limit (Asia/Shanghai day; every request counts)"},
		op{Method: "GET", Path: "/api/shop/distributor/withdrawals/:id/confirm", Tag: "shop-withdrawal", Auth: authShopper, Response: withdrawal.ConfirmPayload{},
			Summary: "For the distributor's own withdrawal whose WeChat transfer waits for it (payout_state wait_user_confirm): mch_id, app_id and package_info to pass to WeChat's requestMerchantTransfer, and expires_at (24 h after sending; WeChat then closes the transfer and the amount returns). 404 for another distributor's withdrawal; 409 wrong_status/transfer_expired/package_unavailable"},

		op{Method: "GET", Path: "/api/admin/withdrawals", Tag: "admin-withdrawals", Auth: authAdmin, Query: []string{"status", "distributor_id", "page", "page_size"},
			Response: pageOf[withdrawal.Withdrawal]{}, Summary: "Withdrawals, newest first (status pending/approved/rejected/paid/failed); payout targets masked"},
		op{Method: "GET", Path: "/api/admin/withdrawals/:id", Tag: "admin-withdrawals", Auth: authAdmin, Response: withdrawal.Withdrawal{},
			Summary: "One withdrawal (provider payouts: payout_no W<8-digit id> is what WeChat Pay/Alipay see, payout_state, payout_error = last provider trouble)"},
		op{Method: "POST", Path: "/api/admin/withdrawals/:id/approve", Tag: "admin-withdrawals", Auth: authAdmin, Request: approveRequest{}, Response: withdrawal.Withdrawal{},
			Summary: "Approve a pending withdrawal, re-entering the admin's own password. Wechat/alipay accounts with a configured provider are then paid by a job (provider wechatpay/alipay, payout_state queued -> sending -> processing/wait_user_confirm -> paid/failed; failures return the amount); others stay manual (403 password_mismatch, throttled 429); audited, notifies withdrawal_approved. 409 wrong_status"},
		op{Method: "POST", Path: "/api/admin/withdrawals/:id/reject", Tag: "admin-withdrawals", Auth: authAdmin, Request: withdrawalReason{}, Response: withdrawal.Withdrawal{},
			Summary: "Reject a pending withdrawal (reason required): the amount returns to available; audited, notifies withdrawal_rejected. 409 wrong_status"},
		op{Method: "POST", Path: "/api/admin/withdrawals/:id/payout", Tag: "admin-withdrawals", Auth: authAdmin, Request: withdrawal.PayoutInput{}, Response: withdrawal.Withdrawal{},
			Summary: "Record the manual transfer of an approved withdrawal (409 provider_payout when WeChat Pay or Alipay pays it) (reference required, proof_url an /uploads/ image from POST /api/admin/uploads): net to paid_out, fee to the merchant adjustment account; audited, notifies withdrawal_paid. 409 wrong_status (never paid twice)"},
		op{Method: "POST", Path: "/api/admin/withdrawals/:id/fail", Tag: "admin-withdrawals", Auth: authAdmin, Request: withdrawalReason{}, Response: withdrawal.Withdrawal{},
			Summary: "Mark an approved manual withdrawal's transfer failed (reason required; 409 provider_payout for provider payouts: use cancel-payout): the amount returns to available; audited, notifies withdrawal_rejected. 409 wrong_status"},
		op{Method: "POST", Path: "/api/admin/withdrawals/:id/cancel-payout", Tag: "admin-withdrawals", Auth: authAdmin, Response: withdrawal.Withdrawal{},
			Summary: "Cancel the provider payout of an approved withdrawal: queued (not sent) fails at once; a WeChat transfer waiting for the distributor is revoked (payout_state canceling) and fails when WeChat confirms; a send with unknown outcome fails once the provider holds nothing (after 5 minutes). Failing returns the amount and notifies withdrawal_rejected; audited. 409 wrong_status/not_cancellable/payout_sending, 503 provider unavailable"},
		op{Method: "GET", Path: "/api/admin/settings/withdrawal-payout", Tag: "admin-withdrawals", Auth: authSuper, Response: withdrawal.PayoutSettings{},
			Summary: "Provider payout settings: wechat_scene_id (transfer scene registered with WeChat Pay, e.g. 1005; empty = WeChat accounts paid manually), wechat_scene_reports (transfer_scene_report_infos), wechat_user_recv_perception, remark (default 佣金提现)"},
		op{Method: "PUT", Path: "/api/admin/settings/withdrawal-payout", Tag: "admin-withdrawals", Auth: authSuper, Request: withdrawal.PayoutSettings{}, Response: withdrawal.PayoutSettings{},
			Summary: "Replace the provider payout settings (scene id digits; with a scene 1-5 report infos, info_type 1-15 and info_content 1-32 characters; remark 1-32; perception at most 16); audited"},
		op{Method: "GET", Path: "/api/admin/settings/withdrawal", Tag: "admin-withdrawals", Auth: authSuper, Response: withdrawal.Settings{},
			Summary: "Withdrawal rules: min_amount (fen, default 100), daily_max_amount (fen, default 500000), daily_max_count (default 3), fee_bp (default 0)"},
		op{Method: "PUT", Path: "/api/admin/settings/withdrawal", Tag: "admin-withdrawals", Auth: authSuper, Request: withdrawal.Settings{}, Response: withdrawal.Settings{},
			Summary: "Replace the withdrawal rules (min_amount >= 1, daily_max_amount >= min_amount, daily_max_count 1..1000, fee_bp 0..5000); audited"},
	)
}
