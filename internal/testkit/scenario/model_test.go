package scenario

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// world is the scenario's view of the shop: what it created and what it
// expects, next to the real app. Ops keep it in step with what the
// services answered; the invariants only trust the database.
type world struct {
	t       *testing.T
	a       *testkit.App
	rng     *rand.Rand
	seed    uint64
	dialect string
	step    int
	op      string

	admin    audit.Actor
	password string

	shoppers    []*shopper
	dists       []*dist
	distByID    map[int64]*dist
	skus        []*sku
	skuByID     map[int64]*sku
	orders      []*orderRef
	orderByID   map[int64]*orderRef
	withdrawals []*wd
	replays     []replay

	comm    commission.Settings
	binding referral.BindingSettings
	fee     money.BP
	// inherit[tier] holds every global rate that was in force, the only
	// rates an inherit record may carry (there are no levels here).
	inherit [3]map[int64]bool

	touched   scope
	marks     marks
	checkTime time.Duration
	opTime    map[string]time.Duration
	stats     map[string]int
}

type shopper struct {
	id, address int64
	dist        *dist // its own distributor account
	boundTo     *dist
	locked      bool
}

type dist struct {
	id      int64
	shopper *shopper
	code    string
	parent  *dist
	status  referral.Status
	account int64 // payout account
	// withdrawal requests made on day (Asia/Shanghai), for the daily limit
	day      string
	requests int
}

type sku struct {
	id           int64
	price        money.Fen
	mode         catalog.CommissionMode
	tier1, tier2 int64
}

type orderRef struct {
	id           int64
	buyer        *shopper
	pay          money.Fen
	status       order.Status
	tier1, tier2 *dist
	expires      time.Time
	provider     string // of the payment that paid it
	txn          string
	openRefund   int64
}

type wd struct {
	id     int64
	d      *dist
	amount money.Fen
	status withdrawal.Status
}

func newWorld(t *testing.T, a *testkit.App, seed uint64) *world {
	w := &world{t: t, a: a, rng: newRand(seed), seed: seed, dialect: a.DB.Gorm.Dialector.Name(),
		distByID: map[int64]*dist{}, orderByID: map[int64]*orderRef{}, skuByID: map[int64]*sku{},
		opTime: map[string]time.Duration{}, stats: map[string]int{}}
	w.inherit[1], w.inherit[2] = map[int64]bool{}, map[int64]bool{}
	id, username, password := a.NewAdmin(t, adminauth.RoleSuper)
	w.admin = audit.Actor{ID: id, Username: username, Role: string(adminauth.RoleSuper)}
	w.password = password
	return w
}

// skuMix covers every commission mode with ordinary and edge settings:
// zero, 100%, tiers adding up to more than the paid amount, fixed amounts
// above the price.
var skuMix = []struct {
	mode         catalog.CommissionMode
	tier1, tier2 int64
}{
	{catalog.CommissionInherit, 0, 0}, {catalog.CommissionInherit, 0, 0}, {catalog.CommissionInherit, 0, 0},
	{catalog.CommissionRate, 1000, 500}, {catalog.CommissionRate, 333, 77}, {catalog.CommissionRate, 0, 0},
	{catalog.CommissionRate, 10000, 0}, {catalog.CommissionRate, 6000, 6000},
	{catalog.CommissionFixed, 100, 50}, {catalog.CommissionFixed, 5000, 5000}, {catalog.CommissionFixed, 1, 0},
}

var prices = []money.Fen{1, 3, 7, 99, 100, 999, 1999, 12345, 50000, 99999}

// setup saves random rules and creates the products and a first few
// distributors and shoppers.
func (w *world) setup() {
	w.op = "setup"
	w.saveCommissionSettings()
	w.saveReferralSettings()
	w.saveWithdrawalSettings()
	for _, m := range skuMix {
		w.newSKU(m.mode, m.tier1, m.tier2, prices[w.rng.IntN(len(prices))])
	}
	for range 3 {
		w.designate(w.newShopper())
	}
	for range 6 {
		w.newShopper()
	}
}

