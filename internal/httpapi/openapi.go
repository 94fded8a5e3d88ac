package httpapi

import "github.com/gin-gonic/gin"

func (s *Server) openAPI(c *gin.Context) { c.JSON(200, gin.H{"openapi": "3.0.3"}) }
