// Package withdrawal moves a distributor's available commission out: the
// distributor keeps payout accounts and requests withdrawals, the merchant
// approves (re-entering its password) or rejects, and the money is paid
// manually (an admin records the reference) or, for WeChat and Alipay
// accounts when that provider is configured, through a Payout provider
// (payout_*.go: the transfer is sent by a job and settled by query or
// notification).
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
//
// Tables: withdrawals, withdrawal_daily, payout_accounts.
package withdrawal

import (
	"fmt"
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
	ID              int64     `json:"id"`
	OutBizNo        string    `json:"out_biz_no" gorm:"-"`
	PayoutNo        string    `json:"payout_no,omitempty" gorm:"-"` // what WeChat Pay or Alipay knows it by
	DistributorID   int64     `json:"distributor_id"`
	ShopperID       int64     `json:"-"`
	PayoutAccountID int64     `json:"payout_account_id"`
	PayoutKind      Kind      `json:"payout_kind"`
	PayoutMasked    string    `json:"payout_masked"`
	Amount          money.Fen `json:"amount"`
	Fee             money.Fen `json:"fee"`
	Net             money.Fen `json:"net"`
	Status          Status    `json:"status"`
	Provider        string    `json:"provider"` // manual, wechatpay or alipay: chosen at approval
	// PayoutState follows a provider payout (empty for manual ones).
	PayoutState    PayoutState `json:"payout_state"`
	PayoutPackage  string      `json:"-"`                      // WeChat package_info: only for the owner's confirmation
	PayoutError    string      `json:"payout_error,omitempty"` // last provider trouble, admins only
	PayoutAttempts int         `json:"-"`
	PayoutQueries  int         `json:"-"`
	PayoutSentAt   *time.Time  `json:"payout_sent_at"`
	PayoutNextAt   *time.Time  `json:"-"`
	Reason         string      `json:"reason"`
	Reference      string      `json:"reference"`
	ProofURL       string      `json:"proof_url"`
	ReviewedBy     *int64      `json:"reviewed_by"`
	ReviewedAt     *time.Time  `json:"reviewed_at"`
	PaidAt         *time.Time  `json:"paid_at"`
	CreatedAt      time.Time   `json:"created_at"`
	UpdatedAt      time.Time   `json:"updated_at"`
}

// TableName binds Withdrawal to its table.
func (Withdrawal) TableName() string { return "withdrawals" }

// OutBizNoOf is the withdrawal's merchant number, "W" and the id, as
// admins quote it; provider payouts are sent under PayoutNoOf.
func OutBizNoOf(id int64) string { return "W" + strconv.FormatInt(id, 10) }

// PayoutNoOf is the number a provider payout is sent under (out_bill_no,
// out_biz_no): "W" and the id zero-padded to 8 digits, since WeChat takes
// 5 to 32 characters. It is derived, so it can never change on a retry.
func PayoutNoOf(id int64) string { return fmt.Sprintf("W%08d", id) }

func (w *Withdrawal) fill() {
	w.OutBizNo = OutBizNoOf(w.ID)
	if w.Provider != ProviderManual && w.Provider != "" {
		w.PayoutNo = PayoutNoOf(w.ID)
	}
}

// AdminFilter narrows the admin list; zero values mean any.
type AdminFilter struct {
	Status        Status `form:"status" json:"status"`
	DistributorID int64  `form:"distributor_id" json:"distributor_id"`
}
