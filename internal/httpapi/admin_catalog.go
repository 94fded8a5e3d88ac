package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/media"
)

// mountAdminCatalog registers catalogue editing and image uploads
// (admins and operators alike).
func (s *Server) mountAdminCatalog() {
	s.handle(op{Method: "GET", Path: "/api/admin/categories", Tag: "catalog-admin", Auth: authAdmin, Response: itemsOf[catalog.AdminCategory]{},
		Summary: "Categories with live product counts"}, s.adminCategories)
	s.handle(op{Method: "POST", Path: "/api/admin/categories", Tag: "catalog-admin", Auth: authAdmin, Request: catalog.CategoryInput{}, Response: catalog.Category{},
		Summary: "Create a category (409 duplicate_name)"}, s.createCategory)
	s.handle(op{Method: "PUT", Path: "/api/admin/categories/:id", Tag: "catalog-admin", Auth: authAdmin, Request: catalog.CategoryInput{}, Response: catalog.Category{},
		Summary: "Replace a category (409 duplicate_name)"}, s.updateCategory)
	s.handle(op{Method: "DELETE", Path: "/api/admin/categories/:id", Tag: "catalog-admin", Auth: authAdmin, Response: deletedResponse{},
		Summary: "Delete an empty category (409 category_in_use)"}, s.deleteCategory)
	s.handle(op{Method: "GET", Path: "/api/admin/products", Tag: "catalog-admin", Auth: authAdmin, Query: []string{"q", "category_id", "status", "page", "page_size"}, Response: pageOf[catalog.Product]{},
		Summary: "Live products, newest first; q searches the title; status on_shelf|off_shelf"}, s.adminProducts)
	s.handle(op{Method: "POST", Path: "/api/admin/products", Tag: "catalog-admin", Auth: authAdmin, Request: catalog.ProductInput{}, Response: catalog.Product{},
		Summary: "Create a product with its SKUs in one step. Prices fen; commission_mode inherit|rate (basis points)|fixed (fen per unit)"}, s.createProduct)
	s.handle(op{Method: "GET", Path: "/api/admin/products/:id", Tag: "catalog-admin", Auth: authAdmin, Response: catalog.Product{},
		Summary: "A product with all SKUs, disabled ones included"}, s.adminProduct)
	s.handle(op{Method: "PUT", Path: "/api/admin/products/:id", Tag: "catalog-admin", Auth: authAdmin, Request: catalog.ProductInput{}, Response: catalog.Product{},
		Summary: "Replace a product and its SKU set: SKUs with id are updated, new ones created, omitted ones disabled. Send stock_seen to avoid overwriting sales (409 stock_changed)"}, s.updateProduct)
	s.handle(op{Method: "POST", Path: "/api/admin/products/:id/shelf", Tag: "catalog-admin", Auth: authAdmin, Request: shelfRequest{}, Response: catalog.Product{},
		Summary: "Put on or take off the shelf (409 no_enabled_sku)"}, s.shelveProduct)
	s.handle(op{Method: "DELETE", Path: "/api/admin/products/:id", Tag: "catalog-admin", Auth: authAdmin, Response: deletedResponse{},
		Summary: "Soft-delete a product (it also leaves the shelf)"}, s.deleteProduct)
	s.handle(op{Method: "POST", Path: "/api/admin/uploads", Tag: "catalog-admin", Auth: authAdmin, Upload: true, BodyLimit: uploadBodyLimit, Response: media.Upload{},
		Summary: "Upload a JPEG, PNG, GIF or WebP image (max 5 MiB; type from content; 400 not_an_image, 413 too_large)"}, s.uploadImage)
}

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
	respond(c, gin.H{"items": cats}, nil)
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
	respond(c, cat, nil)
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
	respond(c, cat, nil)
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
	respond(c, deletedResponse{Deleted: true}, nil)
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
	respond(c, p, nil)
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
	respond(c, p, nil)
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
	respond(c, p, nil)
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
	respond(c, p, nil)
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
	respond(c, deletedResponse{Deleted: true}, nil)
}
