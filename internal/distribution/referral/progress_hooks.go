package referral

import (
	"context"

	"gorm.io/gorm"

	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/order"
)

// SalesProgress feeds order payments and refunds into the tier-1
// distributor's attributed sales (order.Lifecycle), in the order change's
// transaction.
type SalesProgress struct{ S *Service }

// OnPaid implements order.Lifecycle.
func (p SalesProgress) OnPaid(ctx context.Context, tx *gorm.DB, paid []order.Paid) error {
	amounts := map[int64]money.Fen{}
	for _, pd := range paid {
		if o := pd.Order; o.DistributorID != nil {
			amounts[*o.DistributorID] += o.PayAmount
		}
	}
	return p.S.AddSalesOf(ctx, tx, amounts)
}

// OnCompleted implements order.Lifecycle.
func (SalesProgress) OnCompleted(context.Context, *gorm.DB, *order.Order) error { return nil }

// OnRefund implements order.Lifecycle.
func (p SalesProgress) OnRefund(ctx context.Context, tx *gorm.DB, o *order.Order, r *order.RefundRequest) error {
	if o.DistributorID == nil {
		return nil
	}
	return p.S.AddSales(ctx, tx, *o.DistributorID, -r.Amount)
}
