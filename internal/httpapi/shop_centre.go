package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/readmodel/centre"
	"fenxiao/internal/shop/catalog"
)

// mountShopCentre registers the distributor centre: read-only views of the
// caller's own money, commissions, orders, customers, team and ranking.
// Active and frozen distributors only (403 not_a_distributor otherwise).
func (s *Server) mountShopCentre() {
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/summary", Tag: "shop-centre", Auth: authShopper, Response: centre.Summary{},
		Summary: "My income cards in fen from the ledger's cached balances (pending, available, withdrawing, paid_out; total_earned = their sum = net of my commission records) and counts of bound customers, team members and paid tier-1 orders. Active or frozen distributors; 403 not_a_distributor"}, s.centreSummary)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/commissions", Tag: "shop-centre", Auth: authShopper, Query: []string{"status", "page", "page_size"}, Response: pageOf[centre.Commission]{},
		Summary: "My commission records, newest first (status pending/settled/reversed, else 400), with order number, line title, masked buyer, unlocks_on (Asia/Shanghai date) and unlock_reason (awaiting delivery confirmation / after-sales window ends / refunded / null when settled). 403 not_a_distributor"}, s.centreCommissions)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/orders", Tag: "shop-centre", Auth: authShopper, Query: []string{"page", "page_size"}, Response: pageOf[centre.Order]{},
		Summary: "Paid orders attributed to me at tier 1, newest first, buyer masked. 403 not_a_distributor"}, s.centreOrders)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/customers", Tag: "shop-centre", Auth: authShopper, Query: []string{"page", "page_size"}, Response: pageOf[centre.Customer]{},
		Summary: "Shoppers currently bound to me (masked phone, nickname, source, bound_at) with their paid order count and pay amount attributed to me. 403 not_a_distributor"}, s.centreCustomers)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/team", Tag: "shop-centre", Auth: authShopper, Query: []string{"page", "page_size"}, Response: pageOf[centre.TeamMember]{},
		Summary: "Distributors whose parent is me (masked phone, status, joined_at) with contributed = net of my tier-2 commission on orders where they were tier 1. 403 not_a_distributor"}, s.centreTeam)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/leaderboard", Tag: "shop-centre", Auth: authShopper, Query: []string{"metric", "period", "limit"}, Response: centre.Leaderboard{},
		Summary: "Top limit (1..100, default 10) distributors by metric (sales|commission|new_customers, default sales) in period (today|week|month|all, default all; Asia/Shanghai) with nickname and avatar (no phones), plus me (my rank and value, null without an entry). 400 invalid metric/period, 403 not_a_distributor"}, s.centreLeaderboard)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/products/:id/commission", Tag: "shop-centre", Auth: authShopper, Response: commission.Estimate{},
		Summary: "Estimated tier-1 commission in fen (min and max over the enabled SKU prices) I would earn on one unit of this on-shelf product sold through my link, with today's rates and my level; 0 while frozen. The real amount is computed at payment. 404 unknown or off-shelf product, 403 not_a_distributor"}, s.centreProductCommission)
}

// centreProductCommission is what the caller would earn on one unit of an
// on-shelf product shared through its link (404 for others).
func (s *Server) centreProductCommission(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	ctx := c.Request.Context()
	out, err := s.deps.Commissions.EstimateFor(ctx, currentShopper(c).ID, func() (commission.Setting, []money.Fen, error) {
		p, err := s.deps.Catalog.AdminProduct(ctx, id)
		if err == nil && p.Status != catalog.OnShelf {
			err = apperr.NotFound("no such product") // as the shop's product page answers
		}
		if err != nil {
			return commission.Setting{}, nil, err
		}
		var prices []money.Fen
		for _, k := range p.SKUs {
			if k.Enabled {
				prices = append(prices, k.Price)
			}
		}
		return commission.Setting{Mode: commission.Mode(p.CommissionMode), Tier1: p.CommissionTier1, Tier2: p.CommissionTier2}, prices, nil
	})
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, out, nil)
}

func (s *Server) centreSummary(c *gin.Context) {
	out, err := s.deps.Centre.Summary(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, out, nil)
}

type centreCommissionQuery struct {
	Status string `form:"status"`
}

func (s *Server) centreCommissions(c *gin.Context) {
	var q centreCommissionQuery
	if !bindQuery(c, &q) {
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	out, err := s.deps.Centre.Commissions(c.Request.Context(), currentShopper(c).ID, q.Status, p)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, out, nil)
}

func (s *Server) centreOrders(c *gin.Context) {
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	out, err := s.deps.Centre.Orders(c.Request.Context(), currentShopper(c).ID, p)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, out, nil)
}

func (s *Server) centreCustomers(c *gin.Context) {
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	out, err := s.deps.Centre.Customers(c.Request.Context(), currentShopper(c).ID, p)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, out, nil)
}

func (s *Server) centreTeam(c *gin.Context) {
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	out, err := s.deps.Centre.Team(c.Request.Context(), currentShopper(c).ID, p)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, out, nil)
}

type centreLeaderboardQuery struct {
	Metric string `form:"metric"`
	Period string `form:"period"`
	Limit  int    `form:"limit"`
}

// centreLeaderboard defaults to sales over all time, top 10.
func (s *Server) centreLeaderboard(c *gin.Context) {
	q := centreLeaderboardQuery{Metric: string(leaderboard.MetricSales), Period: string(leaderboard.PeriodAll)}
	if !bindQuery(c, &q) {
		return
	}
	out, err := s.deps.Centre.Leaderboard(c.Request.Context(), currentShopper(c).ID,
		leaderboard.Metric(q.Metric), leaderboard.Period(q.Period), q.Limit)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, out, nil)
}
