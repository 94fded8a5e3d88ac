package order

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/member"
)

// Checkout limits.
const (
	MaxQuantity = 999 // units of one SKU per order (and per cart item)
	MaxLines    = 50  // distinct SKUs per order
	MaxRemark   = 255 // characters
)

// PlaceInput is a checkout request. There are deliberately no prices in it:
// every amount comes from the catalogue at the time of the order.
type PlaceInput struct {
	ShopperID int64
	Items     []ItemInput
	AddressID int64
	Remark    string
	// FromCart removes the bought SKUs from the cart in the same transaction.
	FromCart bool
}

// ItemInput is one SKU and how many of it.
type ItemInput struct {
	SKUID    int64
	Quantity int64
}

// Place checks out: it snapshots the lines at today's prices, takes the
// stock with guarded updates, writes the order, its lines and its first
// event, empties the bought SKUs from the cart (FromCart) and schedules the
// auto-cancel job, all in one transaction. Product sales are counted only
// when the order is paid. Errors: invalid (bad quantities, too many lines,
// long remark), not_found (address or SKU), conflict reason "unavailable"
// (off shelf, disabled, deleted) or "out_of_stock", naming the SKU in the
// message and as the field "sku:<id>".
func (s *Service) Place(ctx context.Context, in PlaceInput) (*Order, error) {
	items, err := normalizeItems(in.Items)
	if err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(in.Remark) > MaxRemark {
		return nil, apperr.InvalidField("remark", fmt.Sprintf("must be at most %d characters", MaxRemark))
	}
	addr, err := s.deps.Addresses.AddressForOrder(ctx, in.ShopperID, in.AddressID)
	if err != nil {
		return nil, err
	}
	cfg, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	// A unique violation can only be an order number collision (12 random
	// digits): the whole transaction rolled back, so simply try again.
	for attempt := 0; ; attempt++ {
		o, err := s.placeOnce(ctx, in, items, addr, cfg)
		if database.IsUniqueViolation(err) && attempt < 3 {
			continue
		}
		return o, err
	}
}

// normalizeItems validates quantities and merges repeated SKUs into one line.
// The result is sorted by SKU id so concurrent checkouts lock stock rows in
// the same order (no deadlocks on PostgreSQL).
func normalizeItems(in []ItemInput) ([]ItemInput, error) {
	if len(in) == 0 {
		return nil, apperr.InvalidField("items", "choose at least one item")
	}
	qty := map[int64]int64{}
	for i, it := range in {
		field := fmt.Sprintf("items[%d]", i)
		if it.SKUID <= 0 {
			return nil, apperr.InvalidField(field+".sku_id", "is required")
		}
		if it.Quantity < 1 || it.Quantity > MaxQuantity {
			return nil, apperr.InvalidField(field+".quantity", fmt.Sprintf("must be between 1 and %d", MaxQuantity))
		}
		qty[it.SKUID] += it.Quantity
		if qty[it.SKUID] > MaxQuantity {
			return nil, apperr.InvalidField(field+".quantity", fmt.Sprintf("at most %d of one item per order", MaxQuantity))
		}
	}
	if len(qty) > MaxLines {
		return nil, apperr.InvalidField("items", fmt.Sprintf("at most %d different items per order", MaxLines))
	}
	out := make([]ItemInput, 0, len(qty))
	for id, q := range qty {
		out = append(out, ItemInput{SKUID: id, Quantity: q})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SKUID < out[j].SKUID })
	return out, nil
}

