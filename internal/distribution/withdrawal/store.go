package withdrawal

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
)

// Store functions take the *gorm.DB or tx they run on.

func errNoAccount() error { return apperr.NotFound("no such payout account") }

func errNoWithdrawal() error { return apperr.NotFound("no such withdrawal") }

func liveAccounts(db *gorm.DB, distributorID int64) *gorm.DB {
	return db.Model(&Account{}).Where("distributor_id = ? AND deleted_at IS NULL", distributorID)
}

// findAccount loads a live account of the distributor. Errors: not_found.
func findAccount(db *gorm.DB, distributorID, id int64) (*Account, error) {
	return database.Take[Account](liveAccounts(db, distributorID).Where("id = ?", id), errNoAccount(), "load payout account %d", id)
}

// wechatCard returns the masked WeChat display of a shopper, "" when the
// shopper has no linked WeChat. The openid itself is never read here.
func (s *Service) wechatCard(ctx context.Context, tx *gorm.DB, shopperID int64) (string, error) {
	linked, err := s.shoppers.HasWeChat(ctx, tx, shopperID)
	if err != nil || !linked {
		return "", err
	}
	sh, err := s.shoppers.Shopper(ctx, tx, shopperID)
	if err != nil {
		return "", err
	}
	return "微信零钱 " + maskNickname(sh.Nickname), nil
}

func maskNickname(name string) string {
	r := []rune(name)
	if len(r) == 0 {
		return "***"
	}
	return string(r[0]) + "***"
}

// findWithdrawal loads a withdrawal; distributorID 0 means any owner.
// Errors: not_found.
func findWithdrawal(db *gorm.DB, distributorID, id int64) (*Withdrawal, error) {
	q := db.Where("id = ?", id)
	if distributorID != 0 {
		q = q.Where("distributor_id = ?", distributorID)
	}
	w, err := database.Take[Withdrawal](q, errNoWithdrawal(), "load withdrawal %d", id)
	if err == nil {
		w.fill()
	}
	return w, err
}

func listWithdrawals(q *gorm.DB, p page.Request) (page.Result[Withdrawal], error) {
	var total int64
	if err := q.Model(&Withdrawal{}).Count(&total).Error; err != nil {
		return page.Result[Withdrawal]{}, fmt.Errorf("count withdrawals: %w", err)
	}
	items := []Withdrawal{}
	if err := q.Order("id DESC").Offset(p.Offset()).Limit(p.Limit()).Find(&items).Error; err != nil {
		return page.Result[Withdrawal]{}, fmt.Errorf("list withdrawals: %w", err)
	}
	for i := range items {
		items[i].fill()
	}
	return page.NewResult(p, items, total), nil
}

// countDaily adds one request of amount to the distributor's day, unless
// that would pass the limits; ok is false then and nothing changes. The
// conditional upsert is atomic, so concurrent requests cannot both slip
// under a limit.
func countDaily(tx *gorm.DB, distributorID int64, day string, amount money.Fen, st Settings) (ok bool, err error) {
	var got []int64
	err = tx.Raw(`INSERT INTO withdrawal_daily (distributor_id, day, req_count, req_amount) VALUES (?, ?, 1, ?)
		ON CONFLICT (distributor_id, day) DO UPDATE SET
			req_count = withdrawal_daily.req_count + 1, req_amount = withdrawal_daily.req_amount + excluded.req_amount
		WHERE withdrawal_daily.req_count + 1 <= ? AND withdrawal_daily.req_amount + excluded.req_amount <= ?
		RETURNING req_count`, distributorID, day, int64(amount), st.DailyMaxCount, int64(st.DailyMaxAmount)).Scan(&got).Error
	if err != nil {
		return false, fmt.Errorf("count daily withdrawals: %w", err)
	}
	return len(got) > 0, nil
}

// dailyUsage is what the distributor requested on day: the counters
// countDaily keeps (zero when it asked for nothing).
func dailyUsage(db *gorm.DB, distributorID int64, day string) (count int, amount money.Fen, err error) {
	var used []struct {
		ReqCount  int
		ReqAmount int64
	}
	err = db.Raw("SELECT req_count, req_amount FROM withdrawal_daily WHERE distributor_id = ? AND day = ?", distributorID, day).
		Scan(&used).Error
	if err != nil {
		return 0, 0, fmt.Errorf("read daily withdrawals: %w", err)
	}
	if len(used) == 0 {
		return 0, 0, nil
	}
	return used[0].ReqCount, money.Fen(used[0].ReqAmount), nil
}

// shanghai is UTC+8 without daylight saving; a fixed zone needs no tzdata.
var shanghai = cst.Zone

func dayOf(t time.Time) string { return t.In(shanghai).Format("2006-01-02") }

// move changes a withdrawal's status if it is still in from and has the
// guard's column values; false when another transaction changed it first.
func move(tx *gorm.DB, id int64, from Status, guard, set map[string]any) (bool, error) {
	q := tx.Model(&Withdrawal{}).Where("id = ? AND status = ?", id, from)
	if len(guard) > 0 {
		q = q.Where(guard)
	}
	res := q.Updates(set)
	if res.Error != nil {
		return false, fmt.Errorf("update withdrawal %d: %w", id, res.Error)
	}
	return res.RowsAffected == 1, nil
}
