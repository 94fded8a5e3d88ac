package testkit

import (
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/notify"
)

// NotifyShopper stores a notification for shopperID through the app's notify
// service in its own transaction and returns its id. An empty dedupe means
// no dedupe key.
func (a *App) NotifyShopper(t testing.TB, shopperID int64, kind notify.Kind, title, dedupe string) int64 {
	t.Helper()
	n := notify.Notification{RecipientShopperID: shopperID, Kind: kind, Title: title, Body: "body of " + title,
		Data: map[string]any{"order_id": 42}}
	if dedupe != "" {
		n.DedupeKey = &dedupe
	}
	err := a.DB.Gorm.Transaction(func(tx *gorm.DB) error { return a.App.Notify.Notify(Ctx(), tx, n) })
	if err != nil {
		t.Fatalf("notify: %v", err)
	}
	var id int64
	if err := a.DB.Gorm.Model(&notify.Notification{}).Where("recipient_shopper_id = ?", shopperID).
		Select("MAX(id)").Scan(&id).Error; err != nil {
		t.Fatalf("find notification: %v", err)
	}
	return id
}
