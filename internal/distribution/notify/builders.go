package notify

import (
	"fmt"

	"fenxiao/internal/platform/money"
)

// NewOrder builds the notification a distributor gets when a customer they
// brought places an order. tier is 1 (own customer) or 2 (a team member's);
// the dedupe key makes a repeated call for the same order and tier a no-op.
func NewOrder(recipientShopperID, orderID int64, orderNo string, tier int, estimated money.Fen) Notification {
	key := fmt.Sprintf("new_order:%d:tier%d:%d", orderID, tier, recipientShopperID)
	return Notification{
		RecipientShopperID: recipientShopperID,
		Kind:               KindNewOrder,
		Title:              "新订单",
		Body:               fmt.Sprintf("订单 %s 预计为你带来佣金 ¥%s", orderNo, estimated.Yuan()),
		Data: map[string]any{"order_id": orderID, "order_no": orderNo, "tier": tier,
			"estimated_commission": int64(estimated)},
		DedupeKey: &key,
	}
}
