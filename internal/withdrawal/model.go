// Package withdrawal moves a distributor's available commission out: the
// distributor keeps payout accounts and requests withdrawals, the merchant
// approves (re-entering its password) or rejects, and the money is paid
// through a Payout provider (manual reference numbers for now).
//
// Ledger postings (see package ledger), X = amount, F = fee, N = X - F:
//
//	request  available -X (non-negative), withdrawing +X   "withdrawal:<id>:request"
//	reject   withdrawing -X, available +X                  "withdrawal:<id>:reject"
//	fail     withdrawing -X, available +X                  "withdrawal:<id>:fail"
//	paid     withdrawing -X, paid_out +N, merchant adjustment +F
//	                                                       "withdrawal:<id>:paid"
//
// The fee is kept by the merchant: it leaves withdrawing into the
// merchant's adjustment account (which runs negative with bonuses and is
// credited by fees), so paid_out is exactly what reached the distributor.
// Every status change is a guarded update in the transaction that posts its
// entry, and entry keys are unique, so a withdrawal is never paid twice.
package withdrawal

import (
	"context"
	"strconv"
	"time"

	"fenxiao/internal/platform/money"
)

// Kind of payout account.
type Kind string

const (
	KindWeChat Kind = "wechat" // WeChat change (零钱) of the linked openid
	KindAlipay Kind = "alipay" // phone or email plus real name
	KindBank   Kind = "bank"   // bank card, paid manually
)

// Account is a stored payout account. Account and RealName are sealed at
// rest (package sealed) and never serialised: clients and admins see
// Masked only. AccountDigest finds duplicates without decrypting.
type Account struct {
	ID            int64      `json:"id"`
	DistributorID int64      `json:"-"`
	Kind          Kind       `json:"kind"`
	Account       string     `json:"-"`
	RealName      string     `json:"-"`
	AccountDigest string     `json:"-"`
	BankName      string     `json:"bank_name,omitempty"`
	Masked        string     `json:"masked"`
	DeletedAt     *time.Time `json:"-"`
	CreatedAt     time.Time  `json:"created_at"`
}

// TableName binds Account to its table.
func (Account) TableName() string { return "payout_accounts" }

// AccountInput is a new payout account.
type AccountInput struct {
	Kind     Kind   `json:"kind"`
	Account  string `json:"account"`   // alipay: phone or email; bank: card number
	RealName string `json:"real_name"` // alipay and bank: the holder's name
	BankName string `json:"bank_name"` // bank only
}

// Status of a withdrawal.
type Status string

const (
	StatusPending  Status = "pending"
	StatusApproved Status = "approved"
	StatusRejected Status = "rejected"
	StatusPaid     Status = "paid"
	StatusFailed   Status = "failed"
)

// Withdrawal is one request. Its payout target is a masked snapshot.
type Withdrawal struct {
	ID              int64      `json:"id"`
	OutBizNo        string     `json:"out_biz_no" gorm:"-"`
	DistributorID   int64      `json:"distributor_id"`
	ShopperID       int64      `json:"-"`
	PayoutAccountID int64      `json:"payout_account_id"`
	PayoutKind      Kind       `json:"payout_kind"`
	PayoutMasked    string     `json:"payout_masked"`
	Amount          money.Fen  `json:"amount"`
	Fee             money.Fen  `json:"fee"`
	Net             money.Fen  `json:"net"`
	Status          Status     `json:"status"`
	Provider        string     `json:"provider"`
	Reason          string     `json:"reason"`
	Reference       string     `json:"reference"`
	ProofURL        string     `json:"proof_url"`
	ReviewedBy      *int64     `json:"reviewed_by"`
	ReviewedAt      *time.Time `json:"reviewed_at"`
	PaidAt          *time.Time `json:"paid_at"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

// TableName binds Withdrawal to its table.
func (Withdrawal) TableName() string { return "withdrawals" }

// OutBizNoOf is the merchant order number sent to payout providers: "W"
// and the id. It is derived, so it can never change.
func OutBizNoOf(id int64) string { return "W" + strconv.FormatInt(id, 10) }

func (w *Withdrawal) fill() { w.OutBizNo = OutBizNoOf(w.ID) }

// AdminFilter narrows the admin list; zero values mean any.
type AdminFilter struct {
	Status        Status `form:"status" json:"status"`
	DistributorID int64  `form:"distributor_id" json:"distributor_id"`
}

// PayoutStatus is what a provider says about a transfer.
type PayoutStatus string

const (
	PayoutPaid    PayoutStatus = "paid"
	PayoutPending PayoutStatus = "pending"
	PayoutFailed  PayoutStatus = "failed"
)

// Result of sending or querying a transfer.
type Result struct {
	Status    PayoutStatus
	Reference string
}

// Payout sends approved withdrawals' net amounts. Implementations must be
// idempotent on w.OutBizNo: sending the same withdrawal twice pays once.
type Payout interface {
	Name() string
	Send(ctx context.Context, w Withdrawal) (Result, error)
	Query(ctx context.Context, w Withdrawal) (Result, error)
}

// Manual is the payout where the merchant transfers by hand and records
// the bank or app reference through MarkPaid; it never moves money itself.
type Manual struct{}

// Name implements Payout.
func (Manual) Name() string { return "manual" }

// Send implements Payout: a manual transfer stays pending until an admin
// records its reference.
func (Manual) Send(context.Context, Withdrawal) (Result, error) {
	return Result{Status: PayoutPending}, nil
}

// Query implements Payout.
func (Manual) Query(context.Context, Withdrawal) (Result, error) {
	return Result{Status: PayoutPending}, nil
}
