package httpapi

import (
	"github.com/gin-gonic/gin"

	"fenxiao/internal/shop/catalog"
)

// mountShopCatalog registers the shop's catalogue: public, no login.
func (s *Server) mountShopCatalog() {
	s.handle(op{Method: "GET", Path: "/api/shop/categories", Tag: "catalog", Auth: authPublic, Response: itemsOf[catalog.Category]{},
		Summary: "Categories in display order"}, s.shopCategories)
	s.handle(op{Method: "GET", Path: "/api/shop/products", Tag: "catalog", Auth: authPublic, Query: []string{"q", "category_id", "min_price", "max_price", "sort", "page", "page_size"}, Response: pageOf[catalog.ShopItem]{},
		Summary: "On-shelf products, compact. q searches title and subtitle; prices in fen; sort: price_asc, price_desc, sales, newest (default: merchant order)"}, s.shopProducts)
	s.handle(op{Method: "GET", Path: "/api/shop/products/:id", Tag: "catalog", Auth: authPublic, Response: catalog.ShopProduct{},
		Summary: "Product page with enabled SKUs, spec options and stock; 404 when off shelf or deleted"}, s.shopProduct)
}

// shopCategories lists categories in display order.
func (s *Server) shopCategories(c *gin.Context) {
	cats, err := s.deps.Catalog.Categories(c.Request.Context())
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, gin.H{"items": cats}, nil)
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
	respond(c, p, nil)
}
