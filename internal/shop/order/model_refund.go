package order

import (
	"time"

	"fenxiao/internal/platform/money"
)

// RefundStatus is the state of an after-sales refund request.
type RefundStatus string

const (
	// RefundPending waits for an admin. At most one per order.
	RefundPending RefundStatus = "pending"
	// RefundProcessing: approved, and the payment provider is returning the
	// money; its refund notification or a query finishes it. The amount is
	// reserved on the order meanwhile. Still "open": at most one per order.
	RefundProcessing RefundStatus = "processing"
	// RefundRefunded: the money is back with the shopper (with the sandbox
	// the approval itself returns it).
	RefundRefunded RefundStatus = "refunded"
	// RefundRejected: an admin said no, with a reason.
	RefundRejected RefundStatus = "rejected"
	// RefundFailed: the provider could not return the money; the
	// reservation is released and the shopper may ask again.
	RefundFailed RefundStatus = "failed"
)

// OpenRefundStatuses are the states that block a new request and the
// settlement of the order's commissions.
var OpenRefundStatuses = []RefundStatus{RefundPending, RefundProcessing}

// RefundRequest asks for money back for some units of some lines.
type RefundRequest struct {
	ID           int64        `json:"id"`
	RefundNo     string       `json:"refund_no"`
	OrderID      int64        `json:"order_id"`
	ShopperID    int64        `json:"shopper_id"`
	Status       RefundStatus `json:"status"`
	Amount       money.Fen    `json:"amount"`
	Reason       string       `json:"reason"`
	RejectReason string       `json:"reject_reason"`
	ReviewedBy   *int64       `json:"reviewed_by"`
	ReviewedAt   *time.Time   `json:"reviewed_at"`
	RefundedAt   *time.Time   `json:"refunded_at"`
	CreatedAt    time.Time    `json:"created_at"`
	UpdatedAt    time.Time    `json:"updated_at"`
	Lines        []RefundLine `json:"lines" gorm:"-"`
	// OrderNo is filled in listings for convenience.
	OrderNo string `json:"order_no,omitempty" gorm:"-"`
}

// TableName binds RefundRequest to its table.
func (RefundRequest) TableName() string { return "refund_requests" }

// RefundLine is how many units of one order line a request covers.
type RefundLine struct {
	ID              int64     `json:"id"`
	RefundRequestID int64     `json:"refund_request_id"`
	OrderLineID     int64     `json:"order_line_id"`
	Quantity        int64     `json:"quantity"`
	Amount          money.Fen `json:"amount"`
}

// TableName binds RefundLine to its table.
func (RefundLine) TableName() string { return "refund_lines" }

// RefundInput is a shopper's refund request.
type RefundInput struct {
	Lines  []RefundLineInput
	Reason string
}

// RefundLineInput asks for Quantity units of one order line.
type RefundLineInput struct {
	OrderLineID int64
	Quantity    int64
}

// RefundShare is the refundable amount of `take` more units of a line
// whose `qty` units were paid `paid` in total and of which `done` units are
// already refunded. Each unit is worth floor(paid/qty) fen and the last unit
// of the line also carries the remainder, so refunding every unit, in any
// number of steps, returns exactly `paid` and never more. Arguments outside
// 0 <= done, 0 <= take, done+take <= qty return 0.
func RefundShare(paid money.Fen, qty, done, take int64) money.Fen {
	if qty <= 0 || paid <= 0 || done < 0 || take <= 0 || done+take > qty {
		return 0
	}
	unit := int64(paid) / qty
	amount := unit * take
	if done+take == qty {
		amount += int64(paid) - unit*qty
	}
	return money.Fen(amount)
}
