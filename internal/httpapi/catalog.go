package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/shop/media"
)

// uploadBodyLimit leaves room for the multipart framing around a maximal
// image; the image itself is checked against media.MaxUploadSize.
const uploadBodyLimit = media.MaxUploadSize + 64<<10

func init() { allowLargerBody("POST", "/api/admin/uploads", uploadBodyLimit) }

// mountCatalog registers the shop's catalogue (public) and the admin's
// catalogue editing and image uploads (admins and operators alike).
func (s *Server) mountCatalog(shopPublic, admin *gin.RouterGroup) {
	shopPublic.GET("/categories", s.shopCategories)
	shopPublic.GET("/products", s.shopProducts)
	shopPublic.GET("/products/:id", s.shopProduct)

	admin.GET("/categories", s.adminCategories)
	admin.POST("/categories", s.createCategory)
	admin.PUT("/categories/:id", s.updateCategory)
	admin.DELETE("/categories/:id", s.deleteCategory)
	admin.GET("/products", s.adminProducts)
	admin.POST("/products", s.createProduct)
	admin.GET("/products/:id", s.adminProduct)
	admin.PUT("/products/:id", s.updateProduct)
	admin.POST("/products/:id/shelf", s.shelveProduct)
	admin.DELETE("/products/:id", s.deleteProduct)
	admin.POST("/uploads", s.uploadImage)
}

// mountUploads serves stored images outside /api: public, cacheable and
// not subject to the API's no-store and body rules. The catch-all lets the
// handler refuse every malformed name itself.
func (s *Server) mountUploads(e *gin.Engine) {
	e.GET("/uploads/*name", s.serveUpload)
}
