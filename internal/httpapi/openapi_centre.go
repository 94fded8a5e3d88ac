package httpapi

import (
	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/readmodel/centre"
)

func init() {
	const tag = "shop-centre"
	document(
		op{Method: "GET", Path: "/api/shop/distributor/summary", Tag: tag, Auth: authShopper, Response: centre.Summary{},
			Summary: "My income cards in fen from the ledger's cached balances (pending, available, withdrawing, paid_out; total_earned = their sum = net of my commission records) and counts of bound customers, team members and paid tier-1 orders. Active or frozen distributors; 403 not_a_distributor"},
		op{Method: "GET", Path: "/api/shop/distributor/commissions", Tag: tag, Auth: authShopper, Query: []string{"status", "page", "page_size"},
			Response: pageOf[centre.Commission]{}, Summary: "My commission records, newest first (status pending/settled/reversed, else 400), with order number, line title, masked buyer, unlocks_on (Asia/Shanghai date) and unlock_reason (awaiting delivery confirmation / after-sales window ends / refunded / null when settled). 403 not_a_distributor"},
		op{Method: "GET", Path: "/api/shop/distributor/orders", Tag: tag, Auth: authShopper, Query: []string{"page", "page_size"},
			Response: pageOf[centre.Order]{}, Summary: "Paid orders attributed to me at tier 1, newest first, buyer masked. 403 not_a_distributor"},
		op{Method: "GET", Path: "/api/shop/distributor/customers", Tag: tag, Auth: authShopper, Query: []string{"page", "page_size"},
			Response: pageOf[centre.Customer]{}, Summary: "Shoppers currently bound to me (masked phone, nickname, source, bound_at) with their paid order count and pay amount attributed to me. 403 not_a_distributor"},
		op{Method: "GET", Path: "/api/shop/distributor/team", Tag: tag, Auth: authShopper, Query: []string{"page", "page_size"},
			Response: pageOf[centre.TeamMember]{}, Summary: "Distributors whose parent is me (masked phone, status, joined_at) with contributed = net of my tier-2 commission on orders where they were tier 1. 403 not_a_distributor"},
		op{Method: "GET", Path: "/api/shop/distributor/leaderboard", Tag: tag, Auth: authShopper, Query: []string{"metric", "period", "limit"},
			Response: centre.Leaderboard{}, Summary: "Top limit (1..100, default 10) distributors by metric (sales|commission|new_customers, default sales) in period (today|week|month|all, default all; Asia/Shanghai) with nickname and avatar (no phones), plus me (my rank and value, null without an entry). 400 invalid metric/period, 403 not_a_distributor"},
		op{Method: "GET", Path: "/api/shop/distributor/products/:id/commission", Tag: tag, Auth: authShopper, Response: commission.Estimate{},
			Summary: "Estimated tier-1 commission in fen (min and max over the enabled SKU prices) I would earn on one unit of this on-shelf product sold through my link, with today's rates and my level; 0 while frozen. The real amount is computed at payment. 404 unknown or off-shelf product, 403 not_a_distributor"},
		op{Method: "GET", Path: "/api/admin/distributors/:id/customers", Tag: "admin-distributors", Auth: authAdmin, Query: []string{"page", "page_size"},
			Response: pageOf[centre.Customer]{}, Summary: "A distributor's bound shoppers (phones masked) with their attributed orders; 404 unknown distributor"},
		op{Method: "GET", Path: "/api/admin/distributors/:id/team", Tag: "admin-distributors", Auth: authAdmin, Query: []string{"page", "page_size"},
			Response: pageOf[centre.TeamMember]{}, Summary: "The distributors it invited, with the tier-2 commission each brought; 404 unknown distributor"},
		op{Method: "GET", Path: "/api/admin/distributors/:id/ledger", Tag: "admin-distributors", Auth: authAdmin, Query: []string{"kind", "page", "page_size"},
			Response: centre.Ledger{}, Summary: "A distributor's balances (pending, available, withdrawing, paid_out) and its journal entries newest first with every line, optionally only those touching one kind (400 otherwise); 404 unknown distributor"},
	)
}
