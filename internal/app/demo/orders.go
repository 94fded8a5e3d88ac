package demo

import (
	"context"
	"fmt"
	"sort"

	"fenxiao/internal/platform/page"
	"fenxiao/internal/shop/order"
)

var pageOne = page.Request{Page: 1, Size: 1}

// journey is how far a demo order travels through its lifecycle.
type journey int

const (
	stayPending journey = iota
	cancel
	pay
	ship
	complete
	refundOpen
	refundRejected
	refundFull
	refundPartial
)

// journeys gives every order state (and every after-sales outcome) at
// least once per shopper round.
var journeys = []journey{complete, ship, pay, stayPending, cancel, refundFull, refundOpen, refundRejected, refundPartial, complete, pay}

func loadOrders(ctx context.Context, s Services, shoppers []demoShopper, skus []int64, sum *Summary) error {
	n := 0
	for i, sh := range shoppers {
		for j := 0; j < 3; j++ {
			jr := journeys[(i*3+j)%len(journeys)]
			items := []order.ItemInput{{SKUID: skus[(n*7)%len(skus)], Quantity: int64(1 + n%2)}}
			if n%3 == 0 {
				items = append(items, order.ItemInput{SKUID: skus[(n*7+3)%len(skus)], Quantity: 2})
			}
			n++
			o, err := s.Orders.Place(ctx, order.PlaceInput{ShopperID: sh.id, AddressID: sh.addressID, Items: items, Remark: "演示订单"})
			if err != nil {
				return fmt.Errorf("demo order: %w", err)
			}
			final, err := travel(ctx, s, sh.id, o, jr)
			if err != nil {
				return fmt.Errorf("demo order %s (%d): %w", o.OrderNo, jr, err)
			}
			sum.Orders[final]++
		}
	}
	return nil
}

// travel moves one order along its journey through the real services and
// returns the state it ends in.
func travel(ctx context.Context, s Services, shopperID int64, o *order.Order, jr journey) (order.Status, error) {
	switch jr {
	case stayPending:
		return o.Status, nil
	case cancel:
		c, err := s.Orders.CancelByShopper(ctx, shopperID, o.ID)
		if err != nil {
			return "", err
		}
		return c.Status, nil
	}
	started, err := s.Payments.Pay(ctx, shopperID, o.ID, "sandbox")
	if err != nil {
		return "", err
	}
	if _, err := s.Payments.SandboxConfirm(ctx, shopperID, started.Payment.OutTradeNo); err != nil {
		return "", err
	}
	switch jr {
	case pay:
		return order.StatusPaid, nil
	case refundOpen, refundRejected, refundFull, refundPartial:
		return refund(ctx, s, shopperID, o.ID, jr)
	}
	shipped, err := s.Orders.Ship(ctx, demoActor, o.ID, "顺丰速运", fmt.Sprintf("SF%012d", o.ID*7919))
	if err != nil || jr == ship {
		return orderStatus(shipped), err
	}
	done, err := s.Orders.ConfirmReceipt(ctx, shopperID, o.ID)
	return orderStatus(done), err
}

func refund(ctx context.Context, s Services, shopperID, orderID int64, jr journey) (order.Status, error) {
	d, err := s.Orders.ShopperDetail(ctx, shopperID, orderID)
	if err != nil {
		return "", err
	}
	var lines []order.RefundLineInput
	for i, l := range d.Lines {
		if jr == refundPartial && i > 0 {
			break
		}
		qty := l.Quantity
		if jr == refundPartial && qty > 1 {
			qty = 1
		}
		lines = append(lines, order.RefundLineInput{OrderLineID: l.ID, Quantity: qty})
	}
	r, err := s.Orders.RequestRefund(ctx, shopperID, orderID, order.RefundInput{Lines: lines, Reason: "演示：商品与描述不符"})
	if err != nil {
		return "", err
	}
	switch jr {
	case refundRejected:
		_, err = s.Orders.RejectRefund(ctx, demoActor, r.ID, "演示：商品完好，不符合退款条件")
	case refundFull, refundPartial:
		_, err = s.Orders.ApproveRefund(ctx, demoActor, r.ID)
	}
	if err != nil {
		return "", err
	}
	after, err := s.Orders.ShopperOrder(ctx, shopperID, orderID)
	return orderStatus(after), err
}

func orderStatus(o *order.Order) order.Status {
	if o == nil {
		return ""
	}
	return o.Status
}

func sortedStrings(s []string) []string {
	sort.Strings(s)
	return s
}
