package httpapi

// mountAdminLeaderboard registers the distributor leaderboard for admins:
// the very handler of GET /api/shop/leaderboard (same query parameters,
// defaults and response), behind the admin session instead.
func (s *Server) mountAdminLeaderboard() {
	s.handle(op{Method: "GET", Path: "/api/admin/leaderboard", Tag: "admin-dashboard", Auth: authAdmin, Query: []string{"metric", "period", "limit"}, Response: leaderboardResponse{},
		Summary: "The shop leaderboard (GET /api/shop/leaderboard) for admins: same parameters, defaults and response. Top distributors (rank, id, nickname, avatar_url, value; never a phone) by metric sales|commission|new_customers (default sales) over period today|week|month|all (default month, Asia/Shanghai, weeks start Monday); limit 1-100 (default 20). Ties rank by distributor id ascending"}, s.leaderboardTop)
}
