package httpapi

import "github.com/gin-gonic/gin"

// mountAdminLeaderboard registers the distributor leaderboard for admins:
// the very handler of GET /api/shop/leaderboard (same query parameters,
// defaults and response), behind the admin session instead.
func (s *Server) mountAdminLeaderboard(admin *gin.RouterGroup) {
	admin.GET("/leaderboard", s.leaderboardTop)
}
