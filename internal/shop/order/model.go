// Package order places orders and moves them through their lifecycle:
//
//	pending_payment -> paid -> shipped -> completed
//	pending_payment -> cancelled           (shopper, admin or timeout)
//	paid|shipped|completed -> refunded     (when after-sales refunds cover everything)
//
// Every transition is a guarded update on the status column and writes an
// order_events row in the same transaction, so concurrent actors (a shopper
// cancelling while the timeout job runs, two payment notices) resolve to
// exactly one winner. Stock is taken at checkout and returned exactly once
// by whichever transition wins.
//
// Tables: orders, order_lines, order_events, refund_requests, refund_lines.
package order

import (
	"time"

	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/catalog"
)

// Status is an order's lifecycle state.
type Status string

const (
	StatusPendingPayment Status = "pending_payment"
	StatusPaid           Status = "paid"
	StatusShipped        Status = "shipped"
	StatusCompleted      Status = "completed"
	StatusCancelled      Status = "cancelled"
	StatusRefunded       Status = "refunded"
)

// Statuses lists every status, in lifecycle order.
var Statuses = []Status{StatusPendingPayment, StatusPaid, StatusShipped, StatusCompleted, StatusCancelled, StatusRefunded}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if v == s {
			return true
		}
	}
	return false
}

// ActorType says who caused an order event.
type ActorType string

const (
	ActorShopper ActorType = "shopper"
	ActorAdmin   ActorType = "admin"
	ActorSystem  ActorType = "system"
)

// Actor is who caused an event; ID is 0 for the system.
type Actor struct {
	Type ActorType
	ID   int64
}

// Order is one checkout. Amounts are fen; pay_amount = goods_amount -
// discount_amount + shipping_fee. Shipping is free (0) until shipping rules
// exist; discounts are 0 until promotions exist.
type Order struct {
	ID             int64     `json:"id"`
	OrderNo        string    `json:"order_no"`
	ShopperID      int64     `json:"shopper_id"`
	Status         Status    `json:"status"`
	GoodsAmount    money.Fen `json:"goods_amount"`
	DiscountAmount money.Fen `json:"discount_amount"`
	ShippingFee    money.Fen `json:"shipping_fee"`
	PayAmount      money.Fen `json:"pay_amount"`
	RefundedAmount money.Fen `json:"refunded_amount"`
	DistributorID  *int64    `json:"distributor_id"`
	// Tier2DistributorID is the tier-1 distributor's parent at checkout.
	Tier2DistributorID *int64     `json:"tier2_distributor_id" gorm:"column:tier2_distributor_id"`
	AddressJSON        string     `json:"-" gorm:"column:address_json"`
	Remark             string     `json:"remark"`
	Carrier            string     `json:"carrier"`
	TrackingNo         string     `json:"tracking_no"`
	PayMethod          string     `json:"pay_method"`
	PayProvider        string     `json:"pay_provider"`
	PayTransactionID   string     `json:"pay_transaction_id"`
	ExpiresAt          time.Time  `json:"expires_at"`
	PaidAt             *time.Time `json:"paid_at"`
	ShippedAt          *time.Time `json:"shipped_at"`
	CompletedAt        *time.Time `json:"completed_at"`
	CancelledAt        *time.Time `json:"cancelled_at"`
	CancelReason       string     `json:"cancel_reason"`
	CreatedAt          time.Time  `json:"created_at"`
	UpdatedAt          time.Time  `json:"updated_at"`
}

// TableName binds Order to its table.
func (Order) TableName() string { return "orders" }

// Address is the shipping address as it was when the order was placed.
type Address struct {
	Name       string `json:"name"`
	Phone      string `json:"phone"`
	Province   string `json:"province"`
	City       string `json:"city"`
	District   string `json:"district"`
	Detail     string `json:"detail"`
	PostalCode string `json:"postal_code"`
}

// Line is a snapshot of one bought SKU: later catalogue edits never change
// it. PaidAmount is what the shopper paid for the line (= Amount until
// discounts exist); refunds and commissions are computed from it.
type Line struct {
	ID              int64                  `json:"id"`
	OrderID         int64                  `json:"order_id"`
	ProductID       int64                  `json:"product_id"`
	SKUID           int64                  `json:"sku_id" gorm:"column:sku_id"`
	Title           string                 `json:"title"`
	SpecText        string                 `json:"spec_text"`
	ImageURL        string                 `json:"image_url"`
	UnitPrice       money.Fen              `json:"unit_price"`
	Quantity        int64                  `json:"quantity"`
	Amount          money.Fen              `json:"amount"`
	PaidAmount      money.Fen              `json:"paid_amount"`
	RefundedAmount  money.Fen              `json:"refunded_amount"`
	RefundedQty     int64                  `json:"refunded_qty"`
	CommissionMode  catalog.CommissionMode `json:"commission_mode"`
	CommissionTier1 int64                  `json:"commission_tier1" gorm:"column:commission_tier1"`
	CommissionTier2 int64                  `json:"commission_tier2" gorm:"column:commission_tier2"`
}

// TableName binds Line to its table.
func (Line) TableName() string { return "order_lines" }

// Event is one entry of an order's timeline. From equals To for events that
// do not change the status (refund requested or rejected).
type Event struct {
	ID         int64     `json:"id"`
	OrderID    int64     `json:"order_id"`
	FromStatus Status    `json:"from_status"`
	ToStatus   Status    `json:"to_status"`
	Event      string    `json:"event"`
	ActorType  ActorType `json:"actor_type"`
	ActorID    int64     `json:"actor_id"`
	Note       string    `json:"note"`
	CreatedAt  time.Time `json:"created_at"`
}

// TableName binds Event to its table.
func (Event) TableName() string { return "order_events" }

// Event names.
const (
	EventPlaced          = "placed"
	EventPaid            = "paid"
	EventCancelled       = "cancelled"
	EventShipped         = "shipped"
	EventCompleted       = "completed"
	EventRefundRequested = "refund_requested"
	EventRefundApproved  = "refund_approved"
	EventRefundRejected  = "refund_rejected"
	EventRefunded        = "refunded"
	EventRefundFailed    = "refund_failed"
	EventRestored        = "restored"
)

// PaymentInfo is what a payment provider reports about a successful payment.
type PaymentInfo struct {
	Provider      string
	Method        string
	TransactionID string
	Amount        money.Fen
	PaidAt        time.Time
}
