package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/page"
)

type payRequest struct {
	Method string `json:"method" validate:"required,max=24"`
}

func (s *Server) payMethods(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	ms, err := s.deps.Payments.Methods(c.Request.Context(), currentShopper(c).ID, id)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(200, page.NewResult(page.Request{Page: 1, Size: page.MaxSize}, ms, int64(len(ms))))
}

func (s *Server) payOrder(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req payRequest
	if !bindJSON(c, &req) {
		return
	}
	started, err := s.deps.Payments.Pay(c.Request.Context(), currentShopper(c).ID, id, req.Method)
	orderJSON(c, started, err)
}

func (s *Server) sandboxConfirm(c *gin.Context) {
	p, err := s.deps.Payments.SandboxConfirm(c.Request.Context(), currentShopper(c).ID, c.Param("out_trade_no"))
	orderJSON(c, p, err)
}
