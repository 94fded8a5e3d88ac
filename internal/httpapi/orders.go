package httpapi

import "github.com/gin-gonic/gin"

func (s *Server) mountOrders(shop, admin *gin.RouterGroup) {}
