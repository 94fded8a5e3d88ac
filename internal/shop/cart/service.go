package cart

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/catalog"
)

// Service manages carts. Every method is scoped to one shopper: another
// shopper's item is not_found, exactly like a missing one.
type Service struct{ db *gorm.DB }

// NewService returns a Service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

// Get returns the shopper's cart with current catalogue data.
func (s *Service) Get(ctx context.Context, shopperID int64) (*Cart, error) {
	items, err := itemsOf(ctx, s.db, shopperID)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.SKUID
	}
	skus, err := catalog.LookupSKUs(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	c := &Cart{Items: make([]View, 0, len(items))}
	for _, it := range items {
		v := view(it, skus[it.SKUID])
		c.Items = append(c.Items, v)
		if v.Selected && !v.Unavailable {
			c.SelectedQuantity += v.Quantity
			c.SelectedAmount += v.Amount
		}
	}
	return c, nil
}

func view(it Item, info catalog.SKUInfo) View {
	v := View{ID: it.ID, SKUID: it.SKUID, Quantity: it.Quantity, Selected: it.Selected}
	if info.SKUID == 0 {
		v.Unavailable, v.UnavailableReason = true, ReasonGone
		return v
	}
	v.ProductID, v.Title, v.SpecText, v.ImageURL = info.ProductID, info.Title, info.SpecText(), info.ImageURL()
	v.Price, v.Stock, v.Amount = info.Price, info.Stock, money.Fen(int64(info.Price)*it.Quantity)
	switch why := info.Unavailable(); {
	case why != "":
		v.UnavailableReason = why
	case info.Stock == 0:
		v.UnavailableReason = ReasonOutOfStock
	case info.Stock < it.Quantity:
		v.UnavailableReason = ReasonInsufficientStock
	}
	v.Unavailable = v.UnavailableReason != ""
	return v
}

// Add puts quantity units of a SKU in the cart, merging with a line of the
// same SKU. Errors: invalid (quantity outside 1..999, or the merged line
// would exceed 999), not_found (unknown SKU), conflict reason "unavailable"
// (off shelf, disabled, deleted) or "cart_full" (100 distinct items).
func (s *Service) Add(ctx context.Context, shopperID, skuID, quantity int64) (*Cart, error) {
	if quantity < 1 || quantity > MaxQuantity {
		return nil, apperr.InvalidField("quantity", fmt.Sprintf("must be between 1 and %d", MaxQuantity))
	}
	// A unique violation means a concurrent add of the same SKU inserted the
	// line first; the retry merges into it.
	for attempt := 0; ; attempt++ {
		err := s.inTx(ctx, func(tx *gorm.DB) error { return addTx(ctx, tx, shopperID, skuID, quantity) })
		if database.IsUniqueViolation(err) && attempt < 3 {
			continue
		}
		if err != nil {
			return nil, err
		}
		return s.Get(ctx, shopperID)
	}
}

func addTx(ctx context.Context, tx *gorm.DB, shopperID, skuID, quantity int64) error {
	skus, err := catalog.LookupSKUs(ctx, tx, []int64{skuID})
	if err != nil {
		return err
	}
	info, ok := skus[skuID]
	if !ok {
		return apperr.NotFound("no such item (SKU %d)", skuID).WithField("sku_id", "no such item")
	}
	if why := info.Unavailable(); why != "" {
		return apperr.Conflict("“%s” is not on sale (%s)", info.Title, why).WithReason("unavailable")
	}
	existing, err := findItem(ctx, tx, shopperID, "sku_id = ?", skuID)
	if err != nil && !apperr.Is(err, apperr.CodeNotFound) {
		return err
	}
	if existing != nil {
		return addQuantity(ctx, tx, existing, quantity)
	}
	n, err := countItems(ctx, tx, shopperID)
	if err != nil {
		return err
	}
	if n >= MaxItems {
		return apperr.Conflict("the cart holds at most %d different items; remove some first", MaxItems).WithReason("cart_full")
	}
	now := database.Now()
	it := Item{ShopperID: shopperID, SKUID: skuID, Quantity: quantity, Selected: true, CreatedAt: now, UpdatedAt: now}
	if err := tx.WithContext(ctx).Create(&it).Error; err != nil {
		return fmt.Errorf("insert cart item: %w", err)
	}
	return nil
}

// addQuantity merges with a guarded update so concurrent adds cannot push
// a line past the limit.
func addQuantity(ctx context.Context, tx *gorm.DB, it *Item, quantity int64) error {
	res := tx.WithContext(ctx).Model(&Item{}).Where("id = ? AND quantity + ? <= ?", it.ID, quantity, MaxQuantity).
		Updates(map[string]any{"quantity": gorm.Expr("quantity + ?", quantity), "selected": true, "updated_at": database.Now()})
	if res.Error != nil {
		return fmt.Errorf("update cart item: %w", res.Error)
	}
	if res.RowsAffected != 1 {
		return apperr.InvalidField("quantity", fmt.Sprintf("the cart holds at most %d of one item", MaxQuantity))
	}
	return nil
}

// Update changes a line's quantity (1..999) and/or whether it is selected
// for checkout. Errors: invalid, not_found.
func (s *Service) Update(ctx context.Context, shopperID, itemID int64, quantity *int64, selected *bool) (*Cart, error) {
	set := map[string]any{"updated_at": database.Now()}
	if quantity != nil {
		if *quantity < 1 || *quantity > MaxQuantity {
			return nil, apperr.InvalidField("quantity", fmt.Sprintf("must be between 1 and %d", MaxQuantity))
		}
		set["quantity"] = *quantity
	}
	if selected != nil {
		set["selected"] = *selected
	}
	if len(set) == 1 {
		return nil, apperr.Invalid("send quantity and/or selected")
	}
	res := s.db.WithContext(ctx).Model(&Item{}).Where("id = ? AND shopper_id = ?", itemID, shopperID).Updates(set)
	if res.Error != nil {
		return nil, fmt.Errorf("update cart item: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, errNoItem()
	}
	return s.Get(ctx, shopperID)
}

// Remove deletes one line. Errors: not_found.
func (s *Service) Remove(ctx context.Context, shopperID, itemID int64) (*Cart, error) {
	res := s.db.WithContext(ctx).Where("id = ? AND shopper_id = ?", itemID, shopperID).Delete(&Item{})
	if res.Error != nil {
		return nil, fmt.Errorf("delete cart item: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, errNoItem()
	}
	return s.Get(ctx, shopperID)
}

// Clear empties the cart.
func (s *Service) Clear(ctx context.Context, shopperID int64) (*Cart, error) {
	if err := s.db.WithContext(ctx).Where("shopper_id = ?", shopperID).Delete(&Item{}).Error; err != nil {
		return nil, fmt.Errorf("clear cart: %w", err)
	}
	return s.Get(ctx, shopperID)
}

// RemoveSKUsTx drops the given SKUs from the shopper's cart inside the
// caller's transaction (checkout with from_cart).
func (s *Service) RemoveSKUsTx(ctx context.Context, tx *gorm.DB, shopperID int64, skuIDs []int64) error {
	if len(skuIDs) == 0 {
		return nil
	}
	if err := tx.WithContext(ctx).Where("shopper_id = ? AND sku_id IN ?", shopperID, skuIDs).Delete(&Item{}).Error; err != nil {
		return fmt.Errorf("remove bought items from cart: %w", err)
	}
	return nil
}

func (s *Service) inTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(fn)
}
