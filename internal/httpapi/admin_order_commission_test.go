package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"fenxiao/internal/payment"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

type orderDetailBody struct {
	Payments []struct {
		OutTradeNo string `json:"out_trade_no"`
		Status     string `json:"status"`
	} `json:"payments"`
	Commission struct {
		Tiers []struct {
			Tier           int   `json:"tier"`
			DistributorID  int64 `json:"distributor_id"`
			Amount         int64 `json:"amount"`
			ReversedAmount int64 `json:"reversed_amount"`
			Net            int64 `json:"net"`
		} `json:"tiers"`
		Net     int64 `json:"net"`
		Records []struct {
			Tier          int   `json:"tier"`
			DistributorID int64 `json:"distributor_id"`
		} `json:"records"`
	} `json:"commission"`
}

// The admin order page shows the payment attempts and how the commission
// splits between the tiers, after refunds.
func TestAdminOrderShowsPaymentsAndCommissionSplit(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		sku := a.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 10000)
		top := a.DistributorUnder(t, "")
		b := a.DistributorUnder(t, top.Code)
		buyer, addr := a.BuyerOf(t, b.Code)
		shop := a.SessionClient(session.KindShop, buyer)
		admin, _ := a.OrderAdminClient(t)

		// Two units through b, paid through the sandbox over HTTP, one refunded.
		var d order.Detail
		shop.Do("POST", "/api/shop/orders", checkoutBody(sku, 2, addr)).Expect(http.StatusOK).JSON(&d)
		var started payment.Started
		shop.Do("POST", fmt.Sprintf("/api/shop/orders/%d/pay", d.ID), map[string]string{"method": "sandbox"}).Expect(http.StatusOK).JSON(&started)
		shop.Do("POST", "/api/shop/payments/"+started.Payment.OutTradeNo+"/sandbox-confirm", nil).Expect(http.StatusOK)
		a.RefundLine(t, &d.Order, d.Lines[0].ID, 1)
		// An order nobody earns on.
		loner, lonerAddr := a.OrderShopper(t)
		plain := a.PlaceOrder(t, loner, lonerAddr, 1, sku)

		type tier struct{ tier, dist, amount, reversed, net int64 }
		tests := []struct {
			name     string
			id       int64
			payments int
			tiers    []tier
			net      int64
			records  int
		}{
			{name: "through a distributor, partly refunded", id: d.ID, payments: 1, net: 1500, records: 2,
				tiers: []tier{{1, b.ID, 2000, 1000, 1000}, {2, top.ID, 1000, 500, 500}}},
			{name: "no distributor, unpaid", id: plain.ID, payments: 0, net: 0, records: 0, tiers: []tier{}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var got orderDetailBody
				admin.Do("GET", fmt.Sprintf("/api/admin/orders/%d", tc.id), nil).Expect(http.StatusOK).JSON(&got)
				if len(got.Payments) != tc.payments || (tc.payments > 0 && got.Payments[0].OutTradeNo != started.Payment.OutTradeNo) {
					t.Errorf("payments %+v", got.Payments)
				}
				var tiers []tier
				for _, x := range got.Commission.Tiers {
					tiers = append(tiers, tier{int64(x.Tier), x.DistributorID, x.Amount, x.ReversedAmount, x.Net})
				}
				if fmt.Sprint(tiers) != fmt.Sprint(tc.tiers) || got.Commission.Net != tc.net || len(got.Commission.Records) != tc.records {
					t.Errorf("commission %+v, want tiers %v net %d with %d records", got.Commission, tc.tiers, tc.net, tc.records)
				}
			})
		}
	})
}
