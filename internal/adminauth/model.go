// Package adminauth manages merchant admin accounts (super admins and
// operators), their logins and lockouts.
package adminauth

import "time"

// Role is what an admin may do.
type Role string

const (
	// RoleSuper manages admin users and can ban, unban and delete accounts.
	RoleSuper Role = "super"
	// RoleOperator runs the shop day to day: search, view, ship, review.
	RoleOperator Role = "operator"
)

// Admin is a merchant admin account. PasswordHash never leaves this package
// in JSON.
type Admin struct {
	ID                 int64      `json:"id"`
	Username           string     `json:"username"`
	PasswordHash       string     `json:"-"`
	Role               Role       `json:"role"`
	MustChangePassword bool       `json:"must_change_password"`
	Disabled           bool       `json:"disabled"`
	FailedLogins       int        `json:"-"`
	LockedUntil        *time.Time `json:"locked_until,omitempty"`
	LastLoginAt        *time.Time `json:"last_login_at,omitempty"`
	CreatedAt          time.Time  `json:"created_at"`
	UpdatedAt          time.Time  `json:"updated_at"`
}

// TableName binds Admin to its table.
func (Admin) TableName() string { return "admin_users" }

// IsSuper reports whether a is a super admin.
func (a *Admin) IsSuper() bool { return a.Role == RoleSuper }
