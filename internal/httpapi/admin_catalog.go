package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/shop/catalog"
)

type shelfRequest struct {
	Status catalog.ProductStatus `json:"status" validate:"required,oneof=on_shelf off_shelf"`
}

type deletedResponse struct {
	Deleted bool `json:"deleted"`
}

func (s *Server) adminCategories(c *gin.Context) {
	cats, err := s.deps.Catalog.AdminCategories(c.Request.Context())
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": cats})
}

func (s *Server) createCategory(c *gin.Context) {
	var in catalog.CategoryInput
	if !bindJSON(c, &in) {
		return
	}
	cat, err := s.deps.Catalog.CreateCategory(c.Request.Context(), actor(c), in)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, cat)
}

func (s *Server) updateCategory(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var in catalog.CategoryInput
	if !bindJSON(c, &in) {
		return
	}
	cat, err := s.deps.Catalog.UpdateCategory(c.Request.Context(), actor(c), id, in)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, cat)
}

func (s *Server) deleteCategory(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	if err := s.deps.Catalog.DeleteCategory(c.Request.Context(), actor(c), id); err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, deletedResponse{Deleted: true})
}

// adminProducts lists live products: q (title), category_id, status, page.
func (s *Server) adminProducts(c *gin.Context) {
	listFiltered(c, s.deps.Catalog.AdminProducts)
}

func (s *Server) createProduct(c *gin.Context) {
	var in catalog.ProductInput
	if !bindJSON(c, &in) {
		return
	}
	p, err := s.deps.Catalog.CreateProduct(c.Request.Context(), actor(c), in)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

func (s *Server) adminProduct(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	p, err := s.deps.Catalog.AdminProduct(c.Request.Context(), id)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

// updateProduct replaces the product and its SKU set (see
// catalog.Service.UpdateProduct).
func (s *Server) updateProduct(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var in catalog.ProductInput
	if !bindJSON(c, &in) {
		return
	}
	p, err := s.deps.Catalog.UpdateProduct(c.Request.Context(), actor(c), id, in)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

func (s *Server) shelveProduct(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	var req shelfRequest
	if !bindJSON(c, &req) {
		return
	}
	p, err := s.deps.Catalog.SetShelf(c.Request.Context(), actor(c), id, req.Status)
	if err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

// deleteProduct soft-deletes a product (it also leaves the shelf).
func (s *Server) deleteProduct(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		return
	}
	if err := s.deps.Catalog.DeleteProduct(c.Request.Context(), actor(c), id); err != nil {
		Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, deletedResponse{Deleted: true})
}
