package scenario

import (
	"fmt"
	"slices"
	"time"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/testkit"
)

// op is one kind of random step.
type op struct {
	name   string
	weight int
	run    func(*world)
}

// ops are the steps and how often they are drawn.
var ops = []op{
	{"new shopper", 5, (*world).opNewShopper},
	{"bind", 7, (*world).opBind},
	{"bind self or cycle", 2, (*world).opBindSelfOrCycle},
	{"make distributor", 4, (*world).opMakeDistributor},
	{"freeze or restore", 2, (*world).opFreezeOrRestore},
	{"change settings", 1, (*world).opChangeSettings},
	{"place order", 14, (*world).opPlaceOrder},
	{"cancel order", 2, (*world).opCancelOrder},
	{"pay", 11, (*world).opPay},
	{"pay concurrently", 3, (*world).opPayConcurrently},
	{"pay many orders at once", 2, (*world).opPayManyOrders},
	{"ship and complete", 10, (*world).opShipAndComplete},
	{"settle", 5, (*world).opSettle},
	{"request refund", 6, (*world).opRequestRefund},
	{"review refund", 4, (*world).opReviewRefund},
	{"withdraw", 5, (*world).opWithdraw},
	{"withdraw concurrently", 3, (*world).opWithdrawConcurrently},
	{"review withdrawal", 6, (*world).opReviewWithdrawal},
	{"review race", 2, (*world).opReviewRace},
	{"clawback race", 3, (*world).opClawbackRace},
	{"duplicate delivery", 6, (*world).opReplay},
}

// outcome is what a call must return: success (the zero value) or a
// refusal with an error code and one of some reasons (any when none).
type outcome struct {
	code    apperr.Code
	reasons []string
}

var success = outcome{}

func refused(code apperr.Code, reasons ...string) outcome {
	return outcome{code: code, reasons: reasons}
}

func (o outcome) matches(err error) bool {
	if o.code == "" {
		return err == nil
	}
	e, ok := apperr.As(err)
	return ok && e.Code == o.code && (len(o.reasons) == 0 || slices.Contains(o.reasons, e.Reason))
}

func (o outcome) String() string {
	if o.code == "" {
		return "success"
	}
	return fmt.Sprintf("%s %v", o.code, o.reasons)
}

// expect fails the step unless err is the wanted outcome, counts it and
// reports whether the call succeeded.
func (w *world) expect(err error, want outcome, what string, args ...any) bool {
	w.t.Helper()
	if !want.matches(err) {
		w.fatalf("%s: got %v, want %s", fmt.Sprintf(what, args...), err, want)
	}
	w.count(label(err))
	return err == nil
}

// label names an outcome in the summary.
func label(err error) string {
	if e, ok := apperr.As(err); ok {
		return string(e.Code) + " " + e.Reason
	}
	if err != nil {
		return "error"
	}
	return "ok"
}

// concurrently runs the calls at once (a single one in this goroutine) and
// returns their errors in order. Calls that do not all return within a
// minute fail the step: a deadlock.
func (w *world) concurrently(fns ...func() error) []error {
	if len(fns) == 1 {
		return []error{fns[0]()}
	}
	var errs []error
	done := make(chan struct{})
	go func() {
		errs = testkit.AtOnce(fns...)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		w.fatalf("%d concurrent calls did not return within a minute (deadlock?)", len(fns))
	}
	return errs
}

// replay is a finished event that may be delivered again: a provider's
// payment notice, a job run, an admin's or shopper's repeated click.
type replay struct {
	name     string
	deliver  func() error
	want     outcome
	parallel bool   // may arrive twice at the same time
	after    func() // re-read what a delivery may change
}

func (w *world) addReplay(r replay) {
	if len(w.replays) < 512 {
		w.replays = append(w.replays, r)
		return
	}
	w.replays[w.rng.IntN(len(w.replays))] = r
}

// opReplay delivers an already-done event again, sometimes twice at once.
// Duplicates must be no-ops (or refused) and move no money.
func (w *world) opReplay() {
	r, ok := pick(w, w.replays, nil)
	if !ok {
		w.count("nothing to repeat")
		return
	}
	fns := []func() error{r.deliver}
	if r.parallel && w.rng.IntN(3) == 0 {
		fns = append(fns, r.deliver)
	}
	for _, err := range w.concurrently(fns...) {
		w.expect(err, r.want, "duplicate %s", r.name)
	}
	if r.after != nil {
		r.after()
	}
}
