// Package cart keeps each shopper's cart. Prices are never stored here:
// every read joins the catalogue, so the cart always shows today's title,
// price and stock, and checkout prices come from the catalogue again.
//
// Tables: cart_items.
package cart

import (
	"time"

	"fenxiao/internal/platform/money"
)

// Limits of one cart.
const (
	MaxItems    = 100 // distinct SKUs
	MaxQuantity = 999 // units of one SKU
)

// Item is a stored cart row.
type Item struct {
	ID        int64
	ShopperID int64
	SKUID     int64 `gorm:"column:sku_id"`
	Quantity  int64
	Selected  bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName binds Item to its table.
func (Item) TableName() string { return "cart_items" }

// Why a cart line cannot be bought as it is (View.UnavailableReason).
const (
	ReasonGone              = "deleted"
	ReasonOffShelf          = "off_shelf"
	ReasonDisabled          = "disabled"
	ReasonOutOfStock        = "out_of_stock"
	ReasonInsufficientStock = "insufficient_stock"
)

// View is a cart line as the shopper sees it, with current catalogue data.
type View struct {
	ID                int64     `json:"id"`
	SKUID             int64     `json:"sku_id"`
	ProductID         int64     `json:"product_id"`
	Title             string    `json:"title"`
	SpecText          string    `json:"spec_text"`
	ImageURL          string    `json:"image_url"`
	Price             money.Fen `json:"price"`
	Stock             int64     `json:"stock"`
	Quantity          int64     `json:"quantity"`
	Selected          bool      `json:"selected"`
	Amount            money.Fen `json:"amount"`
	Unavailable       bool      `json:"unavailable"`
	UnavailableReason string    `json:"unavailable_reason,omitempty"`
}

// Cart is a shopper's whole cart. The selected totals count only lines
// that are selected and available.
type Cart struct {
	Items            []View    `json:"items"`
	SelectedQuantity int64     `json:"selected_quantity"`
	SelectedAmount   money.Fen `json:"selected_amount"`
}
