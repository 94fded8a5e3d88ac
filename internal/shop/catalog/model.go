package catalog

import (
	"sort"
	"strings"
	"time"

	"fenxiao/internal/platform/money"
)

// ProductStatus is whether a product can be bought.
type ProductStatus string

const (
	OnShelf  ProductStatus = "on_shelf"
	OffShelf ProductStatus = "off_shelf"
)

// CommissionMode says how a product's distribution commission is computed.
type CommissionMode string

const (
	// CommissionInherit uses the merchant's global tier rates.
	CommissionInherit CommissionMode = "inherit"
	// CommissionRate uses Tier1/Tier2 as basis points of the paid line amount.
	CommissionRate CommissionMode = "rate"
	// CommissionFixed uses Tier1/Tier2 as fen per unit sold.
	CommissionFixed CommissionMode = "fixed"
)

// Category groups products.
type Category struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	IconURL   string     `json:"icon_url"`
	SortOrder int        `json:"sort_order"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	DeletedAt *time.Time `json:"-"`
}

// TableName binds Category to its table.
func (Category) TableName() string { return "categories" }

// Product is a sellable item with one or more SKUs.
type Product struct {
	ID              int64          `json:"id"`
	CategoryID      int64          `json:"category_id"`
	Title           string         `json:"title"`
	Subtitle        string         `json:"subtitle"`
	Description     string         `json:"description"`
	ImagesJSON      string         `json:"-" gorm:"column:images_json"`
	Images          []string       `json:"images" gorm:"-"` // decoded from ImagesJSON on load
	Status          ProductStatus  `json:"status"`
	SortOrder       int            `json:"sort_order"`
	MinPrice        money.Fen      `json:"min_price"`
	Sales           int64          `json:"sales"`
	CommissionMode  CommissionMode `json:"commission_mode"`
	CommissionTier1 int64          `json:"commission_tier1" gorm:"column:commission_tier1"`
	CommissionTier2 int64          `json:"commission_tier2" gorm:"column:commission_tier2"`
	CreatedAt       time.Time      `json:"created_at"`
	UpdatedAt       time.Time      `json:"updated_at"`
	DeletedAt       *time.Time     `json:"-"`
	SKUs            []SKU          `json:"skus,omitempty" gorm:"foreignKey:ProductID"`
}

// TableName binds Product to its table.
func (Product) TableName() string { return "products" }

// SKU is one buyable variant of a product with its own price and stock.
type SKU struct {
	ID        int64     `json:"id"`
	ProductID int64     `json:"product_id"`
	Code      string    `json:"code"`
	SpecJSON  string    `json:"-" gorm:"column:spec_json"`
	Spec      Spec      `json:"spec" gorm:"-"` // decoded from SpecJSON on load
	Price     money.Fen `json:"price"`
	Stock     int64     `json:"stock"`
	ImageURL  string    `json:"image_url"`
	Enabled   bool      `json:"enabled"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// TableName binds SKU to its table.
func (SKU) TableName() string { return "skus" }

// Spec is a SKU's spec values by spec name, e.g. {"颜色":"红","尺码":"M"}.
type Spec map[string]string

// Text renders the spec for order lines and receipts: "尺码:M 颜色:红",
// names sorted so the same spec always reads the same.
func (s Spec) Text() string {
	names := make([]string, 0, len(s))
	for n := range s {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + ":" + s[n]
	}
	return strings.Join(parts, " ")
}

// FirstImage is the product's cover image, or "".
func (p *Product) FirstImage() string {
	if len(p.Images) == 0 {
		return ""
	}
	return p.Images[0]
}
