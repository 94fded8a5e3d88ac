// Package member manages shopper accounts: phone and WeChat logins,
// profiles and addresses.
package member

import "time"

// Status of a shopper account.
type Status string

const (
	StatusActive  Status = "active"
	StatusBanned  Status = "banned"
	StatusDeleted Status = "deleted"
)

// Shopper is a customer account (a distributor is a shopper too).
type Shopper struct {
	ID        int64     `json:"id"`
	Phone     *string   `json:"phone,omitempty"`
	Nickname  string    `json:"nickname"`
	AvatarURL string    `json:"avatar_url"`
	Status    Status    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// TableName binds Shopper to its table.
func (Shopper) TableName() string { return "shoppers" }

// Address is a shipping address of a shopper.
type Address struct {
	ID         int64      `json:"id"`
	ShopperID  int64      `json:"-"`
	Name       string     `json:"name"`
	Phone      string     `json:"phone"`
	Province   string     `json:"province"`
	City       string     `json:"city"`
	District   string     `json:"district"`
	Detail     string     `json:"detail"`
	PostalCode string     `json:"postal_code"`
	IsDefault  bool       `json:"is_default"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	DeletedAt  *time.Time `json:"-"`
}

// TableName binds Address to its table.
func (Address) TableName() string { return "addresses" }
