package httpapi

import "fenxiao/internal/shop/adminauth"

func init() {
	const tag = "admin accounts"
	document(
		op{Method: "POST", Path: "/api/admin/login", Tag: tag, Auth: authPublic,
			Summary: "Log in as an admin: sets the fx_admin cookie and returns the CSRF token. Wrong username and wrong password get the same 401 (reason invalid_credentials); 5 wrong passwords in a row lock the account for 15 minutes (429, reason locked); 10 attempts per minute per IP or username (429 rate_limited, Retry-After); disabled accounts get 403 (reason disabled).",
			Request: adminLoginRequest{}, Response: adminSessionResponse{}},
		op{Method: "POST", Path: "/api/admin/logout", Tag: tag, Auth: authAdmin,
			Summary: "End the current admin session", Response: loggedOutResponse{}},
		op{Method: "GET", Path: "/api/admin/me", Tag: tag, Auth: authAdmin,
			Summary: "The logged-in admin and the session's CSRF token (allowed while a password change is pending)", Response: adminSessionResponse{}},
		op{Method: "POST", Path: "/api/admin/me/password", Tag: tag, Auth: authAdmin,
			Summary: "Change your own password (at least 10 characters). Ends all your sessions and starts a new one: use the returned CSRF token from now on.",
			Request: changePasswordRequest{}, Response: adminSessionResponse{}},
		op{Method: "GET", Path: "/api/admin/admins", Tag: tag, Auth: authSuper,
			Summary: "List admin accounts", Query: []string{"page", "page_size"}, Response: pageOf[adminauth.Admin]{}},
		op{Method: "POST", Path: "/api/admin/admins", Tag: tag, Auth: authSuper,
			Summary: "Create an admin account; it must change its password at first login (409 username_taken)",
			Request: createAdminRequest{}, Response: adminResponse{}},
		op{Method: "GET", Path: "/api/admin/admins/:id", Tag: tag, Auth: authSuper,
			Summary: "One admin account", Response: adminResponse{}},
		op{Method: "PATCH", Path: "/api/admin/admins/:id", Tag: tag, Auth: authSuper,
			Summary: "Change an admin's role and/or disable or enable it; disabling or a role change ends its sessions. The last active super admin cannot be demoted or disabled (409 last_super).",
			Request: updateAdminRequest{}, Response: adminResponse{}},
		op{Method: "POST", Path: "/api/admin/admins/:id/reset-password", Tag: tag, Auth: authSuper,
			Summary: "Set a new password for another admin (send {} to generate one, returned once as temporary_password). The admin must change it at next login; its sessions end and its lockout is lifted.",
			Request: resetPasswordRequest{}, Response: resetPasswordResponse{}},
		op{Method: "DELETE", Path: "/api/admin/admins/:id", Tag: tag, Auth: authSuper,
			Summary: "Delete an admin (soft: the account is disabled and its sessions end; 409 last_super for the last active super admin)", Response: adminResponse{}},
	)
}
