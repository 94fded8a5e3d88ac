package order

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/page"
	"fenxiao/internal/shop/member"
)

// Summary is an order in a list, with its lines for thumbnails. Admin lists
// add the receiver's name and masked phone.
type Summary struct {
	Order
	Lines         []Line `json:"lines"`
	Receiver      string `json:"receiver,omitempty"`
	ReceiverPhone string `json:"receiver_phone,omitempty"`
}

// Detail is one order with everything about it.
type Detail struct {
	Order
	Address Address         `json:"address"`
	Lines   []Line          `json:"lines"`
	Events  []Event         `json:"events"`
	Refunds []RefundRequest `json:"refunds"`
}

// AdminFilter narrows the admin order list. Zero values mean "any".
type AdminFilter struct {
	Status        Status    `form:"status"`
	OrderNo       string    `form:"order_no"`
	ShopperID     int64     `form:"shopper_id"`
	DistributorID int64     `form:"distributor_id"`
	From          time.Time `form:"from" time_format:"2006-01-02T15:04:05Z07:00"`
	To            time.Time `form:"to" time_format:"2006-01-02T15:04:05Z07:00"`
}

func checkStatus(st Status) error {
	if st != "" && !st.Valid() {
		return apperr.InvalidField("status", fmt.Sprintf("must be one of %v", Statuses))
	}
	return nil
}

// ListForShopper lists the shopper's orders, newest first, optionally of
// one status (the tabs of "my orders"). Errors: invalid (unknown status).
func (s *Service) ListForShopper(ctx context.Context, shopperID int64, st Status, p page.Request) (page.Result[Summary], error) {
	if err := checkStatus(st); err != nil {
		return page.Result[Summary]{}, err
	}
	q := s.db.WithContext(ctx).Model(&Order{}).Where("shopper_id = ?", shopperID)
	if st != "" {
		q = q.Where("status = ?", st)
	}
	return s.listSummaries(ctx, q, p, false)
}

// List is the admin order search. Errors: invalid (unknown status).
func (s *Service) List(ctx context.Context, f AdminFilter, p page.Request) (page.Result[Summary], error) {
	if err := checkStatus(f.Status); err != nil {
		return page.Result[Summary]{}, err
	}
	q := s.db.WithContext(ctx).Model(&Order{})
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.OrderNo != "" {
		q = q.Where("order_no = ?", f.OrderNo)
	}
	if f.ShopperID != 0 {
		q = q.Where("shopper_id = ?", f.ShopperID)
	}
	if f.DistributorID != 0 {
		q = q.Where("distributor_id = ?", f.DistributorID)
	}
	if !f.From.IsZero() {
		q = q.Where("created_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("created_at < ?", f.To.UTC())
	}
	return s.listSummaries(ctx, q, p, true)
}

func (s *Service) listSummaries(ctx context.Context, q *gorm.DB, p page.Request, withReceiver bool) (page.Result[Summary], error) {
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return page.Result[Summary]{}, fmt.Errorf("count orders: %w", err)
	}
	var orders []Order
	if err := q.Order("id DESC").Offset(p.Offset()).Limit(p.Limit()).Find(&orders).Error; err != nil {
		return page.Result[Summary]{}, fmt.Errorf("list orders: %w", err)
	}
	ids := make([]int64, len(orders))
	for i, o := range orders {
		ids[i] = o.ID
	}
	lines, err := linesOf(ctx, s.db, ids...)
	if err != nil {
		return page.Result[Summary]{}, err
	}
	items := make([]Summary, len(orders))
	for i, o := range orders {
		items[i] = Summary{Order: o, Lines: []Line{}}
		for _, l := range lines {
			if l.OrderID == o.ID {
				items[i].Lines = append(items[i].Lines, l)
			}
		}
		if withReceiver {
			a := o.Address()
			items[i].Receiver, items[i].ReceiverPhone = a.Name, member.MaskPhone(a.Phone)
		}
	}
	return page.NewResult(p, items, total), nil
}

