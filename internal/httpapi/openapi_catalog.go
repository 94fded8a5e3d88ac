package httpapi

import (
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/media"
)

type itemsOf[T any] struct {
	Items []T `json:"items"`
}

func init() {
	shopList := []string{"q", "category_id", "min_price", "max_price", "sort", "page", "page_size"}
	document(
		op{Method: "GET", Path: "/api/shop/categories", Tag: "catalog", Summary: "Categories in display order", Auth: authPublic,
			Response: itemsOf[catalog.Category]{}},
		op{Method: "GET", Path: "/api/shop/products", Tag: "catalog", Auth: authPublic, Query: shopList,
			Summary:  "On-shelf products, compact. q searches title and subtitle; prices in fen; sort: price_asc, price_desc, sales, newest (default: merchant order)",
			Response: pageOf[catalog.ShopItem]{}},
		op{Method: "GET", Path: "/api/shop/products/:id", Tag: "catalog", Auth: authPublic,
			Summary: "Product page with enabled SKUs, spec options and stock; 404 when off shelf or deleted", Response: catalog.ShopProduct{}},

		op{Method: "GET", Path: "/api/admin/categories", Tag: "catalog-admin", Summary: "Categories with live product counts", Auth: authAdmin,
			Response: itemsOf[catalog.AdminCategory]{}},
		op{Method: "POST", Path: "/api/admin/categories", Tag: "catalog-admin", Summary: "Create a category (409 duplicate_name)", Auth: authAdmin,
			Request: catalog.CategoryInput{}, Response: catalog.Category{}},
		op{Method: "PUT", Path: "/api/admin/categories/:id", Tag: "catalog-admin", Summary: "Replace a category (409 duplicate_name)", Auth: authAdmin,
			Request: catalog.CategoryInput{}, Response: catalog.Category{}},
		op{Method: "DELETE", Path: "/api/admin/categories/:id", Tag: "catalog-admin", Summary: "Delete an empty category (409 category_in_use)", Auth: authAdmin,
			Response: deletedResponse{}},
		op{Method: "GET", Path: "/api/admin/products", Tag: "catalog-admin", Summary: "Live products, newest first; q searches the title; status on_shelf|off_shelf", Auth: authAdmin,
			Query: []string{"q", "category_id", "status", "page", "page_size"}, Response: pageOf[catalog.Product]{}},
		op{Method: "POST", Path: "/api/admin/products", Tag: "catalog-admin", Auth: authAdmin,
			Summary: "Create a product with its SKUs in one step. Prices fen; commission_mode inherit|rate (basis points)|fixed (fen per unit)",
			Request: catalog.ProductInput{}, Response: catalog.Product{}},
		op{Method: "GET", Path: "/api/admin/products/:id", Tag: "catalog-admin", Summary: "A product with all SKUs, disabled ones included", Auth: authAdmin,
			Response: catalog.Product{}},
		op{Method: "PUT", Path: "/api/admin/products/:id", Tag: "catalog-admin", Auth: authAdmin,
			Summary: "Replace a product and its SKU set: SKUs with id are updated, new ones created, omitted ones disabled. Send stock_seen to avoid overwriting sales (409 stock_changed)",
			Request: catalog.ProductInput{}, Response: catalog.Product{}},
		op{Method: "POST", Path: "/api/admin/products/:id/shelf", Tag: "catalog-admin", Summary: "Put on or take off the shelf (409 no_enabled_sku)", Auth: authAdmin,
			Request: shelfRequest{}, Response: catalog.Product{}},
		op{Method: "DELETE", Path: "/api/admin/products/:id", Tag: "catalog-admin", Summary: "Soft-delete a product (it also leaves the shelf)", Auth: authAdmin,
			Response: deletedResponse{}},
		op{Method: "POST", Path: "/api/admin/uploads", Tag: "catalog-admin", Auth: authAdmin, Upload: true,
			Summary: "Upload a JPEG, PNG, GIF or WebP image (max 5 MiB; type from content; 400 not_an_image, 413 too_large)", Response: media.Upload{}},
		op{Method: "GET", Path: "/uploads/*name", Tag: "catalog", Auth: authPublic,
			Summary: "A stored image, served with its stored content type, nosniff and a year of caching"},
	)
}
