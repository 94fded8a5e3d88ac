package referral

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/catalog"
)

// Featured is one product a distributor picked for its shop, in order.
type Featured struct {
	ProductID int64 `json:"product_id"`
	Hidden    bool  `json:"hidden"`
}

// ShopSettings is what a distributor edits of its shop. It can only pick
// among the merchant's products, never add its own.
type ShopSettings struct {
	ShopTitle string     `json:"shop_title"`
	Greeting  string     `json:"greeting"`
	Featured  []Featured `json:"featured"`
}

// MaxFeatured caps a distributor's product pick.
const MaxFeatured = 200

// ShopHome is a distributor's shop page.
type ShopHome struct {
	Public
	InviteCode string             `json:"invite_code"`
	Greeting   string             `json:"greeting"`
	Products   []catalog.ShopItem `json:"products"`
}

// ResolveCode is the public card of the distributor behind an invite code,
// whatever its status (a frozen distributor's link still opens the shop).
// Errors: not_found (unknown_invite_code).
func (s *Service) ResolveCode(ctx context.Context, code string) (*Distributor, *Public, error) {
	db := s.db.WithContext(ctx)
	d, err := distributorByCode(db, code)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.publicCard(ctx, db, d)
	return d, p, err
}

// Home is the shop page behind an invite code: the distributor's pick of
// on-shelf products in its order, or the whole on-shelf catalogue in
// catalogue order when it picked none. Errors: not_found (unknown_invite_code).
func (s *Service) Home(ctx context.Context, code string) (*ShopHome, error) {
	d, pub, err := s.ResolveCode(ctx, code)
	if err != nil {
		return nil, err
	}
	out := &ShopHome{Public: *pub, InviteCode: d.InviteCode, Greeting: d.ShopGreeting}
	out.Products, err = s.featuredProducts(ctx, decodeFeatured(d.FeaturedJSON))
	return out, err
}

func (s *Service) featuredProducts(ctx context.Context, picks []Featured) ([]catalog.ShopItem, error) {
	var ids []int64
	if len(picks) > 0 {
		for _, f := range picks {
			if !f.Hidden {
				ids = append(ids, f.ProductID)
			}
		}
		if len(ids) == 0 {
			return []catalog.ShopItem{}, nil
		}
	}
	items, err := s.products.ShopItemsOf(ctx, ids, MaxFeatured)
	if err != nil || ids == nil {
		return items, err
	}
	byID := make(map[int64]catalog.ShopItem, len(items))
	for _, it := range items {
		byID[it.ID] = it
	}
	items = items[:0]
	for _, id := range ids {
		if it, ok := byID[id]; ok {
			items = append(items, it)
		}
	}
	return items, nil
}

func decodeFeatured(raw string) []Featured {
	var out []Featured
	if json.Unmarshal([]byte(raw), &out) != nil {
		return nil
	}
	return out
}

// MyShop is the distributor's shop settings. Errors: forbidden (not_a_distributor).
func (s *Service) MyShop(ctx context.Context, shopperID int64) (*ShopSettings, error) {
	d, err := s.Mine(ctx, shopperID)
	if err != nil {
		return nil, err
	}
	f := decodeFeatured(d.FeaturedJSON)
	if f == nil {
		f = []Featured{}
	}
	return &ShopSettings{ShopTitle: d.ShopTitle, Greeting: d.ShopGreeting, Featured: f}, nil
}

// UpdateMyShop replaces the distributor's shop settings. Featured entries
// must name existing, non-deleted products, each once, at most MaxFeatured.
// Errors: forbidden (not_a_distributor), invalid.
func (s *Service) UpdateMyShop(ctx context.Context, shopperID int64, in ShopSettings) (*ShopSettings, error) {
	in.ShopTitle, in.Greeting = strings.TrimSpace(in.ShopTitle), strings.TrimSpace(in.Greeting)
	if utf8.RuneCountInString(in.ShopTitle) > 32 {
		return nil, apperr.InvalidField("shop_title", "must be at most 32 characters")
	}
	if utf8.RuneCountInString(in.Greeting) > 120 {
		return nil, apperr.InvalidField("greeting", "must be at most 120 characters")
	}
	if len(in.Featured) > MaxFeatured {
		return nil, apperr.InvalidField("featured", fmt.Sprintf("must have at most %d entries", MaxFeatured))
	}
	if in.Featured == nil {
		in.Featured = []Featured{}
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		d, err := distributorOfShopper(tx, shopperID)
		if err != nil {
			return err
		}
		if d == nil || d.Status == StatusRemoved {
			return apperr.Forbidden("only distributors can do this").WithReason("not_a_distributor")
		}
		if err := s.checkFeatured(ctx, tx, in.Featured); err != nil {
			return err
		}
		raw, _ := json.Marshal(in.Featured)
		return tx.Model(&Distributor{}).Where("id = ?", d.ID).Updates(map[string]any{"shop_title": in.ShopTitle,
			"shop_greeting": in.Greeting, "featured_json": string(raw), "updated_at": s.now()}).Error
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

func (s *Service) checkFeatured(ctx context.Context, tx *gorm.DB, picks []Featured) error {
	ids := make([]int64, 0, len(picks))
	seen := map[int64]bool{}
	for i, f := range picks {
		if f.ProductID <= 0 || seen[f.ProductID] {
			return apperr.InvalidField(fmt.Sprintf("featured[%d].product_id", i), "must name a product, each once")
		}
		seen[f.ProductID] = true
		ids = append(ids, f.ProductID)
	}
	if len(ids) == 0 {
		return nil
	}
	found, err := s.products.LiveProductIDs(ctx, tx, ids)
	if err != nil {
		return err
	}
	ok := map[int64]bool{}
	for _, id := range found {
		ok[id] = true
	}
	for i, id := range ids {
		if !ok[id] {
			return apperr.InvalidField(fmt.Sprintf("featured[%d].product_id", i), "no such product")
		}
	}
	return nil
}

// PosterProduct is the product on a share poster.
type PosterProduct struct {
	ID    int64     `json:"id"`
	Title string    `json:"title"`
	Image string    `json:"image"`
	Price money.Fen `json:"price"`
}

// PosterProduct returns an on-shelf product for a poster.
// Errors: not_found.
func (s *Service) PosterProduct(ctx context.Context, id int64) (*PosterProduct, error) {
	p, ok, err := s.products.OnShelfProduct(ctx, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, apperr.NotFound("no such product").WithField("product_id", "no such product")
	}
	return &PosterProduct{ID: p.ID, Title: p.Title, Image: p.FirstImage(), Price: p.MinPrice}, nil
}
