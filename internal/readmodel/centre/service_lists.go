package centre

import (
	"context"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
	"fenxiao/internal/shop/member"
)

// Orders lists paid orders attributed to me at tier 1, newest first.
// Errors: forbidden (not_a_distributor).
func (s *Service) Orders(ctx context.Context, shopperID int64, p page.Request) (page.Result[Order], error) {
	var zero page.Result[Order]
	db := s.db.WithContext(ctx)
	me, err := myDistributor(db, shopperID)
	if err != nil {
		return zero, err
	}
	rows, total, err := listOrders(db, me.ID, p.Offset(), p.Limit())
	if err != nil {
		return zero, err
	}
	items := make([]Order, len(rows))
	for i, r := range rows {
		items[i] = Order{ID: r.ID, OrderNo: r.OrderNo, Status: r.Status, PayAmount: money.Fen(r.PayAmount),
			Refunded: money.Fen(r.RefundedAmount), Buyer: buyer(r.BuyerID, r.BuyerNickname, r.BuyerPhone),
			CreatedAt: r.CreatedAt, PaidAt: r.PaidAt}
	}
	return page.NewResult(p, items, total), nil
}

// Customers lists shoppers currently bound to me, newest binding first.
// Errors: forbidden (not_a_distributor).
func (s *Service) Customers(ctx context.Context, shopperID int64, p page.Request) (page.Result[Customer], error) {
	db := s.db.WithContext(ctx)
	me, err := myDistributor(db, shopperID)
	if err != nil {
		return page.Result[Customer]{}, err
	}
	return customersOf(db, me.ID, p)
}

func customersOf(db *gorm.DB, distributorID int64, p page.Request) (page.Result[Customer], error) {
	rows, total, err := listCustomers(db, distributorID, p.Offset(), p.Limit())
	if err != nil {
		return page.Result[Customer]{}, err
	}
	items := make([]Customer, len(rows))
	for i, r := range rows {
		items[i] = Customer{ShopperID: r.ShopperID, Nickname: deref(r.Nickname), AvatarURL: deref(r.AvatarURL),
			Phone: member.MaskPhone(deref(r.Phone)), Source: r.Source, BoundAt: r.BoundAt,
			OrderCount: r.OrderCount, OrderAmount: money.Fen(r.OrderAmount)}
	}
	return page.NewResult(p, items, total), nil
}

// Team lists distributors whose parent is me, newest first, with the
// tier-2 commission each brought me. Errors: forbidden (not_a_distributor).
func (s *Service) Team(ctx context.Context, shopperID int64, p page.Request) (page.Result[TeamMember], error) {
	db := s.db.WithContext(ctx)
	me, err := myDistributor(db, shopperID)
	if err != nil {
		return page.Result[TeamMember]{}, err
	}
	return teamOf(db, me.ID, p)
}

func teamOf(db *gorm.DB, distributorID int64, p page.Request) (page.Result[TeamMember], error) {
	rows, total, err := listTeam(db, distributorID, p.Offset(), p.Limit())
	if err != nil {
		return page.Result[TeamMember]{}, err
	}
	items := make([]TeamMember, len(rows))
	for i, r := range rows {
		items[i] = TeamMember{DistributorID: r.DistributorID, Nickname: deref(r.Nickname), AvatarURL: deref(r.AvatarURL),
			Phone: member.MaskPhone(deref(r.Phone)), Status: r.Status, JoinedAt: r.JoinedAt,
			Contributed: money.Fen(r.Contributed)}
	}
	return page.NewResult(p, items, total), nil
}

// Leaderboard returns the top limit (1..100, default 10) distributors of
// metric in period with their public cards, plus my own rank (nil when I
// have no entry). Errors: forbidden (not_a_distributor), invalid (metric,
// period).
func (s *Service) Leaderboard(ctx context.Context, shopperID int64, metric leaderboard.Metric, period leaderboard.Period, limit int) (*Leaderboard, error) {
	db := s.db.WithContext(ctx)
	me, err := myDistributor(db, shopperID)
	if err != nil {
		return nil, err
	}
	top, err := s.Top(ctx, metric, period, limit)
	if err != nil {
		return nil, err
	}
	out := &Leaderboard{Metric: string(metric), Period: string(period), Top: top}
	mine, ok, err := s.board.Rank(ctx, metric, period, me.ID)
	if err != nil {
		return nil, err
	}
	if ok {
		out.Me = &MyRank{Rank: mine.Rank, Value: mine.Value}
	}
	return out, nil
}

// Top is the leaderboard's first limit distributors with their public
// cards (nickname and avatar, never a phone), for the centre, the shop's
// public board and the admin.
func (s *Service) Top(ctx context.Context, metric leaderboard.Metric, period leaderboard.Period, limit int) ([]RankedDistributor, error) {
	top, err := s.board.Top(ctx, metric, period, limit)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(top))
	for i, e := range top {
		ids[i] = e.DistributorID
	}
	cs, err := cards(s.db.WithContext(ctx), ids)
	if err != nil {
		return nil, err
	}
	out := make([]RankedDistributor, len(top))
	for i, e := range top {
		c := cs[e.DistributorID]
		out[i] = RankedDistributor{Rank: e.Rank, DistributorID: e.DistributorID,
			Nickname: deref(c.Nickname), AvatarURL: deref(c.AvatarURL), Value: e.Value}
	}
	return out, nil
}
