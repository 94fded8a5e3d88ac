package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/readmodel/centre"
)

func (s *Server) mountAdminReferral() {
	s.handle(op{Method: "GET", Path: "/api/admin/distributor-applications", Tag: "admin-distributors", Auth: authAdmin, Query: []string{"status", "page", "page_size"}, Response: pageOf[referral.AdminApplication]{},
		Summary: "Application queue (status pending/approved/rejected), newest first; phones masked"}, s.adminListApplications)
	s.handle(op{Method: "POST", Path: "/api/admin/distributor-applications/:id/approve", Tag: "admin-distributors", Auth: authAdmin, Response: referral.ApplyResult{},
		Summary: "Approve: the shopper becomes a distributor whose parent is the active distributor it is bound to now; audited. 409 wrong_status/already_distributor"}, s.adminApproveApplication)
	s.handle(op{Method: "POST", Path: "/api/admin/distributor-applications/:id/reject", Tag: "admin-distributors", Auth: authAdmin, Request: reasonRequest{}, Response: referral.Application{},
		Summary: "Reject with a reason (required) the applicant sees; audited"}, s.adminRejectApplication)
	s.handle(op{Method: "GET", Path: "/api/admin/distributors", Tag: "admin-distributors", Auth: authAdmin, Query: []string{"nickname", "phone", "code", "status", "parent_id", "level_id", "page", "page_size"}, Response: pageOf[referral.AdminDistributor]{},
		Summary: "Search distributors (phone: a full number; shown masked)"}, s.adminListDistributors)
	s.handle(op{Method: "POST", Path: "/api/admin/distributors", Tag: "admin-distributors", Auth: authAdmin, Request: designateRequest{}, Response: referral.AdminDetail{},
		Summary: "Designate a shopper as distributor (any join mode; parent from its binding); audited"}, s.adminDesignate)
	s.handle(op{Method: "GET", Path: "/api/admin/distributors/:id", Tag: "admin-distributors", Auth: authAdmin, Response: referral.AdminDetail{},
		Summary: "One distributor with its parent, team and binding history"}, s.adminGetDistributor)
	s.handle(op{Method: "POST", Path: "/api/admin/distributors/:id/freeze", Tag: "admin-distributors", Auth: authAdmin, Request: reasonRequest{}, Response: referral.AdminDetail{},
		Summary: "Freeze (reason required): its link still opens the shop but binds nobody and it earns nothing; audited"}, s.adminFreezeDistributor)
	s.handle(op{Method: "POST", Path: "/api/admin/distributors/:id/restore", Tag: "admin-distributors", Auth: authAdmin, Request: reasonRequest{}, Response: referral.AdminDetail{},
		Summary: "Restore a frozen distributor; audited"}, s.adminRestoreDistributor)
	s.handle(op{Method: "DELETE", Path: "/api/admin/distributors/:id", Tag: "admin-distributors", Auth: authSuper, Response: referral.AdminDetail{},
		Summary: "Remove a distributor (soft: status removed, history kept); audited"}, s.adminRemoveDistributor)
	s.handle(op{Method: "POST", Path: "/api/admin/bindings/:shopper_id", Tag: "admin-distributors", Auth: authAdmin, Request: rebindRequest{}, Response: referral.Binding{},
		Summary: "Re-bind a buyer to an active distributor regardless of mode or lock; history row with the admin; audited. 400 self_binding/cycle, 409 distributor_inactive/already_bound"}, s.adminRebind)
	s.handle(op{Method: "GET", Path: "/api/admin/shoppers/:id/binding-history", Tag: "admin-distributors", Auth: authAdmin, Query: []string{"page", "page_size"}, Response: pageOf[referral.HistoryEntry]{},
		Summary: "Every binding change of a buyer, newest first"}, s.adminBindingHistory)
	s.handle(op{Method: "GET", Path: "/api/admin/distributor-levels", Tag: "admin-distributors", Auth: authAdmin, Response: []referral.Level{},
		Summary: "Distributor levels by rank"}, s.adminListLevels)
	s.handle(op{Method: "POST", Path: "/api/admin/distributor-levels", Tag: "admin-distributors", Auth: authSuper, Request: referral.LevelInput{}, Response: referral.Level{},
		Summary: "Create a level: rates 0..10000 bp each (sum <= 10000), reached by cumulative attributed sales or settled commission (fen); audited"}, s.adminCreateLevel)
	s.handle(op{Method: "PUT", Path: "/api/admin/distributor-levels/:id", Tag: "admin-distributors", Auth: authSuper, Request: referral.LevelInput{}, Response: referral.Level{},
		Summary: "Replace a level; audited"}, s.adminUpdateLevel)
	s.handle(op{Method: "DELETE", Path: "/api/admin/distributor-levels/:id", Tag: "admin-distributors", Auth: authSuper, Response: okResponse{},
		Summary: "Delete a level nobody holds (409 level_in_use); audited"}, s.adminDeleteLevel)
	s.handle(op{Method: "GET", Path: "/api/admin/referral/settings", Tag: "admin-distributors", Auth: authAdmin, Response: referral.AllSettings{},
		Summary: "Join mode (auto/review/designated) and binding rules (first_touch/rebind_after_days/last_touch, days, lock_on_first_paid)"}, s.adminReferralSettings)
	s.handle(op{Method: "PUT", Path: "/api/admin/referral/settings", Tag: "admin-distributors", Auth: authSuper, Request: referral.AllSettings{}, Response: referral.AllSettings{},
		Summary: "Replace the join mode and binding rules; audited"}, s.adminSaveReferralSettings)
}

