package statement

import (
	"fmt"
	"sort"
	"time"

	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/money"
)

// window is one China Standard Time day as the instants [start, end).
type window struct {
	day        string // YYYY-MM-DD
	start, end time.Time
}

func dayWindow(day time.Time) window {
	d := day.In(cst.Zone)
	start := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, cst.Zone)
	return window{day: start.Format(time.DateOnly), start: start, end: start.AddDate(0, 0, 1)}
}

// nearMidnight is how close to the day's edges an entry of ours must be
// for the note that it may sit in the neighbouring day's bill: our time
// and the provider's can differ by the seconds a notification takes.
const nearMidnight = 10 * time.Minute

type lineKey struct {
	entry Entry
	key   string
}

func keyOf(l line) lineKey { return lineKey{l.entry, l.key} }

// billEntry is the bill's lines for one key, summed: a key listed twice
// must not hide its second line.
type billEntry struct {
	line
	n int
}

// compare fills r's counts and totals and returns the mismatches: the
// bill's entries first, then ours missing from it, each in key order.
// ours are our paid payments and succeeded refunds of the day (one per
// key); others holds our records of any state or day for bill keys that
// are not among ours.
func compare(r *Report, bill, ours []line, others map[lineKey]line, w window) []Mismatch {
	totals(r, bill, ours)
	agg := map[lineKey]*billEntry{}
	for _, l := range bill {
		if e := agg[keyOf(l)]; e != nil {
			e.amount += l.amount
			e.done = e.done && l.done
			e.n++
			continue
		}
		agg[keyOf(l)] = &billEntry{line: l, n: 1}
	}
	mine := make(map[lineKey]line, len(ours))
	for _, l := range ours {
		mine[keyOf(l)] = l
	}
	var out []Mismatch
	for _, k := range sortedKeys(agg) {
		b := agg[k]
		o, found := mine[k]
		delete(mine, k)
		var m *Mismatch
		if found {
			m = differs(o, b)
		} else {
			m = missingHere(b, others)
		}
		if m != nil {
			out = append(out, *m)
		}
	}
	for _, k := range sortedKeys(mine) {
		out = append(out, missingThere(mine[k], w))
	}
	tally(r, out)
	return out
}

func totals(r *Report, bill, ours []line) {
	for _, l := range bill {
		switch {
		case !l.done:
		case l.entry == EntryPayment:
			r.BillPaymentCount, r.BillPaymentTotal = r.BillPaymentCount+1, r.BillPaymentTotal+l.amount
		default:
			r.BillRefundCount, r.BillRefundTotal = r.BillRefundCount+1, r.BillRefundTotal+l.amount
		}
	}
	for _, l := range ours {
		if l.entry == EntryPayment {
			r.OurPaymentCount, r.OurPaymentTotal = r.OurPaymentCount+1, r.OurPaymentTotal+l.amount
		} else {
			r.OurRefundCount, r.OurRefundTotal = r.OurRefundCount+1, r.OurRefundTotal+l.amount
		}
	}
}

// differs compares an entry both sides have; nil when they agree.
func differs(o line, b *billEntry) *Mismatch {
	m := newMismatch(b.line)
	m.OurAmount, m.BillAmount, m.OurStatus, m.BillStatus = fen(o.amount), fen(b.amount), o.status, b.status
	switch {
	case o.amount != b.amount:
		m.Kind = KindAmountDiffers
		if b.n > 1 {
			m.Note = fmt.Sprintf("listed %d times in the bill", b.n)
		}
	case !b.done:
		m.Kind = KindStatusDiffers
	default:
		return nil
	}
	return &m
}

// missingHere reports a bill entry we do not count for the day, saying what
// we have under that number instead. An unfinished bill entry (a refund
// still processing) that we also know, unfinished or on another day, is no
// mismatch: neither side says money moved that day.
func missingHere(b *billEntry, others map[lineKey]line) *Mismatch {
	m := newMismatch(b.line)
	m.Kind, m.BillAmount, m.BillStatus = KindMissingHere, fen(b.amount), b.status
	o, known := others[keyOf(b.line)]
	switch {
	case known && !b.done:
		return nil
	case !known:
		m.Note = fmt.Sprintf("no such %s here", b.entry)
	case o.done:
		m.OurStatus = o.status
		m.Note = fmt.Sprintf("ours: %s %s CST, on another day", o.status, o.at.In(cst.Zone).Format(time.DateTime))
	default:
		m.OurStatus = o.status
		m.Note = "ours: " + o.status
	}
	return &m
}

func missingThere(o line, w window) Mismatch {
	m := newMismatch(o)
	m.Kind, m.OurAmount, m.OurStatus = KindMissingThere, fen(o.amount), o.status
	if o.at.Sub(w.start) < nearMidnight || w.end.Sub(o.at) <= nearMidnight {
		m.Note = fmt.Sprintf("%s at %s CST, close to midnight: it may be in the neighbouring day's bill",
			o.status, o.at.In(cst.Zone).Format(time.TimeOnly))
	}
	return m
}

func newMismatch(l line) Mismatch {
	m := Mismatch{Entry: l.entry, OutTradeNo: l.outTradeNo, ProviderRef: l.ref}
	if l.entry == EntryRefund {
		m.OutRefundNo = l.key
	}
	return m
}

func tally(r *Report, ms []Mismatch) {
	r.MismatchCount = len(ms)
	for _, m := range ms {
		switch m.Kind {
		case KindMissingHere:
			r.MissingHereCount++
		case KindMissingThere:
			r.MissingThereCount++
		case KindAmountDiffers:
			r.AmountDiffersCount++
		case KindStatusDiffers:
			r.StatusDiffersCount++
		}
	}
}

func fen(f money.Fen) *money.Fen { return &f }

// sortedKeys orders payments before refunds, then by number.
func sortedKeys[V any](m map[lineKey]V) []lineKey {
	keys := make([]lineKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].entry != keys[j].entry {
			return keys[i].entry < keys[j].entry
		}
		return keys[i].key < keys[j].key
	})
	return keys
}
