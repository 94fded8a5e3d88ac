package notify

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/page"
)

// insertNotifications inserts ns (data[i] is ns[i]'s JSON) and returns
// the ids of those that were new.
func insertNotifications(ctx context.Context, tx *gorm.DB, ns []Notification, data []string, now time.Time) ([]int64, error) {
	args := make([]any, 0, 7*len(ns))
	for i, n := range ns {
		args = append(args, n.RecipientShopperID, string(n.Kind), n.Title, n.Body, data[i], n.DedupeKey, now)
	}
	var ids []int64
	err := tx.WithContext(ctx).Raw(`INSERT INTO notifications
		(recipient_shopper_id, kind, title, body, data_json, dedupe_key, created_at)
		VALUES `+database.Tuples(len(ns), 7)+` ON CONFLICT DO NOTHING RETURNING id`, args...).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("insert notifications: %w", err)
	}
	return ids, nil
}

func inbox(db *gorm.DB, shopperID int64, f ListFilter) *gorm.DB {
	q := db.Model(&Notification{}).Where("recipient_shopper_id = ?", shopperID)
	if f.UnreadOnly {
		q = q.Where("read_at IS NULL")
	}
	return q
}

func listNotifications(db *gorm.DB, shopperID int64, f ListFilter, req page.Request) ([]Notification, int64, error) {
	var total int64
	if err := inbox(db, shopperID, f).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count notifications: %w", err)
	}
	var items []Notification
	err := inbox(db, shopperID, f).Order("id DESC").Offset(req.Offset()).Limit(req.Limit()).Find(&items).Error
	if err != nil {
		return nil, 0, fmt.Errorf("list notifications: %w", err)
	}
	for i := range items {
		items[i].decodeData()
	}
	return items, total, nil
}

func countUnread(db *gorm.DB, shopperID int64) (int64, error) {
	var n int64
	if err := inbox(db, shopperID, ListFilter{UnreadOnly: true}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count unread notifications: %w", err)
	}
	return n, nil
}

func markRead(tx *gorm.DB, shopperID, id int64, now time.Time) error {
	err := tx.Model(&Notification{}).Where("id = ? AND recipient_shopper_id = ? AND read_at IS NULL", id, shopperID).
		Update("read_at", now).Error
	if err != nil {
		return fmt.Errorf("mark notification read: %w", err)
	}
	return nil
}

func markAllRead(db *gorm.DB, shopperID int64, now time.Time) (int64, error) {
	res := db.Model(&Notification{}).Where("recipient_shopper_id = ? AND read_at IS NULL", shopperID).Update("read_at", now)
	if res.Error != nil {
		return 0, fmt.Errorf("mark all notifications read: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// loadOwned loads a notification only if shopperID is its recipient, so
// another shopper's id looks exactly like a missing one.
func loadOwned(db *gorm.DB, shopperID, id int64) (Notification, error) {
	return loadWhere(db.Where("id = ? AND recipient_shopper_id = ?", id, shopperID))
}

// loadNotification loads any notification (for delivery); not_found when gone.
func loadNotification(db *gorm.DB, id int64) (Notification, error) {
	return loadWhere(db.Where("id = ?", id))
}

// loadWhere loads the notification q selects with its data decoded;
// not_found when there is none.
func loadWhere(q *gorm.DB) (Notification, error) {
	n, err := database.Take[Notification](q, apperr.NotFound("no such notification"), "load notification")
	if err != nil {
		return Notification{}, err
	}
	n.decodeData()
	return *n, nil
}