type applicationQuery struct {
	Status referral.ApplicationStatus `form:"status"`
}

type reasonRequest struct {
	Reason string `json:"reason" validate:"max=200"`
}

type designateRequest struct {
	ShopperID int64 `json:"shopper_id" validate:"required,gt=0"`
}

type rebindRequest struct {
	DistributorID int64  `json:"distributor_id" validate:"required,gt=0"`
	Note          string `json:"note" validate:"max=200"`
}

// respond writes v, or err when there is one.

func (s *Server) adminListApplications(c *gin.Context) {
	var q applicationQuery
	if !bindQuery(c, &q) {
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Referral.Applications(c.Request.Context(), q.Status, p)
	respond(c, res, err)
}

func (s *Server) adminApproveApplication(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	res, err := s.deps.Referral.Approve(c.Request.Context(), actor(c), id)
	respond(c, res, err)
}

func (s *Server) adminRejectApplication(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req reasonRequest
	if !bindJSON(c, &req) {
		return
	}
	res, err := s.deps.Referral.Reject(c.Request.Context(), actor(c), id, req.Reason)
	respond(c, res, err)
}

func (s *Server) adminListDistributors(c *gin.Context) {
	listFiltered(c, s.deps.Referral.List)
}

func (s *Server) adminDesignate(c *gin.Context) {
	var req designateRequest
	if !bindJSON(c, &req) {
		return
	}
	res, err := s.deps.Referral.Designate(c.Request.Context(), actor(c), req.ShopperID)
	respond(c, res, err)
}

func (s *Server) adminGetDistributor(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	res, err := s.deps.Referral.Detail(c.Request.Context(), id)
	respond(c, res, err)
}

func (s *Server) adminFreezeDistributor(c *gin.Context) {
	id, ok := pathID(c, "id")
	var req reasonRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	res, err := s.deps.Referral.Freeze(c.Request.Context(), actor(c), id, req.Reason)
	respond(c, res, err)
}

func (s *Server) adminRestoreDistributor(c *gin.Context) {
	id, ok := pathID(c, "id")
	var req reasonRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	res, err := s.deps.Referral.Restore(c.Request.Context(), actor(c), id, req.Reason)
	respond(c, res, err)
}

func (s *Server) adminRemoveDistributor(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	res, err := s.deps.Referral.Remove(c.Request.Context(), actor(c), id)
	respond(c, res, err)
}

func (s *Server) adminRebind(c *gin.Context) {
	id, ok := pathID(c, "shopper_id")
	var req rebindRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	res, err := s.deps.Referral.AdminRebind(c.Request.Context(), actor(c), id, req.DistributorID, req.Note)
	respond(c, res, err)
}

func (s *Server) adminBindingHistory(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Referral.ShopperHistory(c.Request.Context(), id, p)
	respond(c, res, err)
}

func (s *Server) adminListLevels(c *gin.Context) {
	res, err := s.deps.Referral.Levels(c.Request.Context())
	respond(c, res, err)
}

func (s *Server) adminCreateLevel(c *gin.Context) {
	var req referral.LevelInput
	if !bindJSON(c, &req) {
		return
	}
	res, err := s.deps.Referral.CreateLevel(c.Request.Context(), actor(c), req)
	respond(c, res, err)
}

func (s *Server) adminUpdateLevel(c *gin.Context) {
	id, ok := pathID(c, "id")
	var req referral.LevelInput
	if !ok || !bindJSON(c, &req) {
		return
	}
	res, err := s.deps.Referral.UpdateLevel(c.Request.Context(), actor(c), id, req)
	respond(c, res, err)
}

func (s *Server) adminDeleteLevel(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	err := s.deps.Referral.DeleteLevel(c.Request.Context(), actor(c), id)
	respond(c, okResponse{OK: true}, err)
}

func (s *Server) adminReferralSettings(c *gin.Context) {
	res, err := s.deps.Referral.Settings(c.Request.Context())
	respond(c, res, err)
}

func (s *Server) adminSaveReferralSettings(c *gin.Context) {
	var req referral.AllSettings
	if !bindJSON(c, &req) {
		return
	}
	res, err := s.deps.Referral.SaveSettings(c.Request.Context(), actor(c), req)
	respond(c, res, err)
}

// adminDistributorLists are the merchant's views of one distributor's
// customers, team and ledger (see centre.AdminCustomers and friends).
func (s *Server) mountAdminDistributorLists() {
	s.handle(op{Method: "GET", Path: "/api/admin/distributors/:id/customers", Tag: "admin-distributors", Auth: authAdmin, Query: []string{"page", "page_size"}, Response: pageOf[centre.Customer]{},
		Summary: "A distributor's bound shoppers (phones masked) with their attributed orders; 404 unknown distributor"}, s.adminDistributorCustomers)
	s.handle(op{Method: "GET", Path: "/api/admin/distributors/:id/team", Tag: "admin-distributors", Auth: authAdmin, Query: []string{"page", "page_size"}, Response: pageOf[centre.TeamMember]{},
		Summary: "The distributors it invited, with the tier-2 commission each brought; 404 unknown distributor"}, s.adminDistributorTeam)
	s.handle(op{Method: "GET", Path: "/api/admin/distributors/:id/ledger", Tag: "admin-distributors", Auth: authAdmin, Query: []string{"kind", "page", "page_size"}, Response: centre.Ledger{},
		Summary: "A distributor's balances (pending, available, withdrawing, paid_out) and its journal entries newest first with every line, optionally only those touching one kind (400 otherwise); 404 unknown distributor"}, s.adminDistributorLedger)
}

func (s *Server) adminDistributorCustomers(c *gin.Context) {
	id, ok := pathID(c, "id")
	p, okp := pageRequest(c)
	if !ok || !okp {
		return
	}
	res, err := s.deps.Centre.AdminCustomers(c.Request.Context(), id, p)
	respond(c, res, err)
}

func (s *Server) adminDistributorTeam(c *gin.Context) {
	id, ok := pathID(c, "id")
	p, okp := pageRequest(c)
	if !ok || !okp {
		return
	}
	res, err := s.deps.Centre.AdminTeam(c.Request.Context(), id, p)
	respond(c, res, err)
}

// ledgerQuery narrows a distributor's ledger to one balance kind.
type ledgerQuery struct {
	Kind string `form:"kind"`
}

func (s *Server) adminDistributorLedger(c *gin.Context) {
	var q ledgerQuery
	id, ok := pathID(c, "id")
	if !ok || !bindQuery(c, &q) {
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Centre.AdminLedger(c.Request.Context(), id, ledger.Kind(q.Kind), p)
	respond(c, res, err)
}
