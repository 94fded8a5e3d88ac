package httpapi

import "fenxiao/internal/distribution/notify"

func init() {
	document(
		op{Method: "GET", Path: "/api/shop/notifications", Tag: "shop-notifications", Auth: authShopper, Query: []string{"unread", "page", "page_size"},
			Response: pageOf[notify.Notification]{}, Summary: "The shopper's notifications, newest first; unread=true lists only unread ones"},
		op{Method: "GET", Path: "/api/shop/notifications/unread-count", Tag: "shop-notifications", Auth: authShopper,
			Response: unreadCountResponse{}, Summary: "How many notifications the shopper has not read"},
		op{Method: "POST", Path: "/api/shop/notifications/:id/read", Tag: "shop-notifications", Auth: authShopper,
			Response: notify.Notification{}, Summary: "Mark one notification read (idempotent). 404 for another shopper's notification"},
		op{Method: "POST", Path: "/api/shop/notifications/read-all", Tag: "shop-notifications", Auth: authShopper,
			Response: readAllResponse{}, Summary: "Mark every unread notification read; returns how many changed"},
		op{Method: "GET", Path: "/api/shop/leaderboard", Tag: "shop-leaderboard", Auth: authShopper, Query: []string{"metric", "period", "limit"},
			Response: leaderboardResponse{}, Summary: "Top distributors (rank, id, nickname, avatar_url, value; never a phone) by metric sales|commission|new_customers (default sales) over period today|week|month|all (default month, Asia/Shanghai, weeks start Monday); limit 1-100 (default 20). Ties rank by distributor id ascending"},
	)
}
