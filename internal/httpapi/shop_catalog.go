package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// shopCategories lists categories in display order.
func (s *Server) shopCategories(c *gin.Context) {
	cats, err := s.deps.Catalog.Categories(c.Request.Context())
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": cats})
}

// shopProducts lists on-shelf products: q, category_id, min_price,
// max_price (fen), sort and page/page_size.
func (s *Server) shopProducts(c *gin.Context) {
	listFiltered(c, s.deps.Catalog.ShopProducts)
}

// shopProduct is a product page; off-shelf and deleted products are 404.
func (s *Server) shopProduct(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	p, err := s.deps.Catalog.ShopProduct(c.Request.Context(), id)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}
