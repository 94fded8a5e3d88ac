package demo

import (
	"context"
	"fmt"
	"strings"

	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/payment"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/media"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/shop/order"
)

// Services are what the loader drives. It goes through the same service
// methods the API uses, so demo data obeys every rule real data does.
type Services struct {
	Catalog  *catalog.Service
	Media    *media.Service
	Members  *member.Service
	Orders   *order.Service
	Payments *payment.Service
	Referral *referral.Service
}

// Summary counts what was created.
type Summary struct {
	Categories int
	Products   int
	Shoppers   int
	// Distributors are the demo's distributors (a two-tier chain).
	Distributors int
	Orders       map[order.Status]int
}

func (s Summary) String() string {
	var states []string
	for st, n := range s.Orders {
		states = append(states, fmt.Sprintf("%s=%d", st, n))
	}
	return fmt.Sprintf("%d categories, %d products, %d shoppers, %d distributors, orders: %s",
		s.Categories, s.Products, s.Shoppers, s.Distributors, strings.Join(sortedStrings(states), " "))
}

// demoActor is who the audit log shows for demo data.
var demoActor = audit.Actor{Username: "demo"}

// Load creates the demo store. It is not idempotent: callers check
// HasData first (fenxiao demo --if-empty).
func Load(ctx context.Context, s Services) (Summary, error) {
	sum := Summary{Orders: map[order.Status]int{}}
	skus, err := loadCatalogue(ctx, s, &sum)
	if err != nil {
		return sum, err
	}
	shoppers, err := loadShoppers(ctx, s, &sum)
	if err != nil {
		return sum, err
	}
	if err := loadDistributors(ctx, s, shoppers, &sum); err != nil {
		return sum, err
	}
	if err := loadOrders(ctx, s, shoppers, skus, &sum); err != nil {
		return sum, err
	}
	return sum, nil
}

// HasData reports whether the store already has products.
func HasData(ctx context.Context, c *catalog.Service) (bool, error) {
	res, err := c.AdminProducts(ctx, catalog.AdminFilter{}, pageOne)
	if err != nil {
		return false, err
	}
	return res.Total > 0, nil
}

func loadCatalogue(ctx context.Context, s Services, sum *Summary) ([]int64, error) {
	var skuIDs []int64
	for i, cat := range catalogue {
		c, err := s.Catalog.CreateCategory(ctx, demoActor, catalog.CategoryInput{Name: cat.name, SortOrder: i})
		if err != nil {
			return nil, fmt.Errorf("demo category %s: %w", cat.name, err)
		}
		sum.Categories++
		for j, p := range cat.products {
			img, err := s.Media.SavePlaceholder(ctx, p.title, p.hue)
			if err != nil {
				return nil, fmt.Errorf("demo image %s: %w", p.title, err)
			}
			in := catalog.ProductInput{CategoryID: c.ID, Title: p.title, Subtitle: p.subtitle,
				Description: p.subtitle + "。演示商品，数据由 fenxiao demo 生成。",
				Images:      []string{img.URL}, Status: catalog.OnShelf, SortOrder: j}
			if j == 0 { // one product per category shows a per-product commission override
				in.CommissionMode, in.CommissionTier1, in.CommissionTier2 = catalog.CommissionRate, 1500, 500
			}
			for k, sku := range p.skus {
				in.SKUs = append(in.SKUs, catalog.SKUInput{Code: fmt.Sprintf("D%02d%02d%d", i, j, k),
					Spec: catalog.Spec(sku.spec), Price: money.Fen(sku.price), Stock: sku.stock})
			}
			prod, err := s.Catalog.CreateProduct(ctx, demoActor, in)
			if err != nil {
				return nil, fmt.Errorf("demo product %s: %w", p.title, err)
			}
			sum.Products++
			for _, sku := range prod.SKUs {
				skuIDs = append(skuIDs, sku.ID)
			}
		}
	}
	return skuIDs, nil
}

type demoShopper struct {
	id, addressID int64
}

var shopperNames = []string{"小林", "王芳", "陈晨", "刘洋", "赵敏", "孙悦", "周杰", "吴桐"}
var cities = [][3]string{{"广东省", "深圳市", "南山区"}, {"浙江省", "杭州市", "西湖区"}, {"北京市", "北京市", "朝阳区"},
	{"上海市", "上海市", "浦东新区"}, {"四川省", "成都市", "武侯区"}, {"湖北省", "武汉市", "洪山区"}}

func loadShoppers(ctx context.Context, s Services, sum *Summary) ([]demoShopper, error) {
	var out []demoShopper
	for i, name := range shopperNames {
		phone := fmt.Sprintf("1380013%04d", 8000+i)
		sh, err := s.Members.CreateWithPhone(ctx, phone)
		if err != nil {
			return nil, fmt.Errorf("demo shopper %d: %w", i, err)
		}
		nick := name
		if _, err := s.Members.UpdateProfile(ctx, sh.ID, member.ProfileUpdate{Nickname: &nick}); err != nil {
			return nil, fmt.Errorf("demo profile %d: %w", i, err)
		}
		c := cities[i%len(cities)]
		addr, err := s.Members.CreateAddress(ctx, sh.ID, member.AddressInput{Name: name, Phone: phone,
			Province: c[0], City: c[1], District: c[2], Detail: fmt.Sprintf("科技园路 %d 号 %d 室", 10+i, 101+i), IsDefault: true})
		if err != nil {
			return nil, fmt.Errorf("demo address %d: %w", i, err)
		}
		sum.Shoppers++
		out = append(out, demoShopper{id: sh.ID, addressID: addr.ID})
	}
	return out, nil
}
