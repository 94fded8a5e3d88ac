// Package ledger is Fenxiao's append-only, double-entry commission journal.
//
// Every movement of commission money is one journal entry (Entry) of two or
// more lines whose signed amounts sum to zero, posted under a unique
// idempotency key. Journal rows are never updated or deleted: a correction
// is a new, reversing entry. Each account keeps a cached balance, updated in
// the same database transaction as the lines, that always equals the sum of
// its lines; Check proves it.
//
// # Chart of accounts
//
// An account is (owner type, owner id, kind). Amounts are signed from the
// balance holder's point of view: a positive line adds to the balance.
//
// Distributor accounts (owner id = distributor id), one set per distributor:
//
//	pending      commission accrued on paid orders, frozen until the order
//	             settles (待结算)
//	available    settled commission the distributor may withdraw (可提现);
//	             may go negative when a refund claws back settled commission
//	withdrawing  amounts in withdrawal requests being reviewed or paid (提现中)
//	paid_out     everything ever paid out to the distributor (已提现)
//
// Merchant accounts are the contra side, so they normally run negative.
// Each kind is split over MerchantShards sub-accounts (owner id 0 to
// MerchantShards-1, see MerchantShard): every paid order posts to the
// merchant's commission expense, and one balance row would make all
// concurrent payments queue behind its lock. The merchant's balance of a
// kind is the sum over its shards (Balance and Balances add them up).
//
//	commission_expense  minus the net commission granted: accruals take
//	                    from it, clawbacks give back
//	adjustment          minus the net manual adjustments (bonuses, penalties)
//
// The postings the distribution domain makes (Line amounts in fen, X > 0):
//
//	commission_accrue   commission_expense -X, pending +X
//	commission_settle   pending -X (non-negative), available +X
//	commission_reverse  pending or available -X, commission_expense +X
//	withdraw_request    available -X (non-negative), withdrawing +X
//	withdraw_release    withdrawing -X (non-negative), available +X
//	withdraw_paid       withdrawing -X (non-negative), paid_out +X
//	adjust              available ±X, adjustment ∓X
//
// So a distributor's pending+available+withdrawing+paid_out is its lifetime
// net commission, and the sum over every account is always zero.
//
// Tables: ledger_accounts, ledger_entries, ledger_lines, account_balances.
package ledger

import (
	"time"

	"fenxiao/internal/platform/money"
)

// OwnerType says whose account it is.
type OwnerType string

const (
	OwnerDistributor OwnerType = "distributor"
	OwnerMerchant    OwnerType = "merchant"
)

// Kind is an account's role in the chart of accounts.
type Kind string

const (
	KindPending           Kind = "pending"
	KindAvailable         Kind = "available"
	KindWithdrawing       Kind = "withdrawing"
	KindPaidOut           Kind = "paid_out"
	KindCommissionExpense Kind = "commission_expense"
	KindAdjustment        Kind = "adjustment"
)

// chart lists the kinds each owner type may hold.
var chart = map[OwnerType][]Kind{
	OwnerDistributor: {KindPending, KindAvailable, KindWithdrawing, KindPaidOut},
	OwnerMerchant:    {KindCommissionExpense, KindAdjustment},
}

// Kinds returns the kinds of the chart of accounts for an owner type.
func Kinds(o OwnerType) []Kind { return append([]Kind(nil), chart[o]...) }

// EntryType classifies an entry (see the package doc for the postings).
type EntryType string

const (
	TypeCommissionAccrue  EntryType = "commission_accrue"
	TypeCommissionSettle  EntryType = "commission_settle"
	TypeCommissionReverse EntryType = "commission_reverse"
	TypeWithdrawRequest   EntryType = "withdraw_request"
	TypeWithdrawRelease   EntryType = "withdraw_release"
	TypeWithdrawPaid      EntryType = "withdraw_paid"
	TypeAdjust            EntryType = "adjust"
)

// Account identifies one account.
type Account struct {
	OwnerType OwnerType `json:"owner_type"`
	OwnerID   int64     `json:"owner_id"`
	Kind      Kind      `json:"kind"`
}

// Distributor returns a distributor's account of the given kind.
func Distributor(id int64, k Kind) Account {
	return Account{OwnerType: OwnerDistributor, OwnerID: id, Kind: k}
}

// MerchantShards is how many sub-accounts each merchant account has.
const MerchantShards = 16

// Merchant returns the merchant's account of the given kind (its first
// shard; reading its balance adds up all the shards).
func Merchant(k Kind) Account { return Account{OwnerType: OwnerMerchant, Kind: k} }

// MerchantShard returns the shard of the merchant's account of kind k that
// postings about key (an order id) use: the same one for an order's
// accrual and its reversals, spread evenly over the orders.
func MerchantShard(k Kind, key int64) Account {
	shard := key % MerchantShards
	if shard < 0 {
		shard = -shard
	}
	return Account{OwnerType: OwnerMerchant, OwnerID: shard, Kind: k}
}

// Entry is a journal entry to post.
type Entry struct {
	// Key makes posting idempotent; it names what the entry is for, e.g.
	// "order_line:123:tier1:accrue". At most 128 characters.
	Key     string
	Type    EntryType
	RefType string // what the entry is about, e.g. "order"
	RefID   int64
	Memo    string
	Lines   []Line
}

// Line is one leg of an entry.
type Line struct {
	Account Account
	// Amount is signed fen, never zero; an entry's amounts sum to zero.
	Amount money.Fen
	// RequireNonNegative refuses the whole entry (conflict,
	// insufficient_funds) if this line would leave the account's balance
	// below zero. Set it on lines spending a balance (settle, withdraw);
	// leave it off where a debt is acceptable (clawbacks).
	RequireNonNegative bool
}

// JournalEntry is a posted entry as read back.
type JournalEntry struct {
	ID        int64         `json:"id"`
	Key       string        `json:"key"`
	Type      EntryType     `json:"type"`
	RefType   string        `json:"ref_type"`
	RefID     int64         `json:"ref_id"`
	Memo      string        `json:"memo"`
	CreatedAt time.Time     `json:"created_at"`
	Lines     []JournalLine `json:"lines"`
}

// JournalLine is a posted line with the account's balance right after it.
type JournalLine struct {
	Account      Account   `json:"account"`
	Amount       money.Fen `json:"amount"`
	BalanceAfter money.Fen `json:"balance_after"`
}

// Filter narrows Entries. Zero values mean "any", except that OwnerID is
// used whenever OwnerType is set (0 is the merchant). OwnerType/OwnerID/Kind
// select entries with a line on a matching account.
type Filter struct {
	OwnerType OwnerType
	OwnerID   int64
	Kind      Kind
	Type      EntryType
	RefType   string
	RefID     int64
	From      time.Time
	To        time.Time
}