// ShopperDetail returns one of the shopper's orders in full.
// Errors: not_found (also someone else's order).
func (s *Service) ShopperDetail(ctx context.Context, shopperID, orderID int64) (*Detail, error) {
	o, err := loadShopperOrder(ctx, s.db, shopperID, orderID)
	if err != nil {
		return nil, err
	}
	return s.detail(ctx, o)
}

// AdminDetail returns any order in full. Errors: not_found.
func (s *Service) AdminDetail(ctx context.Context, orderID int64) (*Detail, error) {
	o, err := loadOrder(ctx, s.db, orderID)
	if err != nil {
		return nil, err
	}
	return s.detail(ctx, o)
}

// ShopperOrder returns one of the shopper's orders (for payment).
// Errors: not_found (also someone else's order).
func (s *Service) ShopperOrder(ctx context.Context, shopperID, orderID int64) (*Order, error) {
	return loadShopperOrder(ctx, s.db, shopperID, orderID)
}

func (s *Service) detail(ctx context.Context, o *Order) (*Detail, error) {
	d := &Detail{Order: *o, Address: o.Address()}
	var err error
	if d.Lines, err = linesOf(ctx, s.db, o.ID); err != nil {
		return nil, err
	}
	if d.Events, err = eventsOf(ctx, s.db, o.ID); err != nil {
		return nil, err
	}
	if d.Refunds, err = refundsOf(ctx, s.db, o.ID); err != nil {
		return nil, err
	}
	if d.Refunds == nil {
		d.Refunds = []RefundRequest{}
	}
	return d, nil
}

// ListRefunds lists refund requests, newest first, optionally of one
// status. Errors: invalid (unknown status).
func (s *Service) ListRefunds(ctx context.Context, st RefundStatus, p page.Request) (page.Result[RefundRequest], error) {
	switch st {
	case "", RefundPending, RefundProcessing, RefundRefunded, RefundRejected, RefundFailed:
	default:
		return page.Result[RefundRequest]{}, apperr.InvalidField("status", "must be pending, processing, refunded, rejected or failed")
	}
	q := s.db.WithContext(ctx).Model(&RefundRequest{})
	if st != "" {
		q = q.Where("status = ?", st)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return page.Result[RefundRequest]{}, fmt.Errorf("count refunds: %w", err)
	}
	var rs []RefundRequest
	if err := q.Order("id DESC").Offset(p.Offset()).Limit(p.Limit()).Find(&rs).Error; err != nil {
		return page.Result[RefundRequest]{}, fmt.Errorf("list refunds: %w", err)
	}
	if err := attachRefundLines(ctx, s.db, rs); err != nil {
		return page.Result[RefundRequest]{}, err
	}
	if err := attachOrderNos(ctx, s.db, rs); err != nil {
		return page.Result[RefundRequest]{}, err
	}
	return page.NewResult(p, rs, total), nil
}

func attachOrderNos(ctx context.Context, db *gorm.DB, rs []RefundRequest) error {
	if len(rs) == 0 {
		return nil
	}
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.OrderID
	}
	var orders []Order
	if err := db.WithContext(ctx).Select("id", "order_no").Where("id IN ?", ids).Find(&orders).Error; err != nil {
		return fmt.Errorf("load order numbers: %w", err)
	}
	for i := range rs {
		for _, o := range orders {
			if o.ID == rs[i].OrderID {
				rs[i].OrderNo = o.OrderNo
			}
		}
	}
	return nil
}

// CountByStatus counts orders per status (for metrics).
func (s *Service) CountByStatus(ctx context.Context) (map[string]int64, error) {
	return database.CountGrouped(s.db.WithContext(ctx).Model(&Order{}), "status", Statuses, "count orders by status")
}

// Address decodes the order's address snapshot.
func (o Order) Address() Address {
	var a Address
	json.Unmarshal([]byte(o.AddressJSON), &a)
	return a
}
