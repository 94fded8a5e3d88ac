package httpapi

import "github.com/gin-gonic/gin"

func (s *Server) mountMember(shopPublic, shop, admin, super *gin.RouterGroup) {}
