package notify_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/testkit"
)

func note(shopperID int64, dedupe string) notify.Notification {
	n := notify.Notification{RecipientShopperID: shopperID, Kind: notify.KindNewOrder, Title: "新订单",
		Body: "你的客户下了一单", Data: map[string]any{"order_id": 7, "estimated_commission": 1234}}
	if dedupe != "" {
		n.DedupeKey = &dedupe
	}
	return n
}

func count(t *testing.T, a *testkit.App, table string) int64 {
	t.Helper()
	var n int64
	if err := a.DB.Gorm.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestNotifyRidesTheCallersTransaction(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		sh := a.NewShopper(t, "13800138000")
		svc := notify.NewService(a.DB.Gorm, a.Jobs, notify.WithChannel(notify.NewWebhookChannel("http://127.0.0.1:1/hook", "s")))
		boom := errors.New("business change failed")
		err := a.DB.Gorm.Transaction(func(tx *gorm.DB) error {
			if err := svc.Notify(context.Background(), tx, note(sh, "order:1")); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if n, j := count(t, a, "notifications"), count(t, a, "river_job"); n != 0 || j != 0 {
			t.Fatalf("rolled back: %d notifications, %d jobs; want none", n, j)
		}
		err = a.DB.Gorm.Transaction(func(tx *gorm.DB) error { return svc.Notify(context.Background(), tx, note(sh, "order:1")) })
		if err != nil {
			t.Fatal(err)
		}
		if n, j := count(t, a, "notifications"), count(t, a, "river_job"); n != 1 || j != 1 {
			t.Fatalf("committed: %d notifications, %d jobs; want 1 and 1", n, j)
		}
		res, err := svc.List(context.Background(), sh, notify.ListFilter{}, pageReq())
		if err != nil || len(res.Items) != 1 {
			t.Fatalf("list: %+v %v", res, err)
		}
		got := res.Items[0]
		if got.Kind != notify.KindNewOrder || fmt.Sprint(got.Data["estimated_commission"]) != "1234" || got.ReadAt != nil {
			t.Fatalf("stored %+v", got)
		}
	})
}

func TestDuplicateDedupeKeyIsANoOpInsideTheSameTransaction(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		sh := a.NewShopper(t, "13800138001")
		svc := a.App.Notify
		err := a.DB.Gorm.Transaction(func(tx *gorm.DB) error {
			for _, key := range []string{"k1", "k1", "k2", ""} {
				if err := svc.Notify(context.Background(), tx, note(sh, key)); err != nil {
					return err
				}
			}
			// On PostgreSQL a failed statement would poison the transaction;
			// this write proves the duplicate did not.
			return tx.Exec("UPDATE shoppers SET nickname = ? WHERE id = ?", "still-fine", sh).Error
		})
		if err != nil {
			t.Fatal(err)
		}
		a.NotifyShopper(t, sh, notify.KindNewOrder, "again", "k2")
		if n := count(t, a, "notifications"); n != 3 {
			t.Fatalf("%d notifications, want 3 (k1, k2, one without key)", n)
		}
		if n, _ := svc.UnreadCount(context.Background(), sh); n != 3 {
			t.Fatalf("unread %d", n)
		}
	})
}

func TestNotifyRefusesBadInput(t *testing.T) {
	t.Parallel()
	a := testkit.NewApp(t, testkit.FreshDatabaseURL(t, "sqlite"))
	sh := a.NewShopper(t, "13800138002")
	long := make([]byte, 200)
	for i := range long {
		long[i] = 'x'
	}
	tests := []struct {
		name  string
		edit  func(*notify.Notification)
		field string
	}{
		{"no recipient", func(n *notify.Notification) { n.RecipientShopperID = 0 }, "recipient_shopper_id"},
		{"unknown kind", func(n *notify.Notification) { n.Kind = "party" }, "kind"},
		{"empty title", func(n *notify.Notification) { n.Title = "" }, "title"},
		{"long title", func(n *notify.Notification) { n.Title = string(long) }, "title"},
		{"phone in data", func(n *notify.Notification) { n.Data["buyer_phone"] = "13800138000" }, "data.buyer_phone"},
		{"openid in data", func(n *notify.Notification) { n.Data["openid"] = "o-123" }, "data.openid"},
		{"empty dedupe", func(n *notify.Notification) { e := ""; n.DedupeKey = &e }, "dedupe_key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := note(sh, "")
			tt.edit(&n)
			err := a.DB.Gorm.Transaction(func(tx *gorm.DB) error { return a.App.Notify.Notify(context.Background(), tx, n) })
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.CodeInvalid || e.Fields[tt.field] == "" {
				t.Fatalf("err %v, want invalid on %s", err, tt.field)
			}
		})
	}
	if n := count(t, a, "notifications"); n != 0 {
		t.Fatalf("%d stored", n)
	}
}

func TestInboxReadAndReadAllStayWithinTheRecipient(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		ctx := context.Background()
		alice, bob := a.NewShopper(t, "13800138003"), a.NewShopper(t, "13800138004")
		var ids []int64
		for i := 0; i < 3; i++ {
			ids = append(ids, a.NotifyShopper(t, alice, notify.KindNewCustomer, "a"+strconv.Itoa(i), ""))
		}
		bobs := a.NotifyShopper(t, bob, notify.KindClawback, "b", "")
		svc := a.App.Notify
		if _, err := svc.MarkRead(ctx, bob, ids[0]); !apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("bob marking alice's: %v", err)
		}
		n, err := svc.MarkRead(ctx, alice, ids[1])
		if err != nil || n.ReadAt == nil || n.ID != ids[1] {
			t.Fatalf("mark read: %+v %v", n, err)
		}
		if again, err := svc.MarkRead(ctx, alice, ids[1]); err != nil || !again.ReadAt.Equal(*n.ReadAt) {
			t.Fatalf("second mark read must keep the first read time: %+v %v", again, err)
		}
		unread, _ := svc.List(ctx, alice, notify.ListFilter{UnreadOnly: true}, pageReq())
		if unread.Total != 2 || unread.Items[0].ID != ids[2] || unread.Items[1].ID != ids[0] {
			t.Fatalf("unread newest first: %+v", unread)
		}
		if marked, err := svc.MarkAllRead(ctx, alice); err != nil || marked != 2 {
			t.Fatalf("read all: %d %v", marked, err)
		}
		if c, _ := svc.UnreadCount(ctx, alice); c != 0 {
			t.Fatalf("alice unread %d", c)
		}
		if c, _ := svc.UnreadCount(ctx, bob); c != 1 {
			t.Fatalf("bob's notification %d touched: unread %d", bobs, c)
		}
	})
}

func TestNewOrderBuilderCarriesTheEstimatedCommissionOnce(t *testing.T) {
	t.Parallel()
	a := testkit.NewApp(t, testkit.FreshDatabaseURL(t, "sqlite"))
	sh := a.NewShopper(t, "13800138020")
	for i := 0; i < 2; i++ {
		err := a.DB.Gorm.Transaction(func(tx *gorm.DB) error {
			return a.App.Notify.Notify(context.Background(), tx, notify.NewOrder(sh, 55, "FX2026", 1, 1999))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	res, _ := a.App.Notify.List(context.Background(), sh, notify.ListFilter{}, pageReq())
	if res.Total != 1 || fmt.Sprint(res.Items[0].Data["estimated_commission"]) != "1999" || res.Items[0].Body != "订单 FX2026 预计为你带来佣金 ¥19.99" {
		t.Fatalf("%+v", res)
	}
}
