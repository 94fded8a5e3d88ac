package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/referral"
)

func (s *Server) mountAdminReferral(admin, super *gin.RouterGroup) {
	admin.GET("/distributor-applications", s.adminListApplications)
	admin.POST("/distributor-applications/:id/approve", s.adminApproveApplication)
	admin.POST("/distributor-applications/:id/reject", s.adminRejectApplication)
	admin.GET("/distributors", s.adminListDistributors)
	admin.POST("/distributors", s.adminDesignate)
	admin.GET("/distributors/:id", s.adminGetDistributor)
	admin.POST("/distributors/:id/freeze", s.adminFreezeDistributor)
	admin.POST("/distributors/:id/restore", s.adminRestoreDistributor)
	super.DELETE("/distributors/:id", s.adminRemoveDistributor)
	s.mountAdminDistributorLists(admin)
	admin.POST("/bindings/:shopper_id", s.adminRebind)
	admin.GET("/shoppers/:id/binding-history", s.adminBindingHistory)
	admin.GET("/distributor-levels", s.adminListLevels)
	super.POST("/distributor-levels", s.adminCreateLevel)
	super.PUT("/distributor-levels/:id", s.adminUpdateLevel)
	super.DELETE("/distributor-levels/:id", s.adminDeleteLevel)
	admin.GET("/referral/settings", s.adminReferralSettings)
	super.PUT("/referral/settings", s.adminSaveReferralSettings)
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
func respond[T any](c *gin.Context, v T, err error) {
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

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
func (s *Server) mountAdminDistributorLists(admin *gin.RouterGroup) {
	admin.GET("/distributors/:id/customers", s.adminDistributorCustomers)
	admin.GET("/distributors/:id/team", s.adminDistributorTeam)
	admin.GET("/distributors/:id/ledger", s.adminDistributorLedger)
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
