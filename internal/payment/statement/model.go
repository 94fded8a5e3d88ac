// Package statement reconciles the payment providers' daily trade bills
// with our records: for one provider and one China Standard Time day it
// fetches the bill (WeChat Pay trade bill, Alipay business detail), loads
// our paid payments and succeeded refunds of that day, and stores a report
// with both sides' counts and totals and every mismatch: in the bill but not
// here, here but not in the bill, amounts that differ, and entries the bill
// shows in another state. A periodic job reconciles yesterday once the
// bills are out; an admin can (re)run any past day.
//
// Tables: statement_reports, statement_mismatches.
package statement

import (
	"time"

	"fenxiao/internal/platform/money"
)

// Status is how a report came out.
type Status string

const (
	// StatusBalanced: the bill and our records agree entry for entry.
	StatusBalanced Status = "balanced"
	// StatusMismatched: the report lists at least one mismatch.
	StatusMismatched Status = "mismatched"
	// StatusFailed: the bill could not be fetched or read (Failure says
	// why); the next run tries again.
	StatusFailed Status = "failed"
)

// Kind names a mismatch.
type Kind string

const (
	// KindMissingHere: in the bill, but not paid (or refunded) here that day.
	KindMissingHere Kind = "missing_here"
	// KindMissingThere: paid (or refunded) here that day, not in the bill.
	KindMissingThere Kind = "missing_there"
	// KindAmountDiffers: on both sides with different amounts.
	KindAmountDiffers Kind = "amount_differs"
	// KindStatusDiffers: on both sides, but the bill shows the entry in a
	// state other than success (a revoked trade, a refund still processing).
	KindStatusDiffers Kind = "status_differs"
)

// Entry is which kind of record a mismatch is about.
type Entry string

const (
	EntryPayment Entry = "payment" // keyed by out_trade_no
	EntryRefund  Entry = "refund"  // keyed by out_refund_no
)

// Report is the reconciliation of one provider's bill for one day.
type Report struct {
	ID       int64  `json:"id"`
	Provider string `json:"provider"`
	Day      string `json:"day"` // YYYY-MM-DD, China Standard Time
	Status   Status `json:"status"`
	// Failure is why a failed run failed, without secrets.
	Failure string `json:"failure"`
	// NoBill: the provider had no bill for the day (no trades there); it
	// was compared as an empty bill.
	NoBill             bool      `json:"no_bill"`
	OurPaymentCount    int       `json:"our_payment_count"`
	OurPaymentTotal    money.Fen `json:"our_payment_total"`
	BillPaymentCount   int       `json:"bill_payment_count"`
	BillPaymentTotal   money.Fen `json:"bill_payment_total"`
	OurRefundCount     int       `json:"our_refund_count"`
	OurRefundTotal     money.Fen `json:"our_refund_total"`
	BillRefundCount    int       `json:"bill_refund_count"`
	BillRefundTotal    money.Fen `json:"bill_refund_total"`
	MismatchCount      int       `json:"mismatch_count"`
	MissingHereCount   int       `json:"missing_here_count"`
	MissingThereCount  int       `json:"missing_there_count"`
	AmountDiffersCount int       `json:"amount_differs_count"`
	StatusDiffersCount int       `json:"status_differs_count"`
	// RunBy is "system" for the daily job or the admin's username.
	RunBy      string    `json:"run_by"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// TableName binds Report to its table.
func (Report) TableName() string { return "statement_reports" }

// Mismatch is one difference between the bill and our records.
type Mismatch struct {
	ID          int64  `json:"id"`
	ReportID    int64  `json:"report_id"`
	Kind        Kind   `json:"kind"`
	Entry       Entry  `json:"entry"`
	OutTradeNo  string `json:"out_trade_no"`
	OutRefundNo string `json:"out_refund_no"`
	// ProviderRef is the provider's transaction or refund id, when known.
	ProviderRef string `json:"provider_ref"`
	// OurAmount and BillAmount are nil on the side without the entry.
	OurAmount  *money.Fen `json:"our_amount"`
	BillAmount *money.Fen `json:"bill_amount"`
	OurStatus  string     `json:"our_status"`
	BillStatus string     `json:"bill_status"`
	// Note helps the merchant: what we have under that number instead, or
	// that the time is close to midnight (the entry may be in the next or
	// previous day's bill).
	Note string `json:"note"`
}

// TableName binds Mismatch to its table.
func (Mismatch) TableName() string { return "statement_mismatches" }

// RunInput asks for one provider's day to be (re)reconciled.
type RunInput struct {
	Provider string `json:"provider" validate:"required,max=16"`
	Day      string `json:"day" validate:"required,max=10"` // YYYY-MM-DD
}

// ListFilter narrows the report list; empty fields match all. From and To
// are inclusive YYYY-MM-DD days.
type ListFilter struct {
	Provider string `form:"provider"`
	Status   string `form:"status"`
	From     string `form:"from"`
	To       string `form:"to"`
}
