package httpapi

import "fenxiao/internal/platform/audit"

func init() {
	document(
		op{Method: "GET", Path: "/healthz", Tag: "ops", Summary: "Liveness probe", Auth: authPublic},
		op{Method: "GET", Path: "/readyz", Tag: "ops", Summary: "Readiness probe: the database answers", Auth: authPublic},
		op{Method: "GET", Path: "/metrics", Tag: "ops", Summary: "Prometheus metrics", Auth: authPublic},
		op{Method: "GET", Path: "/api/openapi.json", Tag: "ops", Summary: "This document", Auth: authPublic},
		op{Method: "GET", Path: "/api/admin/audit-log", Tag: "admin", Summary: "Audit log of admin actions, newest first", Auth: authAdmin,
			Query: []string{"actor_id", "action", "target_type", "target_id", "from", "to", "page", "page_size"}, Response: pageOf[audit.Entry]{}},
		op{Method: "GET", Path: "/api/admin/jobs", Tag: "admin", Summary: "Latest background jobs", Auth: authAdmin},
		op{Method: "GET", Path: "/api/admin/jobs/periodic", Tag: "admin", Summary: "Names of periodic jobs", Auth: authAdmin},
	)
}

// pageOf documents a page.Result of T.
type pageOf[T any] struct {
	Items    []T   `json:"items"`
	Page     int   `json:"page"`
	PageSize int   `json:"page_size"`
	Total    int64 `json:"total"`
}
