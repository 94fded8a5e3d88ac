// Package member manages shopper accounts: phone and WeChat logins,
// profiles and addresses.
//
// Tables: shoppers, addresses, sms_codes, dev_sms_inbox, wechat_identities.
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
	ID        int64      `json:"id"`
	Phone     *string    `json:"phone,omitempty"`
	Nickname  string     `json:"nickname"`
	AvatarURL string     `json:"avatar_url"`
	Status    Status     `json:"status"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	DeletedAt *time.Time `json:"deleted_at,omitempty"`
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

// Masked is a copy of s with the phone masked, for admin screens.
func (s Shopper) Masked() Shopper {
	if s.Phone != nil {
		m := MaskPhone(*s.Phone)
		s.Phone = &m
	}
	return s
}

// Profile is what a shopper sees of their own account. The openid is never
// shown, only whether WeChat is linked.
type Profile struct {
	Shopper
	WeChatLinked bool `json:"wechat_linked"`
}

// LoginResult is a successful login.
type LoginResult struct {
	Profile Profile
	// Created is true when this login made a new account.
	Created bool
}

// WeChatIdentity links an official-account openid to a shopper.
type WeChatIdentity struct {
	ID        int64
	ShopperID int64
	AppID     string
	OpenID    string  `gorm:"column:openid"`
	UnionID   *string `gorm:"column:unionid"`
	CreatedAt time.Time
}

// TableName binds WeChatIdentity to its table.
func (WeChatIdentity) TableName() string { return "wechat_identities" }

// smsCode is one issued one-time code; only its HMAC is stored.
type smsCode struct {
	ID        int64
	Phone     string
	CodeHash  string
	Purpose   string
	Attempts  int
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

func (smsCode) TableName() string { return "sms_codes" }

// DevMessage is a message the development SMS sender "delivered".
type DevMessage struct {
	ID        int64     `json:"id"`
	Phone     string    `json:"phone"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// TableName binds DevMessage to its table.
func (DevMessage) TableName() string { return "dev_sms_inbox" }
