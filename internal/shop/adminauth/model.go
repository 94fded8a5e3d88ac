// Package adminauth manages merchant admin accounts (super admins and
// operators), their logins and lockouts.
//
// Tables: admin_users.
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

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleSuper || r == RoleOperator }

// activeSuper reports whether a counts towards the "at least one active super
// admin" rule.
func (a *Admin) activeSuper() bool { return a.IsSuper() && !a.Disabled }

// NewAdmin is the input for creating an account.
type NewAdmin struct {
	Username string
	Password string
	Role     Role
	// MustChangePassword forces a password change at first login; accounts
	// made for someone else (API, CLI) always set it.
	MustChangePassword bool
}

// Update changes an account's role and/or disabled flag; nil leaves a
// field as it is.
type Update struct {
	Role     *Role
	Disabled *bool
}

// snapshot is what the audit log keeps of an account: never the hash.
type snapshot struct {
	Username           string `json:"username"`
	Role               Role   `json:"role"`
	Disabled           bool   `json:"disabled"`
	MustChangePassword bool   `json:"must_change_password"`
}

func (a *Admin) snapshot() snapshot {
	return snapshot{Username: a.Username, Role: a.Role, Disabled: a.Disabled, MustChangePassword: a.MustChangePassword}
}
