package referral_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/testkit"
)

func notes(t *testing.T, a *testkit.App, shopperID int64, kind notify.Kind) []notify.Notification {
	t.Helper()
	var out []notify.Notification
	if err := a.DB.Gorm.Where("recipient_shopper_id = ? AND kind = ?", shopperID, kind).Order("id").Find(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func expectNotes(t *testing.T, a *testkit.App, shopperID int64, kind notify.Kind, want int) []notify.Notification {
	t.Helper()
	got := notes(t, a, shopperID, kind)
	if len(got) != want {
		t.Fatalf("shopper %d has %d %s notifications, want %d: %+v", shopperID, len(got), kind, want, got)
	}
	return got
}

func newCustomers(t *testing.T, a *testkit.App, distributorID int64) int64 {
	t.Helper()
	e, ok, err := a.Leaderboard.Rank(testkit.Ctx(), leaderboard.MetricNewCustomers, leaderboard.PeriodAll, distributorID)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		return 0
	}
	return e.Value
}

func expectCustomers(t *testing.T, a *testkit.App, want map[int64]int64) {
	t.Helper()
	for id, n := range want {
		if got := newCustomers(t, a, id); got != n {
			t.Errorf("distributor %d new_customers = %d, want %d", id, got, n)
		}
	}
}

// Binds, re-binds, last-touch ping-pong and an admin re-bind: each new
// distributor of a buyer is told once and counts the buyer once; moving
// away never decrements (the metric counts customers brought in).
func TestBindingEvents(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		setBinding(t, a, referral.BindingSettings{Mode: referral.BindLastTouch})
		d1, d2, d3 := a.NewDistributor(t, phone()), a.NewDistributor(t, phone()), a.NewDistributor(t, phone())
		buyerPhone := phone()
		buyer := a.NewShopper(t, buyerPhone)

		if r := a.BindVia(t, buyer, d1.InviteCode); r.Reason != "bound" {
			t.Fatalf("first bind: %+v", r)
		}
		n := expectNotes(t, a, d1.ShopperID, notify.KindNewCustomer, 1)
		if want := nickname(t, a, buyer); !strings.Contains(n[0].Body, want) {
			t.Errorf("new customer body %q does not show the nickname %q", n[0].Body, want)
		}
		expectCustomers(t, a, map[int64]int64{d1.ID: 1, d2.ID: 0})

		if r := a.BindVia(t, buyer, d2.InviteCode); r.Reason != "rebound" {
			t.Fatalf("last touch: %+v", r)
		}
		expectNotes(t, a, d2.ShopperID, notify.KindNewCustomer, 1)
		expectCustomers(t, a, map[int64]int64{d1.ID: 1, d2.ID: 1})

		// Ping-pong back to d1: d1 already counted this buyer.
		if r := a.BindVia(t, buyer, d1.InviteCode); r.Reason != "rebound" {
			t.Fatalf("back to d1: %+v", r)
		}
		expectNotes(t, a, d1.ShopperID, notify.KindNewCustomer, 1)
		expectCustomers(t, a, map[int64]int64{d1.ID: 1, d2.ID: 1})

		if _, err := a.Referral.AdminRebind(testkit.Ctx(), admin, buyer, d3.ID, "moved by support"); err != nil {
			t.Fatal(err)
		}
		expectNotes(t, a, d3.ShopperID, notify.KindNewCustomer, 1)
		expectCustomers(t, a, map[int64]int64{d1.ID: 1, d2.ID: 1, d3.ID: 1})

		// A refused bind (first touch) and a refused admin re-bind emit nothing.
		setBinding(t, a, referral.BindingSettings{Mode: referral.BindFirstTouch})
		if r := a.BindVia(t, buyer, d2.InviteCode); r.Bound {
			t.Fatalf("first touch must refuse: %+v", r)
		}
		if _, err := a.Referral.AdminRebind(testkit.Ctx(), admin, buyer, d3.ID, "again"); err == nil {
			t.Fatal("admin re-bind to the same distributor must fail")
		}
		expectNotes(t, a, d2.ShopperID, notify.KindNewCustomer, 1)
		expectNotes(t, a, d3.ShopperID, notify.KindNewCustomer, 1)
		expectCustomers(t, a, map[int64]int64{d1.ID: 1, d2.ID: 1, d3.ID: 1})

		// A second buyer whose nickname holds a phone number.
		other := a.NewShopper(t, phone())
		if err := a.DB.Gorm.Table("shoppers").Where("id = ?", other).Update("nickname", "小王13912345678").Error; err != nil {
			t.Fatal(err)
		}
		a.BindVia(t, other, d1.InviteCode)
		n = expectNotes(t, a, d1.ShopperID, notify.KindNewCustomer, 2)
		if want := "小王" + member.MaskPhone("13912345678"); !strings.Contains(n[1].Body, want) {
			t.Errorf("body %q should show %q", n[1].Body, want)
		}
		expectCustomers(t, a, map[int64]int64{d1.ID: 2})
		noFullPhones(t, a, "13912345678", buyerPhone)
	})
}