func (s *Service) placeOnce(ctx context.Context, in PlaceInput, items []ItemInput, addr *member.Address, cfg Settings) (*Order, error) {
	now := database.Now()
	no, err := NewNumber("", now)
	if err != nil {
		return nil, err
	}
	o := &Order{OrderNo: no, ShopperID: in.ShopperID, Status: StatusPendingPayment, AddressJSON: addressJSON(addr),
		Remark: in.Remark, ExpiresAt: now.Add(cfg.AutoCancelAfter()), CreatedAt: now, UpdatedAt: now}
	err = s.inTx(ctx, func(tx *gorm.DB) error {
		lines, err := takeLines(ctx, tx, items)
		if err != nil {
			return err
		}
		for _, l := range lines {
			o.GoodsAmount += l.Amount
		}
		if a := s.hooks.Attributor; a != nil {
			if o.DistributorID, o.Tier2DistributorID, err = a.AttributeOrder(ctx, tx, in.ShopperID); err != nil {
				return err
			}
		}
		// No shipping rules or discounts yet: shipping_fee and discount stay 0.
		o.PayAmount = o.GoodsAmount - o.DiscountAmount + o.ShippingFee
		if err := tx.Create(o).Error; err != nil {
			return fmt.Errorf("insert order: %w", err)
		}
		for i := range lines {
			lines[i].OrderID = o.ID
		}
		if err := tx.Create(&lines).Error; err != nil {
			return fmt.Errorf("insert order lines: %w", err)
		}
		ev := Event{OrderID: o.ID, ToStatus: StatusPendingPayment, Event: EventPlaced, ActorType: ActorShopper, ActorID: in.ShopperID, CreatedAt: now}
		if err := insertEvent(ctx, tx, &ev); err != nil {
			return err
		}
		if in.FromCart {
			if err := s.deps.Cart.RemoveSKUsTx(ctx, tx, in.ShopperID, skuIDs(items)); err != nil {
				return err
			}
		}
		return s.deps.Jobs.EnqueueTx(ctx, tx, AutoCancelArgs{OrderID: o.ID}, &river.InsertOpts{ScheduledAt: o.ExpiresAt})
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// takeLines snapshots each SKU as an order line and takes its stock.
func takeLines(ctx context.Context, tx *gorm.DB, items []ItemInput) ([]Line, error) {
	skus, err := catalog.LookupSKUs(ctx, tx, skuIDs(items))
	if err != nil {
		return nil, err
	}
	lines := make([]Line, 0, len(items))
	for _, it := range items {
		info, ok := skus[it.SKUID]
		if !ok {
			return nil, apperr.NotFound("no such item (SKU %d)", it.SKUID).WithField(skuField(it.SKUID), "no such item")
		}
		name := displayName(info)
		if why := info.Unavailable(); why != "" {
			return nil, apperr.Conflict("%s (SKU %d) is not on sale (%s)", name, it.SKUID, why).WithReason("unavailable").
				WithField(skuField(it.SKUID), "not on sale ("+why+")")
		}
		ok, err := catalog.TakeStock(ctx, tx, it.SKUID, it.Quantity)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, apperr.Conflict("%s (SKU %d) is out of stock: fewer than %d left", name, it.SKUID, it.Quantity).
				WithReason("out_of_stock").WithField(skuField(it.SKUID), fmt.Sprintf("out of stock: fewer than %d left", it.Quantity))
		}
		amount := money.Fen(int64(info.Price) * it.Quantity)
		lines = append(lines, Line{ProductID: info.ProductID, SKUID: it.SKUID, Title: info.Title, SpecText: info.SpecText(),
			ImageURL: info.ImageURL(), UnitPrice: info.Price, Quantity: it.Quantity, Amount: amount, PaidAmount: amount,
			CommissionMode: info.CommissionMode, CommissionTier1: info.CommissionTier1, CommissionTier2: info.CommissionTier2})
	}
	return lines, nil
}

// skuField names a SKU in error fields ("sku:12") so a client can mark
// the offending line.
func skuField(id int64) string { return fmt.Sprintf("sku:%d", id) }

func displayName(info catalog.SKUInfo) string {
	if spec := info.SpecText(); spec != "" {
		return fmt.Sprintf("“%s %s”", info.Title, spec)
	}
	return fmt.Sprintf("“%s”", info.Title)
}

func skuIDs(items []ItemInput) []int64 {
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.SKUID
	}
	return ids
}

func addressJSON(a *member.Address) string {
	b, _ := json.Marshal(Address{Name: a.Name, Phone: a.Phone, Province: a.Province, City: a.City,
		District: a.District, Detail: a.Detail, PostalCode: a.PostalCode})
	return string(b)
}