func (w *world) newSKU(mode catalog.CommissionMode, tier1, tier2 int64, price money.Fen) {
	p, skus := w.a.OrderProduct(w.t, fmt.Sprintf("scenario-%d", len(w.skus)), testkit.OrderSKU{Price: price, Stock: 1_000_000_000})
	err := w.a.DB.Gorm.Model(&catalog.Product{}).Where("id = ?", p.ID).
		Updates(map[string]any{"commission_mode": mode, "commission_tier1": tier1, "commission_tier2": tier2}).Error
	w.must(err, "set product commission")
	s := &sku{id: skus[0].ID, price: price, mode: mode, tier1: tier1, tier2: tier2}
	w.skus = append(w.skus, s)
	w.skuByID[s.id] = s
}

func (w *world) newShopper() *shopper {
	id, addr := w.a.OrderShopper(w.t)
	s := &shopper{id: id, address: addr}
	w.shoppers = append(w.shoppers, s)
	return s
}

// expectBind is the binding rule book: the result Bind must return for s
// visiting d's link.
func (w *world) expectBind(s *shopper, d *dist) referral.BindResult {
	switch {
	case d.status != referral.StatusActive:
		return referral.BindResult{Reason: "distributor_inactive"}
	case d.shopper == s:
		return referral.BindResult{Reason: "self"}
	case s.dist != nil && d.hasAncestor(s.dist):
		return referral.BindResult{Reason: "cycle"}
	case s.boundTo == nil:
		return referral.BindResult{Bound: true, Reason: "bound"}
	case s.boundTo == d:
		return referral.BindResult{Reason: "already_bound"}
	case s.locked:
		return referral.BindResult{Reason: "locked"}
	}
	switch w.binding.Mode {
	case referral.BindLastTouch:
		return referral.BindResult{Bound: true, Reason: "rebound"}
	case referral.BindAfterDays: // the scenario never lasts the window
		return referral.BindResult{Reason: "rebind_too_soon"}
	}
	return referral.BindResult{Reason: "already_bound"}
}

// hasAncestor reports whether a is d or in d's parent chain.
func (d *dist) hasAncestor(a *dist) bool {
	for cur := d; cur != nil; cur = cur.parent {
		if cur == a {
			return true
		}
	}
	return false
}

func (d *dist) active() bool { return d != nil && d.status == referral.StatusActive }

// expectAttribution names who must earn on an order s places now: with
// self-purchase an active distributor is its own tier 1, otherwise the
// active distributor s is bound to; tier 2 is that one's active parent,
// also when tier 1 itself is frozen (nobody moves up).
func (w *world) expectAttribution(s *shopper) (tier1, tier2 *dist) {
	if w.comm.SelfPurchase && s.dist.active() {
		if s.dist.parent.active() {
			tier2 = s.dist.parent
		}
		return s.dist, tier2
	}
	b := s.boundTo
	if b == nil {
		return nil, nil
	}
	if b.active() && b.shopper != s {
		tier1 = b
	}
	if p := b.parent; p.active() && p.shopper != s {
		tier2 = p
	}
	return tier1, tier2
}

// pick returns a random element of xs for which ok holds (nil ok: any),
// preferring the most recent 64; false when none was found.
func pick[T any](w *world, xs []T, ok func(T) bool) (T, bool) {
	var zero T
	n := len(xs)
	if n == 0 {
		return zero, false
	}
	for range 16 {
		i := w.rng.IntN(n)
		if n > 64 && w.rng.IntN(4) != 0 {
			i = n - 1 - w.rng.IntN(64)
		}
		if ok == nil || ok(xs[i]) {
			return xs[i], true
		}
	}
	// Rare states: scan the recent ones from a random point.
	span := min(n, 256)
	off := w.rng.IntN(span)
	for k := range span {
		i := n - 1 - (off+k)%span
		if ok(xs[i]) {
			return xs[i], true
		}
	}
	return zero, false
}

func (w *world) dist(id *int64) *dist {
	if id == nil {
		return nil
	}
	d, ok := w.distByID[*id]
	if !ok {
		w.fatalf("distributor %d is unknown to the scenario", *id)
	}
	return d
}

func idOf(d *dist) string {
	if d == nil {
		return "none"
	}
	return fmt.Sprint(d.id)
}
