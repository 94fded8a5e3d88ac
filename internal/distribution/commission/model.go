package commission

import (
	"time"

	"fenxiao/internal/platform/money"
)

// Status of a commission record.
type Status string

const (
	// StatusPending: accrued on payment, frozen until the order settles.
	StatusPending Status = "pending"
	// StatusSettled: moved to the distributor's available balance.
	StatusSettled Status = "settled"
	// StatusReversed: fully refunded while still pending.
	StatusReversed Status = "reversed"
)

// Reasons a record carries no commission. A frozen or removed distributor
// and a buyer over a cap still get a record (amount 0, no ledger posting)
// so admins can see why nothing was paid; nobody moves up a tier.
const (
	ReasonDistributorInactive = "distributor_frozen"
	ReasonCapExceeded         = "cap_exceeded"
)

// Record is one tier's commission on one order line.
type Record struct {
	ID             int64      `json:"id"`
	OrderID        int64      `json:"order_id"`
	OrderLineID    int64      `json:"order_line_id"`
	BuyerShopperID int64      `json:"-"`
	DistributorID  int64      `json:"distributor_id"`
	Tier           int        `json:"tier"`
	BaseAmount     money.Fen  `json:"base_amount"`
	Mode           Mode       `json:"mode"`
	RateValue      int64      `json:"rate_value"`
	Amount         money.Fen  `json:"amount"`
	ReversedAmount money.Fen  `json:"reversed_amount"`
	Status         Status     `json:"status"`
	Reason         string     `json:"reason"`
	UnlockAt       *time.Time `json:"unlock_at"`
	CreatedAt      time.Time  `json:"created_at"`
	SettledAt      *time.Time `json:"settled_at"`
}

// TableName binds Record to its table.
func (Record) TableName() string { return "commission_records" }

// Net is what the record is worth now: accrued minus reversed.
func (r Record) Net() money.Fen { return r.Amount - r.ReversedAmount }

// ledger idempotency keys: one per record and movement.
func (r Record) key(what string) string {
	return "order_line:" + itoa(r.OrderLineID) + ":tier" + itoa(int64(r.Tier)) + ":" + what
}
