package catalog

import "fenxiao/internal/platform/money"

// Limits on catalogue input. They keep one product's SKU set and text small
// enough for a phone screen and a single transaction.
const (
	MaxPrice        money.Fen = 1_000_000_000 // 10,000,000.00 yuan
	MaxStock        int64     = 1_000_000_000
	MaxSKUs                   = 100
	MaxImages                 = 20
	MaxSpecNames              = 5
	maxTitle                  = 128
	maxSubtitle               = 255
	maxDescription            = 20_000
	maxURL                    = 512
	maxCode                   = 64
	maxSpecText               = 32
	maxCategoryName           = 64
	maxQuery                  = 64
)

// CategoryInput is what an admin submits to create or replace a category.
type CategoryInput struct {
	Name      string `json:"name"`
	IconURL   string `json:"icon_url"`
	SortOrder int    `json:"sort_order"`
}

// ProductInput is what an admin submits to create a product or replace one
// (fields and SKU set) on update.
type ProductInput struct {
	CategoryID  int64    `json:"category_id"`
	Title       string   `json:"title"`
	Subtitle    string   `json:"subtitle"`
	Description string   `json:"description"`
	Images      []string `json:"images"`
	// Status is off_shelf when empty on create, and unchanged when empty on
	// update.
	Status          ProductStatus  `json:"status,omitempty"`
	SortOrder       int            `json:"sort_order"`
	CommissionMode  CommissionMode `json:"commission_mode"` // empty means inherit
	CommissionTier1 int64          `json:"commission_tier1"`
	CommissionTier2 int64          `json:"commission_tier2"`
	SKUs            []SKUInput     `json:"skus"`
}

// SKUInput is one SKU of a ProductInput. On update, an ID matches an
// existing SKU of the product; SKUs without an ID are created.
type SKUInput struct {
	ID    int64     `json:"id,omitempty"`
	Code  string    `json:"code"`
	Spec  Spec      `json:"spec"`
	Price money.Fen `json:"price"`
	Stock int64     `json:"stock"`
	// StockSeen is the stock the editor loaded. When set on an existing SKU,
	// the stock is only written if it still has that value (orders placed
	// meanwhile are not overwritten), and left alone if Stock == StockSeen.
	StockSeen *int64 `json:"stock_seen,omitempty"`
	ImageURL  string `json:"image_url"`
	Enabled   *bool  `json:"enabled,omitempty"` // default true
}

func (in SKUInput) enabled() bool { return in.Enabled == nil || *in.Enabled }

// AdminFilter narrows the admin product list. Zero values mean "any".
type AdminFilter struct {
	Q          string        `form:"q"`
	CategoryID int64         `form:"category_id"`
	Status     ProductStatus `form:"status"`
}

// Shop list orders.
const (
	SortDefault   = ""
	SortPriceAsc  = "price_asc"
	SortPriceDesc = "price_desc"
	SortSales     = "sales"
	SortNewest    = "newest"
)

// ShopFilter narrows and orders the shop product list. Prices are fen;
// MaxPrice 0 means no upper bound.
type ShopFilter struct {
	Q          string    `form:"q"`
	CategoryID int64     `form:"category_id"`
	MinPrice   money.Fen `form:"min_price"`
	MaxPrice   money.Fen `form:"max_price"`
	Sort       string    `form:"sort"`
}

// ShopItem is a compact product for shop lists.
type ShopItem struct {
	ID       int64     `json:"id"`
	Title    string    `json:"title"`
	Subtitle string    `json:"subtitle"`
	Image    string    `json:"image"`
	MinPrice money.Fen `json:"min_price"`
	Sales    int64     `json:"sales"`
}

// ShopProduct is a product page: the product, its enabled SKUs and the
// spec options a picker shows.
type ShopProduct struct {
	ID          int64        `json:"id"`
	CategoryID  int64        `json:"category_id"`
	Title       string       `json:"title"`
	Subtitle    string       `json:"subtitle"`
	Description string       `json:"description"`
	Images      []string     `json:"images"`
	MinPrice    money.Fen    `json:"min_price"`
	Sales       int64        `json:"sales"`
	Specs       []SpecOption `json:"specs"`
	SKUs        []ShopSKU    `json:"skus"`
}

// SpecOption is one spec name and its values, in SKU order.
type SpecOption struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

// ShopSKU is a buyable SKU as the shop shows it.
type ShopSKU struct {
	ID       int64     `json:"id"`
	Spec     Spec      `json:"spec"`
	Price    money.Fen `json:"price"`
	Stock    int64     `json:"stock"`
	ImageURL string    `json:"image_url"`
}

// AdminCategory is a category with how many live products it holds.
type AdminCategory struct {
	Category
	ProductCount int64 `json:"product_count"`
}
