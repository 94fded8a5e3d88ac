package referral_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/testkit"
)

var phoneSeq atomic.Int64

func phone() string { return fmt.Sprintf("139%08d", phoneSeq.Add(1)) }

// setBinding sets the binding rules (and joining by review).
func setBinding(t *testing.T, a *testkit.App, b referral.BindingSettings) {
	t.Helper()
	a.SetReferralSettings(t, referral.AllSettings{Program: referral.ProgramSettings{JoinMode: referral.JoinReview}, Binding: b})
}

// distributorUnder binds a new shopper to parent and makes it a
// distributor, so its parent is parent.
func distributorUnder(t *testing.T, a *testkit.App, parent *referral.AdminDetail) *referral.AdminDetail {
	t.Helper()
	shopper := a.NewShopper(t, phone())
	a.BindVia(t, shopper, parent.InviteCode)
	return a.MakeDistributor(t, shopper)
}

var admin = audit.Actor{ID: 1, Username: "tester", Role: "super"}

func history(t *testing.T, a *testkit.App, shopperID int64) []referral.HistoryEntry {
	t.Helper()
	var h []referral.HistoryEntry
	if err := a.DB.Gorm.Where("shopper_id = ?", shopperID).Order("id").Find(&h).Error; err != nil {
		t.Fatal(err)
	}
	return h
}

func boundTo(t *testing.T, a *testkit.App, shopperID int64) int64 {
	t.Helper()
	b, err := a.Referral.BindingOf(testkit.Ctx(), shopperID)
	if err != nil {
		t.Fatal(err)
	}
	if b == nil {
		return 0
	}
	return b.DistributorID
}

// Every mode, walked through a first binding, a second visit from another
// distributor and (where it matters) time passing or a paid order.
func TestBindingModes(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		cases := []struct {
			name     string
			cfg      referral.BindingSettings
			purchase bool // a purchase 5 days after binding
			paid     bool // LockOnPaid after the first binding
			advance  time.Duration
			want     string // reason of the second visit
		}{
			{"first touch is permanent", referral.BindingSettings{Mode: referral.BindFirstTouch}, false, false, 400 * 24 * time.Hour, "already_bound"},
			{"rebind too soon", referral.BindingSettings{Mode: referral.BindAfterDays, Days: 10}, false, false, 9 * 24 * time.Hour, "rebind_too_soon"},
			{"rebind after N days", referral.BindingSettings{Mode: referral.BindAfterDays, Days: 10}, false, false, 10 * 24 * time.Hour, "rebound"},
			{"purchase restarts the window", referral.BindingSettings{Mode: referral.BindAfterDays, Days: 10}, true, false, 12 * 24 * time.Hour, "rebind_too_soon"},
			{"window counts from last purchase", referral.BindingSettings{Mode: referral.BindAfterDays, Days: 10}, true, false, 15 * 24 * time.Hour, "rebound"},
			{"last touch rebinds", referral.BindingSettings{Mode: referral.BindLastTouch}, false, false, time.Minute, "rebound"},
			{"lock on first paid", referral.BindingSettings{Mode: referral.BindLastTouch, LockOnFirstPaid: true}, false, true, time.Minute, "locked"},
			{"lock setting off: paid does not lock", referral.BindingSettings{Mode: referral.BindLastTouch}, false, true, time.Minute, "rebound"},
		}
		a := testkit.NewApp(t, dbURL)
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				now := start
				a.Referral.SetClock(func() time.Time { return now })
				setBinding(t, a, tc.cfg)
				d1, d2 := a.NewDistributor(t, phone()), a.NewDistributor(t, phone())
				buyer := a.NewShopper(t, phone())
				if r := a.BindVia(t, buyer, d1.InviteCode); !r.Bound || r.Reason != "bound" {
					t.Fatalf("first visit: %+v", r)
				}
				if r := a.BindVia(t, buyer, d1.InviteCode); r.Bound || r.Reason != "already_bound" {
					t.Fatalf("same distributor again: %+v", r)
				}
				err := a.DB.Gorm.Transaction(func(tx *gorm.DB) error {
					if tc.purchase {
						if err := a.Referral.MarkPurchase(testkit.Ctx(), tx, []int64{buyer}, start.Add(5*24*time.Hour)); err != nil {
							return err
						}
					}
					if tc.paid {
						return a.Referral.LockOnPaid(testkit.Ctx(), tx, []int64{buyer})
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				now = start.Add(tc.advance)
				r := a.BindVia(t, buyer, d2.InviteCode)
				if r.Reason != tc.want || r.Bound != (tc.want == "rebound") {
					t.Fatalf("second visit: %+v, want %s", r, tc.want)
				}
				wantD, wantRows := d1.ID, 1
				if r.Bound {
					wantD, wantRows = d2.ID, 2
				}
				if got := boundTo(t, a, buyer); got != wantD {
					t.Fatalf("bound to %d, want %d", got, wantD)
				}
				h := history(t, a, buyer)
				if len(h) != wantRows || *h[0].NewDistributorID != d1.ID || h[0].PreviousDistributorID != nil {
					t.Fatalf("history %+v", h)
				}
				if r.Bound && (*h[1].PreviousDistributorID != d1.ID || *h[1].NewDistributorID != d2.ID) {
					t.Fatalf("rebind history %+v", h[1])
				}
			})
		}
	})
}

