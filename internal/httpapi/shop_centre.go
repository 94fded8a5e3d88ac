package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/catalog"
)

// mountCentre registers the distributor centre: read-only views of the
// caller's own money, commissions, orders, customers, team and ranking.
// Active and frozen distributors only (403 not_a_distributor otherwise).
func (s *Server) mountCentre(shop *gin.RouterGroup) {
	shop.GET("/distributor/summary", s.centreSummary)
	shop.GET("/distributor/commissions", s.centreCommissions)
	shop.GET("/distributor/orders", s.centreOrders)
	shop.GET("/distributor/customers", s.centreCustomers)
	shop.GET("/distributor/team", s.centreTeam)
	shop.GET("/distributor/leaderboard", s.centreLeaderboard)
	shop.GET("/distributor/products/:id/commission", s.centreProductCommission)
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
	c.JSON(http.StatusOK, out)
}

func (s *Server) centreSummary(c *gin.Context) {
	out, err := s.deps.Centre.Summary(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
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
	c.JSON(http.StatusOK, out)
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
	c.JSON(http.StatusOK, out)
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
	c.JSON(http.StatusOK, out)
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
	c.JSON(http.StatusOK, out)
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
	c.JSON(http.StatusOK, out)
}
