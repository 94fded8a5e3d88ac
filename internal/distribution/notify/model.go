// Package notify keeps in-app notifications for shoppers and distributors
// and fans them out to extra channels (WeChat subscribe messages, signed
// webhooks). The in-app row is written in the caller's transaction, so a
// rolled-back business change notifies nobody; extra channels are delivered
// after commit by a background job, so a slow channel never holds up the
// business transaction.
//
// Tables: notifications.
package notify

import (
	"encoding/json"
	"strings"
	"time"
)

// Kind says what happened.
type Kind string

const (
	KindApplicationApproved Kind = "application_approved"
	KindApplicationRejected Kind = "application_rejected"
	KindNewCustomer         Kind = "new_customer"
	KindNewOrder            Kind = "new_order" // data: estimated_commission (fen)
	KindCommissionSettled   Kind = "commission_settled"
	KindClawback            Kind = "clawback"
	KindWithdrawalApproved  Kind = "withdrawal_approved"
	KindWithdrawalRejected  Kind = "withdrawal_rejected"
	KindWithdrawalPaid      Kind = "withdrawal_paid"
	KindNewTeamMember       Kind = "new_team_member"
)

// Kinds lists every kind.
var Kinds = []Kind{KindApplicationApproved, KindApplicationRejected, KindNewCustomer, KindNewOrder,
	KindCommissionSettled, KindClawback, KindWithdrawalApproved, KindWithdrawalRejected, KindWithdrawalPaid, KindNewTeamMember}

// Limits on what a notification may carry.
const (
	MaxTitle    = 128
	MaxBody     = 1000
	MaxDedupe   = 191
	MaxDataJSON = 4096
)

// Notification is one message to one shopper. Data holds ids, amounts in
// fen and masked values only: never a phone number, openid or payout
// account (Notify refuses such keys, and channels mask phone-like digits).
type Notification struct {
	ID                 int64          `json:"id"`
	RecipientShopperID int64          `json:"recipient_shopper_id"`
	Kind               Kind           `json:"kind"`
	Title              string         `json:"title"`
	Body               string         `json:"body"`
	Data               map[string]any `json:"data" gorm:"-"`
	DataJSON           string         `json:"-" gorm:"column:data_json"`
	// DedupeKey makes Notify idempotent, e.g. "new_order:123:tier1".
	DedupeKey *string    `json:"-"`
	ReadAt    *time.Time `json:"read_at"`
	CreatedAt time.Time  `json:"created_at"`
}

// TableName maps Notification to its table.
func (Notification) TableName() string { return "notifications" }

// decodeData fills Data from DataJSON after loading.
func (n *Notification) decodeData() {
	n.Data = map[string]any{}
	if n.DataJSON != "" {
		// UseNumber keeps amounts (fen) as exact integers, never floating point.
		dec := json.NewDecoder(strings.NewReader(n.DataJSON))
		dec.UseNumber()
		_ = dec.Decode(&n.Data) // written by us as an object
	}
}

// ListFilter narrows an inbox listing.
type ListFilter struct {
	UnreadOnly bool
}