func TestBindingRules(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		setBinding(t, a, referral.BindingSettings{Mode: referral.BindLastTouch})
		// top <- mid <- low: mid joined while bound to top, low while bound to mid.
		top := a.NewDistributor(t, phone())
		mid := distributorUnder(t, a, top)
		low := distributorUnder(t, a, mid)
		if mid.ParentID == nil || *mid.ParentID != top.ID || low.ParentID == nil || *low.ParentID != mid.ID {
			t.Fatalf("parents: mid %v low %v", mid.ParentID, low.ParentID)
		}
		frozen := a.NewDistributor(t, phone())
		if _, err := a.Referral.Freeze(testkit.Ctx(), admin, frozen.ID, "test"); err != nil {
			t.Fatal(err)
		}
		removed := a.NewDistributor(t, phone())
		if _, err := a.Referral.Remove(testkit.Ctx(), admin, removed.ID); err != nil {
			t.Fatal(err)
		}
		buyer := a.NewShopper(t, phone())
		cases := []struct {
			name    string
			shopper int64
			code    string
			want    string
		}{
			{"self", top.ShopperID, top.InviteCode, "self"},
			{"cycle: parent to child", top.ShopperID, mid.InviteCode, "cycle"},
			{"cycle: grandparent to grandchild", top.ShopperID, low.InviteCode, "cycle"},
			{"frozen binds nobody", buyer, frozen.InviteCode, "distributor_inactive"},
			{"removed binds nobody", buyer, removed.InviteCode, "distributor_inactive"},
		}
		for _, tc := range cases {
			before := len(history(t, a, tc.shopper))
			bound := boundTo(t, a, tc.shopper)
			r := a.BindVia(t, tc.shopper, tc.code)
			if r.Bound || r.Reason != tc.want {
				t.Errorf("%s: %+v, want %s", tc.name, r, tc.want)
			}
			if len(history(t, a, tc.shopper)) != before || boundTo(t, a, tc.shopper) != bound {
				t.Errorf("%s: binding or history changed", tc.name)
			}
		}
		// A child may bind to its parent's chain the other way round (no cycle).
		if r := a.BindVia(t, low.ShopperID, top.InviteCode); !r.Bound {
			t.Errorf("low -> top: %+v", r)
		}
		if _, err := a.Referral.Bind(testkit.Ctx(), buyer, "NOPE999", referral.SourceLink); !isCode(err, "not_found", "unknown_invite_code") {
			t.Errorf("unknown code: %v", err)
		}
		if _, err := a.Referral.Bind(testkit.Ctx(), buyer, top.InviteCode, referral.SourceAdmin); !isCode(err, "invalid", "") {
			t.Errorf("admin source from a visit: %v", err)
		}
		// Admin re-bind: refuses self and cycles, moves a locked binding, records the actor.
		if _, err := a.Referral.AdminRebind(testkit.Ctx(), admin, top.ShopperID, low.ID, "x"); !isCode(err, "invalid", "cycle") {
			t.Errorf("admin cycle: %v", err)
		}
		if _, err := a.Referral.AdminRebind(testkit.Ctx(), admin, top.ShopperID, top.ID, "x"); !isCode(err, "invalid", "self_binding") {
			t.Errorf("admin self: %v", err)
		}
		if _, err := a.Referral.AdminRebind(testkit.Ctx(), admin, buyer, frozen.ID, "x"); !isCode(err, "conflict", "distributor_inactive") {
			t.Errorf("admin to frozen: %v", err)
		}
		a.BindVia(t, buyer, mid.InviteCode)
		a.DB.Gorm.Model(&referral.Binding{}).Where("shopper_id = ?", buyer).Update("locked", true)
		if r := a.BindVia(t, buyer, top.InviteCode); r.Reason != "locked" {
			t.Errorf("locked: %+v", r)
		}
		if _, err := a.Referral.AdminRebind(testkit.Ctx(), admin, buyer, top.ID, "customer asked"); err != nil {
			t.Fatal(err)
		}
		h := history(t, a, buyer)
		last := h[len(h)-1]
		if boundTo(t, a, buyer) != top.ID || last.ActorID == nil || *last.ActorID != admin.ID || last.Source != referral.SourceAdmin ||
			*last.PreviousDistributorID != mid.ID || last.Reason != "customer asked" {
			t.Errorf("admin rebind history %+v", last)
		}
		var audits int64
		a.DB.Gorm.Model(&audit.Entry{}).Where("action = ? AND target_id = ?", "binding.rebind", fmt.Sprint(buyer)).Count(&audits)
		if audits != 1 {
			t.Errorf("audit entries %d", audits)
		}
	})
}

// Simultaneous first visits from different distributors bind the buyer
// exactly once, with one history row, on both databases.
func TestConcurrentFirstBind(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		const n = 6
		codes := make([]string, n)
		for i := range codes {
			codes[i] = a.NewDistributor(t, phone()).InviteCode
		}
		buyer := a.NewShopper(t, phone())
		type out struct {
			r   referral.BindResult
			err error
		}
		results := make(chan out, n)
		for _, code := range codes {
			go func() {
				r, err := a.Referral.Bind(testkit.Ctx(), buyer, code, referral.SourceLink)
				results <- out{r, err}
			}()
		}
		bound := 0
		for range n {
			o := <-results
			if o.err != nil {
				t.Errorf("bind: %v", o.err)
			}
			if o.r.Bound {
				bound++
			}
		}
		if h := history(t, a, buyer); bound != 1 || len(h) != 1 || *h[0].NewDistributorID != boundTo(t, a, buyer) {
			t.Fatalf("bound %d times, history %+v", bound, h)
		}
	})
}
