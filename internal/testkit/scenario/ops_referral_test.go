package scenario

import (
	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/ledger"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
)

// opNewShopper: a shopper signs up, usually through someone's link.
func (w *world) opNewShopper() {
	s := w.newShopper()
	w.count("created")
	if d, ok := pick(w, w.dists, nil); ok && w.rng.IntN(3) != 0 {
		w.bindVia(s, d)
	}
}

// opBind: a shopper visits a distributor's link.
func (w *world) opBind() {
	s, ok1 := pick(w, w.shoppers, nil)
	d, ok2 := pick(w, w.dists, nil)
	if !ok1 || !ok2 {
		w.count("nobody yet")
		return
	}
	w.bindVia(s, d)
}

// opBindSelfOrCycle: a distributor visits its own link or one of its
// descendants'; both must be refused, or nobody could tell the tiers.
func (w *world) opBindSelfOrCycle() {
	d, ok := pick(w, w.dists, nil)
	if !ok {
		w.count("nobody yet")
		return
	}
	target := d
	if desc := w.descendants(d); len(desc) > 0 && w.rng.IntN(4) != 0 {
		target = desc[w.rng.IntN(len(desc))]
	}
	if res := w.bindVia(d.shopper, target); res.Bound {
		w.fatalf("distributor %d bound to its own descendant %d", d.id, target.id)
	}
}

func (w *world) descendants(d *dist) []*dist {
	var out []*dist
	for _, x := range w.dists {
		if x != d && x.hasAncestor(d) {
			out = append(out, x)
		}
	}
	return out
}

// bindVia binds s through d's invite code and checks the result against
// the rule book.
func (w *world) bindVia(s *shopper, d *dist) referral.BindResult {
	want := w.expectBind(s, d)
	res, err := w.a.Referral.Bind(ctx, s.id, d.code, referral.SourceLink)
	w.must(err, "bind shopper %d via distributor %d", s.id, d.id)
	if res != want {
		w.fatalf("bind shopper %d via distributor %d (bound to %s, locked %v, mode %s): got %+v, want %+v",
			s.id, d.id, idOf(s.boundTo), s.locked, w.binding.Mode, res, want)
	}
	if res.Bound {
		s.boundTo = d
	}
	w.count("bind " + res.Reason)
	w.addReplay(replay{name: "visit", deliver: func() error { w.bindVia(s, d); return nil }})
	return res
}

// opMakeDistributor: an admin designates a shopper.
func (w *world) opMakeDistributor() {
	s, ok := pick(w, w.shoppers, func(s *shopper) bool { return s.dist == nil })
	if !ok {
		s = w.newShopper()
	}
	w.designate(s)
}

// designate makes s a distributor under the active distributor it is bound
// to, with a payout account.
func (w *world) designate(s *shopper) *dist {
	var wantParent *dist
	if s.boundTo.active() {
		wantParent = s.boundTo
	}
	det, err := w.a.Referral.Designate(ctx, w.admin, s.id)
	w.must(err, "designate shopper %d", s.id)
	d := &dist{id: det.ID, shopper: s, code: det.InviteCode, parent: w.dist(det.ParentID), status: det.Status}
	if d.parent != wantParent || d.status != referral.StatusActive {
		w.fatalf("designated shopper %d: parent %s status %s, want parent %s, active", s.id, idOf(d.parent), d.status, idOf(wantParent))
	}
	s.dist = d
	w.dists = append(w.dists, d)
	w.distByID[d.id] = d
	acct, err := w.a.Withdrawals.AddAccount(ctx, s.id, withdrawal.AccountInput{Kind: withdrawal.KindAlipay, Account: "13800138000", RealName: "张三"})
	w.must(err, "add payout account of distributor %d", d.id)
	d.account = acct.ID
	w.count("designated")
	w.touchDist(d)
	w.addReplay(replay{name: "designation", want: refused(apperr.CodeConflict, "already_distributor"), parallel: true,
		deliver: func() error { _, err := w.a.Referral.Designate(ctx, w.admin, s.id); return err }})
	return d
}

// opFreezeOrRestore: an admin freezes an active distributor or restores a
// frozen one; now and then the wrong one, which must be refused.
func (w *world) opFreezeOrRestore() {
	d, ok := pick(w, w.dists, nil)
	if !ok {
		w.count("nobody yet")
		return
	}
	wrong := w.rng.IntN(8) == 0
	freeze := d.active() != wrong
	var err error
	if freeze {
		_, err = w.a.Referral.Freeze(ctx, w.admin, d.id, "scenario")
	} else {
		_, err = w.a.Referral.Restore(ctx, w.admin, d.id, "scenario")
	}
	if wrong {
		w.expect(err, refused(apperr.CodeConflict, "wrong_status"), "freeze %v distributor %d (%s)", freeze, d.id, d.status)
		return
	}
	w.expect(err, success, "freeze %v distributor %d (%s)", freeze, d.id, d.status)
	d.status = referral.StatusActive
	if freeze {
		d.status = referral.StatusFrozen
	}
	w.touchDist(d)
}

// opChangeSettings: the merchant changes one set of rules mid-run.
func (w *world) opChangeSettings() {
	switch w.rng.IntN(3) {
	case 0:
		w.saveCommissionSettings()
	case 1:
		w.saveReferralSettings()
	default:
		w.saveWithdrawalSettings()
	}
	w.count("saved")
}

// saveCommissionSettings: random global rates, self-purchase and caps;
// the after-sales window is always 0 so completed orders settle at once.
func (w *world) saveCommissionSettings() {
	s := commission.Settings{Tier1RateBP: money.BP(w.rng.IntN(3001)), Tier2RateBP: money.BP(w.rng.IntN(2001)),
		SelfPurchase: w.rng.IntN(2) == 0}
	if w.rng.IntN(5) == 0 {
		s.CapOrdersPerBuyerDay = 1 + w.rng.IntN(3)
	}
	if w.rng.IntN(8) == 0 {
		s.CapOrdersPerBuyerMonth = 2 + w.rng.IntN(5)
	}
	_, err := w.a.Commissions.SaveSettings(ctx, w.admin, s)
	w.must(err, "save commission settings")
	w.comm = s
	w.inherit[1][int64(s.Tier1RateBP)] = true
	w.inherit[2][int64(s.Tier2RateBP)] = true
}

func (w *world) saveReferralSettings() {
	modes := []referral.BindMode{referral.BindFirstTouch, referral.BindLastTouch, referral.BindLastTouch, referral.BindAfterDays}
	s := referral.AllSettings{Program: referral.ProgramSettings{JoinMode: referral.JoinDesignated},
		Binding: referral.BindingSettings{Mode: modes[w.rng.IntN(len(modes))], Days: 30, LockOnFirstPaid: w.rng.IntN(2) == 0}}
	_, err := w.a.Referral.SaveSettings(ctx, w.admin, s)
	w.must(err, "save referral settings")
	w.binding = s.Binding
}

// saveWithdrawalSettings: any amount from 1 fen, limits out of the way,
// a random fee.
func (w *world) saveWithdrawalSettings() {
	fees := []money.BP{0, 0, 50, 600}
	s := withdrawal.Settings{MinAmount: 1, DailyMaxAmount: ledger.MaxAmount, DailyMaxCount: 1000, FeeBP: fees[w.rng.IntN(len(fees))]}
	_, err := w.a.Withdrawals.SaveSettings(ctx, w.admin, s)
	w.must(err, "save withdrawal settings")
	w.fee = s.FeeBP
}
