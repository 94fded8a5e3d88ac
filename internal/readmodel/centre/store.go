package centre

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
)

// Read-only store functions; each takes the *gorm.DB it runs on and is
// scoped by the caller's distributor id.

type meRow struct {
	ID         int64
	Status     string
	PaidOrders int64 // kept by the commission domain at payment
}

// myDistributor is the caller's active or frozen distributor account.
// Errors: forbidden (not_a_distributor).
func myDistributor(db *gorm.DB, shopperID int64) (meRow, error) {
	var r meRow
	err := db.Table("distributors").Select("id, status, paid_orders").
		Where("shopper_id = ? AND status IN ?", shopperID, []string{"active", "frozen"}).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, apperr.Forbidden("only distributors can do this").WithReason("not_a_distributor")
	}
	if err != nil {
		return r, fmt.Errorf("load distributor of shopper %d: %w", shopperID, err)
	}
	return r, nil
}

func count(db *gorm.DB, table, where string, args ...any) (int64, error) {
	var n int64
	if err := db.Table(table).Where(where, args...).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count %s: %w", table, err)
	}
	return n, nil
}

type commissionRow struct {
	ID             int64
	OrderID        int64
	OrderNo        string
	LineTitle      string
	Tier           int
	BaseAmount     int64
	Amount         int64
	ReversedAmount int64
	Status         string
	Reason         string
	UnlockAt       *time.Time
	CreatedAt      time.Time
	SettledAt      *time.Time
	OrderStatus    string
	BuyerID        int64
	BuyerNickname  *string
	BuyerPhone     *string
}

func commissionQuery(db *gorm.DB, distributorID int64, status string) *gorm.DB {
	q := db.Table("commission_records r").
		Joins("JOIN orders o ON o.id = r.order_id").
		Joins("JOIN order_lines l ON l.id = r.order_line_id").
		Joins("LEFT JOIN shoppers s ON s.id = r.buyer_shopper_id").
		Where("r.distributor_id = ?", distributorID)
	if status != "" {
		q = q.Where("r.status = ?", status)
	}
	return q
}

func listCommissions(db *gorm.DB, distributorID int64, status string, offset, limit int) ([]commissionRow, int64, error) {
	var total int64
	if err := commissionQuery(db, distributorID, status).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count commissions: %w", err)
	}
	var rows []commissionRow
	err := commissionQuery(db, distributorID, status).
		Select("r.id, r.order_id, o.order_no, l.title AS line_title, r.tier, r.base_amount, r.amount, r.reversed_amount, " +
			"r.status, r.reason, r.unlock_at, r.created_at, r.settled_at, o.status AS order_status, " +
			"r.buyer_shopper_id AS buyer_id, s.nickname AS buyer_nickname, s.phone AS buyer_phone").
		Order("r.id DESC").Offset(offset).Limit(limit).Scan(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list commissions: %w", err)
	}
	return rows, total, nil
}

type orderRow struct {
	ID             int64
	OrderNo        string
	Status         string
	PayAmount      int64
	RefundedAmount int64
	CreatedAt      time.Time
	PaidAt         *time.Time
	BuyerID        int64
	BuyerNickname  *string
	BuyerPhone     *string
}

// paidOrders is the tier-1 attribution: orders.distributor_id, paid ones.
const paidOrders = "distributor_id = ? AND paid_at IS NOT NULL"

func listOrders(db *gorm.DB, distributorID int64, offset, limit int) ([]orderRow, int64, error) {
	total, err := count(db, "orders", paidOrders, distributorID)
	if err != nil {
		return nil, 0, err
	}
	var rows []orderRow
	err = db.Table("orders o").Joins("LEFT JOIN shoppers s ON s.id = o.shopper_id").
		Where("o.distributor_id = ? AND o.paid_at IS NOT NULL", distributorID).
		Select("o.id, o.order_no, o.status, o.pay_amount, o.refunded_amount, o.created_at, o.paid_at, " +
			"o.shopper_id AS buyer_id, s.nickname AS buyer_nickname, s.phone AS buyer_phone").
		Order("o.id DESC").Offset(offset).Limit(limit).Scan(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list orders: %w", err)
	}
	return rows, total, nil
}

type customerRow struct {
	ShopperID   int64
	Nickname    *string
	AvatarURL   *string
	Phone       *string
	Source      string
	BoundAt     time.Time
	OrderCount  int64
	OrderAmount int64
}

func listCustomers(db *gorm.DB, distributorID int64, offset, limit int) ([]customerRow, int64, error) {
	total, err := count(db, "bindings", "distributor_id = ?", distributorID)
	if err != nil {
		return nil, 0, err
	}
	stats := db.Table("orders").Select("shopper_id, COUNT(*) AS n, SUM(pay_amount) AS amount").
		Where(paidOrders, distributorID).Group("shopper_id")
	var rows []customerRow
	err = db.Table("bindings b").Joins("LEFT JOIN shoppers s ON s.id = b.shopper_id").
		Joins("LEFT JOIN (?) st ON st.shopper_id = b.shopper_id", stats).
		Where("b.distributor_id = ?", distributorID).
		Select("b.shopper_id, s.nickname, s.avatar_url, s.phone, b.source, b.bound_at, " +
			"COALESCE(st.n, 0) AS order_count, COALESCE(st.amount, 0) AS order_amount").
		Order("b.bound_at DESC, b.shopper_id DESC").Offset(offset).Limit(limit).Scan(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list customers: %w", err)
	}
	return rows, total, nil
}

type teamRow struct {
	DistributorID int64
	Nickname      *string
	AvatarURL     *string
	Phone         *string
	Status        string
	JoinedAt      time.Time
	Contributed   int64
}

func listTeam(db *gorm.DB, distributorID int64, offset, limit int) ([]teamRow, int64, error) {
	total, err := count(db, "distributors", "parent_id = ?", distributorID)
	if err != nil {
		return nil, 0, err
	}
	contrib := db.Table("commission_records r").Joins("JOIN orders o ON o.id = r.order_id").
		Select("o.distributor_id AS member_id, SUM(r.amount - r.reversed_amount) AS amount").
		Where("r.distributor_id = ? AND r.tier = 2", distributorID).Group("o.distributor_id")
	var rows []teamRow
	err = db.Table("distributors d").Joins("LEFT JOIN shoppers s ON s.id = d.shopper_id").
		Joins("LEFT JOIN (?) c ON c.member_id = d.id", contrib).
		Where("d.parent_id = ?", distributorID).
		Select("d.id AS distributor_id, s.nickname, s.avatar_url, s.phone, d.status, d.joined_at, " +
			"COALESCE(c.amount, 0) AS contributed").
		Order("d.joined_at DESC, d.id DESC").Offset(offset).Limit(limit).Scan(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list team: %w", err)
	}
	return rows, total, nil
}

type cardRow struct {
	ID        int64
	Nickname  *string
	AvatarURL *string
}

// cards loads nickname and avatar (never phones) of distributors.
func cards(db *gorm.DB, ids []int64) (map[int64]cardRow, error) {
	out := map[int64]cardRow{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []cardRow
	err := db.Table("distributors d").Joins("LEFT JOIN shoppers s ON s.id = d.shopper_id").
		Where("d.id IN ?", ids).Select("d.id, s.nickname, s.avatar_url").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("load distributor cards: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}
