package httpapi

import "github.com/gin-gonic/gin"

func (s *Server) mountAdminAuth(adminPublic, admin, super *gin.RouterGroup) {}
