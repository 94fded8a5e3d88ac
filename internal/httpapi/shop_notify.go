package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/readmodel/centre"
)

// mountShopNotify registers the shopper's notification inbox and the
// distributor leaderboard.
func (s *Server) mountShopNotify() {
	s.handle(op{Method: "GET", Path: "/api/shop/notifications", Tag: "shop-notifications", Auth: authShopper, Query: []string{"unread", "page", "page_size"}, Response: pageOf[notify.Notification]{},
		Summary: "The shopper's notifications, newest first; unread=true lists only unread ones"}, s.listNotifications)
	s.handle(op{Method: "GET", Path: "/api/shop/notifications/unread-count", Tag: "shop-notifications", Auth: authShopper, Response: unreadCountResponse{},
		Summary: "How many notifications the shopper has not read"}, s.unreadNotifications)
	s.handle(op{Method: "POST", Path: "/api/shop/notifications/read-all", Tag: "shop-notifications", Auth: authShopper, Response: readAllResponse{},
		Summary: "Mark every unread notification read; returns how many changed"}, s.readAllNotifications)
	s.handle(op{Method: "POST", Path: "/api/shop/notifications/:id/read", Tag: "shop-notifications", Auth: authShopper, Response: notify.Notification{},
		Summary: "Mark one notification read (idempotent). 404 for another shopper's notification"}, s.readNotification)
	s.handle(op{Method: "GET", Path: "/api/shop/leaderboard", Tag: "shop-leaderboard", Auth: authShopper, Query: []string{"metric", "period", "limit"}, Response: leaderboardResponse{},
		Summary: "Top distributors (rank, id, nickname, avatar_url, value; never a phone) by metric sales|commission|new_customers (default sales) over period today|week|month|all (default month, Asia/Shanghai, weeks start Monday); limit 1-100 (default 20). Ties rank by distributor id ascending"}, s.leaderboardTop)
}

type notificationQuery struct {
	Unread bool `form:"unread"`
}

type unreadCountResponse struct {
	Unread int64 `json:"unread"`
}

type readAllResponse struct {
	Marked int64 `json:"marked"`
}

func (s *Server) listNotifications(c *gin.Context) {
	var q notificationQuery
	if !bindQuery(c, &q) {
		return
	}
	req, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Notify.List(c.Request.Context(), currentShopper(c).ID, notify.ListFilter{UnreadOnly: q.Unread}, req)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, res, nil)
}

func (s *Server) unreadNotifications(c *gin.Context) {
	n, err := s.deps.Notify.UnreadCount(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, unreadCountResponse{Unread: n}, nil)
}

func (s *Server) readNotification(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	n, err := s.deps.Notify.MarkRead(c.Request.Context(), currentShopper(c).ID, id)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, n, nil)
}

func (s *Server) readAllNotifications(c *gin.Context) {
	n, err := s.deps.Notify.MarkAllRead(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, readAllResponse{Marked: n}, nil)
}

type leaderboardQuery struct {
	Metric string `form:"metric"`
	Period string `form:"period"`
	Limit  int    `form:"limit"`
}

type leaderboardResponse struct {
	Metric leaderboard.Metric         `json:"metric"`
	Period leaderboard.Period         `json:"period"`
	Items  []centre.RankedDistributor `json:"items"`
}

// leaderboardTop shows the top distributors with their public cards
// (nickname, avatar; never a phone).
func (s *Server) leaderboardTop(c *gin.Context) {
	q := leaderboardQuery{Metric: string(leaderboard.MetricSales), Period: string(leaderboard.PeriodMonth), Limit: 20}
	if !bindQuery(c, &q) {
		return
	}
	m, p := leaderboard.Metric(q.Metric), leaderboard.Period(q.Period)
	items, err := s.deps.Centre.Top(c.Request.Context(), m, p, q.Limit)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, leaderboardResponse{Metric: m, Period: p, Items: items}, nil)
}
