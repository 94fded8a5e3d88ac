package centre

import (
	"context"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
	"fenxiao/internal/shop/member"
)

// Service answers the distributor centre's read queries. Every method
// takes the caller's shopper id and works only for its active or frozen
// distributor account (a frozen one still sees its money).
type Service struct {
	db    *gorm.DB
	board leaderboard.Board
}

// NewService builds the centre on the database and the leaderboard.
func NewService(db *gorm.DB, board leaderboard.Board) *Service {
	return &Service{db: db, board: board}
}

// shanghai is China Standard Time (no daylight saving).
var shanghai = cst.Zone

// Summary returns my income cards (ledger cached balances) and counts:
// customers and team members are index counts, paid orders a counter on
// my distributor row, so nothing here scans orders. Errors: forbidden (not_a_distributor).
func (s *Service) Summary(ctx context.Context, shopperID int64) (*Summary, error) {
	db := s.db.WithContext(ctx)
	me, err := myDistributor(db, shopperID)
	if err != nil {
		return nil, err
	}
	b, err := ledger.Balances(ctx, db, ledger.OwnerDistributor, me.ID)
	if err != nil {
		return nil, err
	}
	out := &Summary{DistributorID: me.ID, Status: me.Status,
		Pending: b[ledger.KindPending], Available: b[ledger.KindAvailable],
		Withdrawing: b[ledger.KindWithdrawing], PaidOut: b[ledger.KindPaidOut]}
	out.TotalEarned = out.Pending + out.Available + out.Withdrawing + out.PaidOut
	if out.Customers, err = count(db, "bindings", "distributor_id = ?", me.ID); err != nil {
		return nil, err
	}
	if out.TeamMembers, err = count(db, "distributors", "parent_id = ?", me.ID); err != nil {
		return nil, err
	}
	out.Orders = me.PaidOrders
	return out, nil
}

// Commissions lists my commission records, newest first; status filters
// (pending, settled, reversed or empty). Errors: forbidden
// (not_a_distributor), invalid (status).
func (s *Service) Commissions(ctx context.Context, shopperID int64, status string, p page.Request) (page.Result[Commission], error) {
	var zero page.Result[Commission]
	switch status {
	case "", "pending", "settled", "reversed":
	default:
		return zero, apperr.InvalidField("status", "must be pending, settled or reversed")
	}
	db := s.db.WithContext(ctx)
	me, err := myDistributor(db, shopperID)
	if err != nil {
		return zero, err
	}
	rows, total, err := listCommissions(db, me.ID, status, p.Offset(), p.Limit())
	if err != nil {
		return zero, err
	}
	items := make([]Commission, len(rows))
	for i, r := range rows {
		items[i] = Commission{ID: r.ID, OrderID: r.OrderID, OrderNo: r.OrderNo, LineTitle: r.LineTitle, Tier: r.Tier,
			BaseAmount: money.Fen(r.BaseAmount), Amount: money.Fen(r.Amount), ReversedAmount: money.Fen(r.ReversedAmount),
			Status: r.Status, Reason: r.Reason, Buyer: buyer(r.BuyerID, r.BuyerNickname, r.BuyerPhone),
			CreatedAt: r.CreatedAt, SettledAt: r.SettledAt}
		items[i].UnlocksOn, items[i].UnlockReason = unlockInfo(r.Status, r.OrderStatus, r.UnlockAt)
	}
	return page.NewResult(p, items, total), nil
}

// unlockInfo explains when a record's money unlocks. unlock_at is set
// when the buyer confirms delivery; until then the date is unknown.
func unlockInfo(status, orderStatus string, unlockAt *time.Time) (*string, *string) {
	str := func(s string) *string { return &s }
	switch {
	case status == "reversed":
		return nil, str(UnlockRefunded)
	case status != "pending":
		return nil, nil
	case unlockAt != nil:
		return str(unlockAt.In(shanghai).Format(time.DateOnly)), str(UnlockAfterSales)
	case orderStatus != "completed":
		return nil, str(UnlockAwaitingDelivery)
	default:
		return nil, str(UnlockAfterSales)
	}
}

func buyer(id int64, nickname, phone *string) Buyer {
	return Buyer{ID: id, Nickname: deref(nickname), Phone: member.MaskPhone(deref(phone))}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
