// Package centre is the distributor centre: read-only views of a
// distributor's own money, commissions, orders, customers, team and
// leaderboard standing. It writes nothing; every query is scoped to the
// calling distributor, and buyers' phones leave it masked only.
package centre

import (
	"time"

	"fenxiao/internal/platform/money"
)

// Unlock reasons shown next to a commission record.
const (
	UnlockAwaitingDelivery = "awaiting delivery confirmation"
	UnlockAfterSales       = "after-sales window ends"
	UnlockRefunded         = "refunded"
)

// Summary is the distributor's income cards and counts. TotalEarned is
// pending+available+withdrawing+paid_out from the ledger's cached
// balances, which by the ledger's postings equals the net of the
// distributor's commission records (amount - reversed_amount).
type Summary struct {
	DistributorID int64     `json:"distributor_id"`
	Status        string    `json:"status"`
	Pending       money.Fen `json:"pending"`
	Available     money.Fen `json:"available"`
	Withdrawing   money.Fen `json:"withdrawing"`
	PaidOut       money.Fen `json:"paid_out"`
	TotalEarned   money.Fen `json:"total_earned"`
	Customers     int64     `json:"customers"`
	TeamMembers   int64     `json:"team_members"`
	Orders        int64     `json:"orders"` // paid orders attributed to me at tier 1
}

// Buyer is a buyer as a distributor may see them: phone masked.
type Buyer struct {
	ID       int64  `json:"id"`
	Nickname string `json:"nickname"`
	Phone    string `json:"phone"` // masked, e.g. 138****8000
}

// Commission is one of my commission records with its order context.
type Commission struct {
	ID             int64     `json:"id"`
	OrderID        int64     `json:"order_id"`
	OrderNo        string    `json:"order_no"`
	LineTitle      string    `json:"line_title"`
	Tier           int       `json:"tier"`
	BaseAmount     money.Fen `json:"base_amount"`
	Amount         money.Fen `json:"amount"`
	ReversedAmount money.Fen `json:"reversed_amount"`
	Status         string    `json:"status"`
	Reason         string    `json:"reason"`
	// UnlocksOn is the Asia/Shanghai date a pending record unlocks, once
	// known (after delivery is confirmed).
	UnlocksOn *string `json:"unlocks_on"`
	// UnlockReason: "awaiting delivery confirmation", "after-sales window
	// ends", "refunded", or null when settled.
	UnlockReason *string    `json:"unlock_reason"`
	Buyer        Buyer      `json:"buyer"`
	CreatedAt    time.Time  `json:"created_at"`
	SettledAt    *time.Time `json:"settled_at"`
}

// Order is a paid order attributed to me at tier 1.
type Order struct {
	ID        int64      `json:"id"`
	OrderNo   string     `json:"order_no"`
	Status    string     `json:"status"`
	PayAmount money.Fen  `json:"pay_amount"`
	Refunded  money.Fen  `json:"refunded_amount"`
	Buyer     Buyer      `json:"buyer"`
	CreatedAt time.Time  `json:"created_at"`
	PaidAt    *time.Time `json:"paid_at"`
}

// Customer is a shopper currently bound to me.
type Customer struct {
	ShopperID   int64     `json:"shopper_id"`
	Nickname    string    `json:"nickname"`
	AvatarURL   string    `json:"avatar_url"`
	Phone       string    `json:"phone"` // masked
	Source      string    `json:"source"`
	BoundAt     time.Time `json:"bound_at"`
	OrderCount  int64     `json:"order_count"`  // paid orders attributed to me
	OrderAmount money.Fen `json:"order_amount"` // their pay_amount total
}

// TeamMember is a distributor whose parent is me.
type TeamMember struct {
	DistributorID int64     `json:"distributor_id"`
	Nickname      string    `json:"nickname"`
	AvatarURL     string    `json:"avatar_url"`
	Phone         string    `json:"phone"` // masked
	Status        string    `json:"status"`
	JoinedAt      time.Time `json:"joined_at"`
	// Contributed is the net of my tier-2 commission records on orders
	// where this member was tier 1.
	Contributed money.Fen `json:"contributed"`
}

// RankedDistributor is one leaderboard row with its public card.
type RankedDistributor struct {
	Rank          int    `json:"rank"`
	DistributorID int64  `json:"distributor_id"`
	Nickname      string `json:"nickname"`
	AvatarURL     string `json:"avatar_url"`
	Value         int64  `json:"value"`
}

// MyRank is my own standing.
type MyRank struct {
	Rank  int   `json:"rank"`
	Value int64 `json:"value"`
}

// Leaderboard is the top N plus me (null when I have no entry).
type Leaderboard struct {
	Metric string              `json:"metric"`
	Period string              `json:"period"`
	Top    []RankedDistributor `json:"top"`
	Me     *MyRank             `json:"me"`
}
