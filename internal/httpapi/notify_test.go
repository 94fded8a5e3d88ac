package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/testkit"
)

type notifyPage struct {
	Items []notify.Notification `json:"items"`
	Total int64                 `json:"total"`
}

func unreadCount(t *testing.T, c *testkit.Client) int64 {
	t.Helper()
	var r struct {
		Unread int64 `json:"unread"`
	}
	c.Do("GET", "/api/shop/notifications/unread-count", nil).Expect(http.StatusOK).JSON(&r)
	return r.Unread
}

func TestShopNotificationsInbox(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		alice, bob := a.NewShopper(t, "13800138010"), a.NewShopper(t, "13800138011")
		var ids []int64
		for i := 0; i < 3; i++ {
			ids = append(ids, a.NotifyShopper(t, alice, notify.KindNewOrder, fmt.Sprintf("order %d", i), ""))
		}
		bobsID := a.NotifyShopper(t, bob, notify.KindClawback, "bob's", "")
		ca, cb := a.SessionClient(session.KindShop, alice), a.SessionClient(session.KindShop, bob)

		var p notifyPage
		ca.Do("GET", "/api/shop/notifications", nil).Expect(http.StatusOK).JSON(&p)
		if p.Total != 3 || p.Items[0].ID != ids[2] || p.Items[2].ID != ids[0] || p.Items[0].Data["order_id"] != float64(42) {
			t.Fatalf("alice's inbox newest first: %+v", p)
		}
		if unreadCount(t, ca) != 3 || unreadCount(t, cb) != 1 {
			t.Fatal("unread counts")
		}
		// Another shopper's notification looks exactly like a missing one.
		cb.Do("POST", fmt.Sprintf("/api/shop/notifications/%d/read", ids[0]), nil).Expect(http.StatusNotFound)
		ca.Do("POST", fmt.Sprintf("/api/shop/notifications/%d/read", bobsID), nil).Expect(http.StatusNotFound)
		ca.Do("POST", "/api/shop/notifications/999999/read", nil).Expect(http.StatusNotFound)
		ca.Do("POST", "/api/shop/notifications/abc/read", nil).Expect(http.StatusNotFound)

		var n notify.Notification
		ca.Do("POST", fmt.Sprintf("/api/shop/notifications/%d/read", ids[1]), nil).Expect(http.StatusOK).JSON(&n)
		if n.ID != ids[1] || n.ReadAt == nil {
			t.Fatalf("read: %+v", n)
		}
		ca.Do("GET", "/api/shop/notifications?unread=true", nil).Expect(http.StatusOK).JSON(&p)
		if p.Total != 2 || p.Items[0].ID != ids[2] || p.Items[1].ID != ids[0] {
			t.Fatalf("unread only: %+v", p)
		}
		ca.Do("GET", "/api/shop/notifications?unread=maybe", nil).Expect(http.StatusBadRequest)
		ca.Do("GET", "/api/shop/notifications?page=2&page_size=2", nil).Expect(http.StatusOK).JSON(&p)
		if p.Total != 3 || len(p.Items) != 1 || p.Items[0].ID != ids[0] {
			t.Fatalf("page 2: %+v", p)
		}

		var all struct {
			Marked int64 `json:"marked"`
		}
		ca.Do("POST", "/api/shop/notifications/read-all", nil).Expect(http.StatusOK).JSON(&all)
		if all.Marked != 2 || unreadCount(t, ca) != 0 || unreadCount(t, cb) != 1 {
			t.Fatalf("read-all marked %d; bob must keep his unread", all.Marked)
		}
		cb.Do("GET", "/api/shop/notifications", nil).Expect(http.StatusOK).JSON(&p)
		if p.Total != 1 || p.Items[0].ID != bobsID || p.Items[0].ReadAt != nil {
			t.Fatalf("bob's inbox: %+v", p)
		}
	})
}

func TestShopNotificationsNeedLoginAndCSRF(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		sh := a.NewShopper(t, "13800138012")
		id := a.NotifyShopper(t, sh, notify.KindNewTeamMember, "hi", "")
		anon := a.Client()
		anon.Do("GET", "/api/shop/notifications", nil).Expect(http.StatusUnauthorized)
		anon.Do("GET", "/api/shop/notifications/unread-count", nil).Expect(http.StatusUnauthorized)
		c := a.SessionClient(session.KindShop, sh)
		c.CSRF = ""
		for _, path := range []string{fmt.Sprintf("/api/shop/notifications/%d/read", id), "/api/shop/notifications/read-all"} {
			if r := c.Do("POST", path, nil).Expect(http.StatusForbidden); r.ErrorCode() != "forbidden" {
				t.Fatalf("%s without CSRF: %s", path, r.Body)
			}
		}
		if unreadCount(t, c) != 1 {
			t.Fatal("a refused request must not mark anything read")
		}
	})
}

func TestShopLeaderboardTop(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		now := time.Now()
		err := a.DB.Gorm.Transaction(func(tx *gorm.DB) error {
			for i, ev := range []leaderboard.Event{
				{DistributorID: 3, Metric: leaderboard.MetricSales, Amount: 500, At: now, Key: "a"},
				{DistributorID: 1, Metric: leaderboard.MetricSales, Amount: 900, At: now, Key: "b"},
				{DistributorID: 2, Metric: leaderboard.MetricSales, Amount: 500, At: now, Key: "c"},
				{DistributorID: 2, Metric: leaderboard.MetricCommission, Amount: 50, At: now, Key: "d"},
			} {
				if err := a.Leaderboard.Record(testkit.Ctx(), tx, ev); err != nil {
					return fmt.Errorf("event %d: %w", i, err)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		c := a.SessionClient(session.KindShop, a.NewShopper(t, "13800138013"))
		var r struct {
			Metric string              `json:"metric"`
			Period string              `json:"period"`
			Items  []leaderboard.Entry `json:"items"`
		}
		c.Do("GET", "/api/shop/leaderboard?metric=sales&period=today&limit=2", nil).Expect(http.StatusOK).JSON(&r)
		want := []leaderboard.Entry{{Rank: 1, DistributorID: 1, Value: 900}, {Rank: 2, DistributorID: 2, Value: 500}}
		if r.Metric != "sales" || r.Period != "today" || len(r.Items) != 2 || r.Items[0] != want[0] || r.Items[1] != want[1] {
			t.Fatalf("top: %+v", r)
		}
		c.Do("GET", "/api/shop/leaderboard", nil).Expect(http.StatusOK).JSON(&r)
		if r.Metric != "sales" || r.Period != "month" || len(r.Items) != 3 {
			t.Fatalf("defaults: %+v", r)
		}
		c.Do("GET", "/api/shop/leaderboard?metric=likes", nil).Expect(http.StatusBadRequest)
		c.Do("GET", "/api/shop/leaderboard?period=year", nil).Expect(http.StatusBadRequest)
		c.Do("GET", "/api/shop/leaderboard?limit=x", nil).Expect(http.StatusBadRequest)
		a.Client().Do("GET", "/api/shop/leaderboard", nil).Expect(http.StatusUnauthorized)
	})
}
