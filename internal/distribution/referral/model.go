// Package referral is the distribution core: who is a distributor, how
// shoppers become one, which distributor each buyer is bound to, and the
// distributor's own shop page. It never pays anyone: commission, the
// ledger and withdrawals read Attribution. Two tiers only, rewards only from
// real sales, and becoming a distributor never costs money.
//
// Tables: distributors, distributor_applications, distributor_levels, bindings, binding_history.
package referral

import "time"

// Status of a distributor.
type Status string

const (
	StatusActive  Status = "active"
	StatusFrozen  Status = "frozen"  // keeps its data and link; binds and earns nothing
	StatusRemoved Status = "removed" // soft-deleted by a super admin
)

// Source says how a binding came about.
type Source string

const (
	SourceLink        Source = "link"
	SourceProductLink Source = "product_link"
	SourceQR          Source = "qr"
	SourceCode        Source = "code"
	SourceAdmin       Source = "admin" // manual re-bind; never accepted from shoppers
)

// ValidSource reports whether s is a source a shopper's visit may carry.
func ValidSource(s Source) bool {
	switch s {
	case SourceLink, SourceProductLink, SourceQR, SourceCode:
		return true
	}
	return false
}

// Distributor is a shopper who shares links and earns on the sales they bring.
type Distributor struct {
	ID           int64     `json:"id"`
	ShopperID    int64     `json:"shopper_id"`
	InviteCode   string    `json:"invite_code"`
	ParentID     *int64    `json:"parent_id"`
	Status       Status    `json:"status"`
	LevelID      *int64    `json:"level_id"`
	ShopTitle    string    `json:"shop_title"`
	ShopGreeting string    `json:"shop_greeting"`
	FeaturedJSON string    `json:"-" gorm:"column:featured_json"`
	JoinedAt     time.Time `json:"joined_at"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// TableName binds Distributor to its table.
func (Distributor) TableName() string { return "distributors" }

// DistributorRef is a distributor as commission sees it.
type DistributorRef struct {
	ID        int64  `json:"id"`
	ShopperID int64  `json:"shopper_id"`
	LevelID   *int64 `json:"level_id"`
}

// Binding is the current binding of a buyer to a distributor.
type Binding struct {
	ShopperID      int64      `json:"shopper_id" gorm:"primaryKey;autoIncrement:false"`
	DistributorID  int64      `json:"distributor_id"`
	Source         Source     `json:"source"`
	BoundAt        time.Time  `json:"bound_at"`
	LastPurchaseAt *time.Time `json:"last_purchase_at"`
	Locked         bool       `json:"locked"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

// TableName binds Binding to its table.
func (Binding) TableName() string { return "bindings" }

// HistoryEntry is one change of a buyer's binding.
type HistoryEntry struct {
	ID                    int64     `json:"id"`
	ShopperID             int64     `json:"shopper_id"`
	PreviousDistributorID *int64    `json:"previous_distributor_id"`
	NewDistributorID      *int64    `json:"new_distributor_id"`
	Source                Source    `json:"source"`
	Reason                string    `json:"reason"`
	ActorID               *int64    `json:"actor_id"`
	CreatedAt             time.Time `json:"created_at"`
}

// TableName binds HistoryEntry to its table.
func (HistoryEntry) TableName() string { return "binding_history" }

// BindResult says whether a visit bound the buyer and, if not, why:
// bound, already_bound, locked, rebind_too_soon, self, cycle,
// distributor_inactive.
type BindResult struct {
	Bound  bool   `json:"bound"`
	Reason string `json:"reason"`
}

// Public is what anyone may see of a distributor (its shop card).
type Public struct {
	Nickname  string `json:"nickname"`
	AvatarURL string `json:"avatar_url"`
	ShopTitle string `json:"shop_title"`
}
