package httpapi

import "github.com/gin-gonic/gin"

func (s *Server) mountCatalog(shopPublic, admin *gin.RouterGroup) {}