// Approval, rejection, designation and the parent's team notification.
func TestApplicationEvents(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		setBinding(t, a, referral.BindingSettings{Mode: referral.BindFirstTouch})
		parentPhone := phone()
		parent := a.NewDistributor(t, parentPhone) // designated: approved too
		expectNotes(t, a, parent.ShopperID, notify.KindApplicationApproved, 1)
		expectNotes(t, a, parent.ShopperID, notify.KindNewTeamMember, 0)

		applicantPhone := phone()
		applicant := a.NewShopper(t, applicantPhone)
		a.BindVia(t, applicant, parent.InviteCode)
		res, err := a.Referral.Apply(testkit.Ctx(), applicant, referral.ApplyInput{Name: "小李", Phone: applicantPhone})
		if err != nil {
			t.Fatal(err)
		}
		expectNotes(t, a, applicant, notify.KindApplicationApproved, 0) // pending: nothing yet
		if _, err := a.Referral.Approve(testkit.Ctx(), admin, res.Application.ID); err != nil {
			t.Fatal(err)
		}
		expectNotes(t, a, applicant, notify.KindApplicationApproved, 1)
		team := expectNotes(t, a, parent.ShopperID, notify.KindNewTeamMember, 1)
		if want := nickname(t, a, applicant); !strings.Contains(team[0].Body, want) {
			t.Errorf("team body %q does not show the nickname %q", team[0].Body, want)
		}
		// A second approval of the same application fails and adds nothing.
		if _, err := a.Referral.Approve(testkit.Ctx(), admin, res.Application.ID); err == nil {
			t.Fatal("approving twice must fail")
		}
		expectNotes(t, a, applicant, notify.KindApplicationApproved, 1)
		expectNotes(t, a, parent.ShopperID, notify.KindNewTeamMember, 1)

		rejectedPhone := phone()
		rejected := a.NewShopper(t, rejectedPhone)
		res, err = a.Referral.Apply(testkit.Ctx(), rejected, referral.ApplyInput{Name: "小张", Phone: rejectedPhone})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Referral.Reject(testkit.Ctx(), admin, res.Application.ID, "资料不完整"); err != nil {
			t.Fatal(err)
		}
		n := expectNotes(t, a, rejected, notify.KindApplicationRejected, 1)
		if !strings.Contains(n[0].Body, "资料不完整") {
			t.Errorf("rejection body %q lacks the reason", n[0].Body)
		}
		expectNotes(t, a, rejected, notify.KindApplicationApproved, 0)
		noFullPhones(t, a, parentPhone, applicantPhone, rejectedPhone)
	})
}

type failingNotifier struct{}

func (failingNotifier) Notify(context.Context, *gorm.DB, ...notify.Notification) error {
	return errors.New("notifier down")
}

// A failing event rolls the whole change back (binding, history, counter),
// and a service without events still binds.
func TestEventsShareTheTransaction(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		d := a.NewDistributor(t, phone())
		buyer := a.NewShopper(t, phone())

		failing := referral.NewService(a.DB.Gorm, a.Catalog, a.Members, failingNotifier{}, a.Leaderboard)
		if _, err := failing.Bind(testkit.Ctx(), buyer, d.InviteCode, referral.SourceLink); err == nil {
			t.Fatal("bind must fail when its notification fails")
		}
		if got := boundTo(t, a, buyer); got != 0 {
			t.Fatalf("binding survived the rollback: bound to %d", got)
		}
		if h := history(t, a, buyer); len(h) != 0 {
			t.Fatalf("history survived the rollback: %+v", h)
		}
		expectCustomers(t, a, map[int64]int64{d.ID: 0})

		plain := referral.NewService(a.DB.Gorm, a.Catalog, a.Members, nil, nil) // no events
		if r, err := plain.Bind(testkit.Ctx(), buyer, d.InviteCode, referral.SourceLink); err != nil || !r.Bound {
			t.Fatalf("bind without events: %+v %v", r, err)
		}
		expectNotes(t, a, d.ShopperID, notify.KindNewCustomer, 0)
		expectCustomers(t, a, map[int64]int64{d.ID: 0})
	})
}

func nickname(t *testing.T, a *testkit.App, shopperID int64) string {
	t.Helper()
	var name string
	if err := a.DB.Gorm.Table("shoppers").Where("id = ?", shopperID).Select("nickname").Scan(&name).Error; err != nil || name == "" {
		t.Fatalf("nickname of %d: %q %v", shopperID, name, err)
	}
	return name
}

// noFullPhones fails if any phone appears in any notification.
func noFullPhones(t *testing.T, a *testkit.App, phones ...string) {
	t.Helper()
	var all []notify.Notification
	if err := a.DB.Gorm.Find(&all).Error; err != nil {
		t.Fatal(err)
	}
	for _, n := range all {
		for _, p := range phones {
			if strings.Contains(n.Title+n.Body+n.DataJSON, p) {
				t.Errorf("notification %d (%s) shows full phone %s: %q %q %s", n.ID, n.Kind, p, n.Title, n.Body, n.DataJSON)
			}
		}
	}
}
