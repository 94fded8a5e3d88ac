package httpapi

import "fenxiao/internal/shop/member"

func init() {
	shopperResp := shopperResponse{}
	document(
		op{Method: "POST", Path: "/api/shop/auth/sms-code", Tag: "shop-auth", Auth: authPublic, Request: smsCodeRequest{}, Response: member.CodeSent{},
			Summary: "Send a 6-digit login code to a mainland China mobile (valid 5 min; 1 per 60 s and 10 per day per phone, 20 per hour per IP; 429 with Retry-After; 503 without an SMS provider)"},
		op{Method: "POST", Path: "/api/shop/auth/sms-login", Tag: "shop-auth", Auth: authPublic, Request: smsLoginRequest{}, Response: shopperResp,
			Summary: "Log in with phone and code; creates the account on first login. 400 reasons code_wrong/code_expired/code_locked; 403 account_banned/account_deleted"},
		op{Method: "GET", Path: "/api/shop/auth/wechat/authorize", Tag: "shop-auth", Auth: authPublic, Query: []string{"scope", "redirect"}, Response: urlResponse{},
			Summary: "WeChat web authorization URL (scope snsapi_base or snsapi_userinfo; redirect is a path on this shop). Sets a short-lived state cookie. 503 when WeChat is not configured"},
		op{Method: "POST", Path: "/api/shop/auth/wechat/login", Tag: "shop-auth", Auth: authPublic, Request: wechatCodeRequest{}, Response: shopperResp,
			Summary: "Log in with the code and state WeChat redirected back with; creates the account on first login. 400 reasons bad_state/wechat_code_invalid"},
		op{Method: "POST", Path: "/api/shop/logout", Tag: "shop-account", Auth: authShopper, Response: okResponse{}, Summary: "End the current session"},
		op{Method: "GET", Path: "/api/shop/me", Tag: "shop-account", Auth: authShopper, Response: shopperResp,
			Summary: "The logged-in shopper (own phone in full) and the session's CSRF token"},
		op{Method: "PATCH", Path: "/api/shop/me", Tag: "shop-account", Auth: authShopper, Request: member.ProfileUpdate{}, Response: shopperResp,
			Summary: "Change nickname (1-32 characters) and/or avatar_url (http(s) URL or empty)"},
		op{Method: "POST", Path: "/api/shop/me/phone", Tag: "shop-account", Auth: authShopper, Request: smsLoginRequest{}, Response: shopperResp,
			Summary: "Link (or replace) the account's phone with a code sent to it. 409 phone_taken when another account has it"},
		op{Method: "POST", Path: "/api/shop/me/wechat", Tag: "shop-account", Auth: authShopper, Request: wechatCodeRequest{}, Response: shopperResp,
			Summary: "Link a WeChat identity after authorizing. 409 wechat_taken (another account has it) or wechat_already_linked"},
		op{Method: "GET", Path: "/api/shop/addresses", Tag: "shop-account", Auth: authShopper, Response: pageOf[member.Address]{},
			Summary: "The shopper's addresses, default first (at most 20)"},
		op{Method: "POST", Path: "/api/shop/addresses", Tag: "shop-account", Auth: authShopper, Request: member.AddressInput{}, Response: member.Address{},
			Summary: "Add an address; the first one becomes the default. 409 too_many_addresses beyond 20"},
		op{Method: "GET", Path: "/api/shop/addresses/:id", Tag: "shop-account", Auth: authShopper, Response: member.Address{}, Summary: "One of the shopper's addresses"},
		op{Method: "PUT", Path: "/api/shop/addresses/:id", Tag: "shop-account", Auth: authShopper, Request: member.AddressInput{}, Response: member.Address{},
			Summary: "Replace an address; is_default true also makes it the default (false never removes the default)"},
		op{Method: "DELETE", Path: "/api/shop/addresses/:id", Tag: "shop-account", Auth: authShopper, Response: okResponse{},
			Summary: "Delete an address; if it was the default, the most recent other one becomes the default"},
		op{Method: "POST", Path: "/api/shop/addresses/:id/default", Tag: "shop-account", Auth: authShopper, Response: member.Address{},
			Summary: "Make an address the only default"},
		op{Method: "GET", Path: "/api/admin/shoppers", Tag: "admin-shoppers", Auth: authAdmin, Query: []string{"phone", "nickname", "status", "page", "page_size"},
			Response: pageOf[member.AdminShopper]{}, Summary: "Search shoppers (phone digits, nickname, status active/banned/deleted); phones are masked"},
		op{Method: "GET", Path: "/api/admin/shoppers/:id", Tag: "admin-shoppers", Auth: authAdmin, Response: member.AdminShopperDetail{},
			Summary: "One shopper; the phone is masked for every admin role"},
		op{Method: "POST", Path: "/api/admin/shoppers/:id/ban", Tag: "admin-shoppers", Auth: authSuper, Request: banRequest{}, Response: member.AdminShopperDetail{},
			Summary: "Suspend an active shopper: ends their sessions, refuses logins; audited"},
		op{Method: "POST", Path: "/api/admin/shoppers/:id/unban", Tag: "admin-shoppers", Auth: authSuper, Response: member.AdminShopperDetail{},
			Summary: "Lift a suspension; audited"},
		op{Method: "DELETE", Path: "/api/admin/shoppers/:id", Tag: "admin-shoppers", Auth: authSuper, Response: member.AdminShopperDetail{},
			Summary: "Close an account for good (kept as status deleted; phone and WeChat stay reserved); ends sessions; audited"},
		op{Method: "GET", Path: "/api/admin/dev/sms-inbox", Tag: "admin-dev", Auth: authAdmin, Query: []string{"phone", "page", "page_size"},
			Response: pageOf[member.DevMessage]{}, Summary: "Development only (404 in production): SMS messages the dev sender kept instead of delivering"},
	)
}
