package demo

import (
	"context"
	"fmt"

	"fenxiao/internal/distribution/referral"
)

// The demo's distribution network, built before the orders so they earn
// commission through the real hooks: 小林 is a distributor, 王芳 joined
// through 小林's link (tier 2 is 小林 on 王芳's sales), 陈晨, 刘洋, 赵敏 and
// 孙悦 buy through 王芳's shop, 周杰 and 吴桐 through 小林's.
var (
	demoRoot   = 0
	demoChild  = 1
	boundUnder = map[int]int{2: demoChild, 3: demoChild, 4: demoChild, 5: demoChild, 6: demoRoot, 7: demoRoot, demoChild: demoRoot}
)

// DemoShopTitle is the root distributor's shop title.
const DemoShopTitle = "小林的好物小店"

func loadDistributors(ctx context.Context, s Services, shoppers []demoShopper, sum *Summary) error {
	root, err := s.Referral.Designate(ctx, demoActor, shoppers[demoRoot].id)
	if err != nil {
		return fmt.Errorf("demo distributor: %w", err)
	}
	codes := map[int]string{demoRoot: root.InviteCode}
	if _, err := bind(ctx, s, shoppers[demoChild].id, root.InviteCode); err != nil {
		return err
	}
	child, err := s.Referral.Designate(ctx, demoActor, shoppers[demoChild].id)
	if err != nil {
		return fmt.Errorf("demo distributor: %w", err)
	}
	codes[demoChild] = child.InviteCode
	sum.Distributors = 2
	for i, under := range boundUnder {
		if i == demoChild {
			continue
		}
		if _, err := bind(ctx, s, shoppers[i].id, codes[under]); err != nil {
			return err
		}
	}
	_, err = s.Referral.UpdateMyShop(ctx, shoppers[demoRoot].id, referral.ShopSettings{ShopTitle: DemoShopTitle, Greeting: "欢迎光临，都是我自己用过的好东西！"})
	if err != nil {
		return fmt.Errorf("demo shop: %w", err)
	}
	return nil
}

func bind(ctx context.Context, s Services, shopperID int64, code string) (referral.BindResult, error) {
	res, err := s.Referral.Bind(ctx, shopperID, code, referral.SourceLink)
	if err != nil {
		return res, fmt.Errorf("demo binding: %w", err)
	}
	if !res.Bound {
		return res, fmt.Errorf("demo binding of shopper %d via %s refused: %s", shopperID, code, res.Reason)
	}
	return res, nil
}
