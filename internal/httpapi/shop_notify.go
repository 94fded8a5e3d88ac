package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/readmodel/centre"
)

// mountNotify registers the shopper's notification inbox and the
// distributor leaderboard.
func (s *Server) mountNotify(shop *gin.RouterGroup) {
	shop.GET("/notifications", s.listNotifications)
	shop.GET("/notifications/unread-count", s.unreadNotifications)
	shop.POST("/notifications/read-all", s.readAllNotifications)
	shop.POST("/notifications/:id/read", s.readNotification)
	shop.GET("/leaderboard", s.leaderboardTop)
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
	c.JSON(http.StatusOK, res)
}

func (s *Server) unreadNotifications(c *gin.Context) {
	n, err := s.deps.Notify.UnreadCount(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, unreadCountResponse{Unread: n})
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
	c.JSON(http.StatusOK, n)
}

func (s *Server) readAllNotifications(c *gin.Context) {
	n, err := s.deps.Notify.MarkAllRead(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, readAllResponse{Marked: n})
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
	c.JSON(http.StatusOK, leaderboardResponse{Metric: m, Period: p, Items: items})
}
