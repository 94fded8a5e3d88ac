package testkit

import (
	"fmt"
	"testing"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
)

// Fixtures for the commission domain's tests: products with a given
// commission setting, distributor chains, and orders driven through the
// real order service so the commission hooks run as in production.

// CommissionProduct inserts an on-shelf product with one SKU of price and
// plenty of stock, with the given commission mode and tiers, and returns
// the SKU id.
func (a *App) CommissionProduct(t testing.TB, mode catalog.CommissionMode, tier1, tier2 int64, price money.Fen) int64 {
	t.Helper()
	p, skus := a.OrderProduct(t, "commission-"+orderSuffix(), OrderSKU{Price: price, Stock: 1000})
	err := a.DB.Gorm.Model(&catalog.Product{}).Where("id = ?", p.ID).
		Updates(map[string]any{"commission_mode": mode, "commission_tier1": tier1, "commission_tier2": tier2}).Error
	if err != nil {
		t.Fatalf("set product commission: %v", err)
	}
	return skus[0].ID
}

// SetCommissionSettings stores the commission settings.
func (a *App) SetCommissionSettings(t testing.TB, s commission.Settings) {
	t.Helper()
	if _, err := a.Commissions.SaveSettings(Ctx(), fixtureActor, s); err != nil {
		t.Fatalf("save commission settings: %v", err)
	}
}

// DistributorUnder creates a shopper (with an address), binds it to the
// distributor with invite code parentCode when given, and makes it a
// distributor, so its parent is that distributor. It returns the
// distributor, its shopper id and address id.
func (a *App) DistributorUnder(t testing.TB, parentCode string) (d *DistributorFixture) {
	t.Helper()
	shopperID, addressID := a.OrderShopper(t)
	if parentCode != "" {
		if res := a.BindVia(t, shopperID, parentCode); !res.Bound {
			t.Fatalf("bind shopper %d via %s: %s", shopperID, parentCode, res.Reason)
		}
	}
	det := a.MakeDistributor(t, shopperID)
	return &DistributorFixture{ID: det.ID, ShopperID: shopperID, AddressID: addressID, Code: det.InviteCode}
}

// DistributorFixture is a distributor made by DistributorUnder.
type DistributorFixture struct {
	ID        int64
	ShopperID int64
	AddressID int64
	Code      string
}

// BuyerOf creates a shopper with an address bound to the distributor with
// invite code code and returns its shopper and address ids.
func (a *App) BuyerOf(t testing.TB, code string) (shopperID, addressID int64) {
	t.Helper()
	shopperID, addressID = a.OrderShopper(t)
	if res := a.BindVia(t, shopperID, code); !res.Bound {
		t.Fatalf("bind buyer %d via %s: %s", shopperID, code, res.Reason)
	}
	return shopperID, addressID
}

// PlaceOrder checks out qty units of each SKU for the shopper.
func (a *App) PlaceOrder(t testing.TB, shopperID, addressID int64, qty int64, skuIDs ...int64) *order.Order {
	t.Helper()
	items := make([]order.ItemInput, len(skuIDs))
	for i, id := range skuIDs {
		items[i] = order.ItemInput{SKUID: id, Quantity: qty}
	}
	o, err := a.Orders.Place(Ctx(), order.PlaceInput{ShopperID: shopperID, AddressID: addressID, Items: items})
	if err != nil {
		t.Fatalf("place order: %v", err)
	}
	return o
}

// PayOrder marks the order paid as the sandbox would (same transaction id
// every time, so repeating it is a duplicate notice).
func (a *App) PayOrder(t testing.TB, o *order.Order) {
	t.Helper()
	p := order.PaymentInfo{Provider: "sandbox", Method: "sandbox", TransactionID: fmt.Sprintf("sbx-%d", o.ID), Amount: o.PayAmount}
	if err := a.Orders.MarkPaid(Ctx(), nil, o.ID, p); err != nil {
		t.Fatalf("pay order %d: %v", o.ID, err)
	}
}

// CompleteOrder ships the order and confirms receipt as its buyer.
func (a *App) CompleteOrder(t testing.TB, o *order.Order) {
	t.Helper()
	if _, err := a.Orders.Ship(Ctx(), fixtureActor, o.ID, "SF", "SF"+orderSuffix()); err != nil {
		t.Fatalf("ship order %d: %v", o.ID, err)
	}
	if _, err := a.Orders.ConfirmReceipt(Ctx(), o.ShopperID, o.ID); err != nil {
		t.Fatalf("confirm order %d: %v", o.ID, err)
	}
}

// RefundLine requests and approves a refund of qty units of the order line.
func (a *App) RefundLine(t testing.TB, o *order.Order, lineID, qty int64) *order.RefundRequest {
	t.Helper()
	r, err := a.Orders.RequestRefund(Ctx(), o.ShopperID, o.ID, order.RefundInput{Reason: "不想要了",
		Lines: []order.RefundLineInput{{OrderLineID: lineID, Quantity: qty}}})
	if err != nil {
		t.Fatalf("request refund: %v", err)
	}
	if r, err = a.Orders.ApproveRefund(Ctx(), fixtureActor, r.ID); err != nil {
		t.Fatalf("approve refund: %v", err)
	}
	return r
}

// Balances returns a distributor's ledger balances by kind.
func (a *App) Balances(t testing.TB, distributorID int64) map[ledger.Kind]money.Fen {
	t.Helper()
	b, err := ledger.Balances(Ctx(), a.DB.Gorm, ledger.OwnerDistributor, distributorID)
	if err != nil {
		t.Fatalf("balances of %d: %v", distributorID, err)
	}
	return b
}

// CheckCommissionLedger fails unless ledger.Check is clean and each given
// distributor's lifetime balance (pending+available+withdrawing+paid_out)
// equals the net of its records.
func (a *App) CheckCommissionLedger(t testing.TB, distributorIDs ...int64) {
	t.Helper()
	rep, err := ledger.Check(Ctx(), a.DB.Gorm)
	if err != nil || !rep.OK() {
		t.Fatalf("ledger check: %v %s", err, rep)
	}
	for _, id := range distributorIDs {
		net, err := a.Commissions.NetOf(Ctx(), id)
		if err != nil {
			t.Fatal(err)
		}
		b := a.Balances(t, id)
		if got := b[ledger.KindPending] + b[ledger.KindAvailable] + b[ledger.KindWithdrawing] + b[ledger.KindPaidOut]; got != net {
			t.Fatalf("distributor %d: balances %v, records net %d", id, b, net)
		}
	}
}
