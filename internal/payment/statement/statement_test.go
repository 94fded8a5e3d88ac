package statement_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/statement"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/testkit"
)

func TestMatchingDayIsBalanced(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newEnv(t, dbURL)
		e.wxPaid(t, "PWOK0001", 1999)
		e.wxPaid(t, "PWOK0002", 500)
		e.wxRefund(t, "PWOK0001", "RWOK0001", 700, 1999, true)
		e.paid(t, wx, "PWOK0001", 1999, e.noon)
		e.paid(t, wx, "PWOK0002", 500, e.noon.Add(time.Hour))
		e.refund(t, wx, "PWOK0001", "RWOK0001", 700, ptr(e.noon.Add(2*time.Hour)))

		e.aliPaid(t, "PAOK0001", 1999)
		e.aliRefund(t, "PAOK0001", "RAOK0001", 300)
		e.paid(t, ali, "PAOK0001", 1999, e.noon)
		e.refund(t, ali, "PAOK0001", "RAOK0001", 300, ptr(e.noon))

		tests := []struct {
			provider    string
			payCount    int
			payTotal    money.Fen
			refundCount int
			refundTotal money.Fen
		}{
			{wx, 2, 2499, 1, 700},
			{ali, 1, 1999, 1, 300},
		}
		for _, tt := range tests {
			r := e.run(t, tt.provider)
			want := statement.Report{ID: r.ID, Provider: tt.provider, Day: e.day, Status: statement.StatusBalanced,
				OurPaymentCount: tt.payCount, OurPaymentTotal: tt.payTotal, BillPaymentCount: tt.payCount, BillPaymentTotal: tt.payTotal,
				OurRefundCount: tt.refundCount, OurRefundTotal: tt.refundTotal, BillRefundCount: tt.refundCount, BillRefundTotal: tt.refundTotal,
				RunBy: "boss"}
			if got := figures(r); got != want {
				t.Errorf("%s report:\n got %+v\nwant %+v", tt.provider, got, want)
			}
			if ms := e.mismatches(t, r.ID); len(ms) != 0 {
				t.Errorf("%s mismatches: %+v", tt.provider, ms)
			}
		}
	})
}

// figures is a report without its times, for comparison.
func figures(r *statement.Report) statement.Report {
	c := *r
	c.StartedAt, c.FinishedAt, c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	return c
}

// want is what a test expects of one mismatch.
type want struct {
	kind         statement.Kind
	ours, bill   any // fen as int64, or nil when that side lacks it
	ourStatus    string
	billStatus   string
	noteContains string
}

func checkMismatches(t *testing.T, got map[string]statement.Mismatch, wants map[string]want) {
	t.Helper()
	if !reflect.DeepEqual(keys(got), keys(wants)) {
		t.Errorf("mismatch keys = %v, want %v", keys(got), keys(wants))
	}
	for k, w := range wants {
		m, ok := got[k]
		if !ok {
			continue
		}
		if m.Kind != w.kind || amountOf(m.OurAmount) != w.ours || amountOf(m.BillAmount) != w.bill ||
			m.OurStatus != w.ourStatus || m.BillStatus != w.billStatus || !strings.Contains(m.Note, w.noteContains) {
			t.Errorf("%s = %+v (ours %v, bill %v), want %+v", k, m, amountOf(m.OurAmount), amountOf(m.BillAmount), w)
		}
	}
}

func TestEveryMismatchKindWeChatPay(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newEnv(t, dbURL)
		e.wxPaid(t, "PWOK0001", 1000) // matches: not listed
		e.paid(t, wx, "PWOK0001", 1000, e.noon)
		e.wxPaid(t, "PWHERE001", 300) // we never heard of it
		e.wxPaid(t, "PWHERE002", 400) // still pending here
		e.pay(t, wx, "PWHERE002", 400, payment.StatusPending, nil)
		e.wxPaid(t, "PWHERE003", 500) // paid here the day before
		e.paid(t, wx, "PWHERE003", 500, e.noon.Add(-24*time.Hour))
		e.paid(t, wx, "PWTHERE01", 600, e.noon)                                  // not in the bill
		e.paid(t, wx, "PWTHERE02", 700, e.noon.Add(11*time.Hour+55*time.Minute)) // 23:55
		e.wxPaid(t, "PWAMT0001", 1000)
		e.paid(t, wx, "PWAMT0001", 1200, e.noon)

		e.wxRefund(t, "PWOK0001", "RWPROC01", 100, 1000, false) // the bill says PROCESSING
		e.refund(t, wx, "PWOK0001", "RWPROC01", 100, &e.noon)
		e.wxRefund(t, "PWOK0001", "RWAMT001", 300, 1000, true)
		e.refund(t, wx, "PWOK0001", "RWAMT001", 250, &e.noon)
		e.wxRefund(t, "PWOK0001", "RWHERE01", 50, 1000, true)  // unknown here
		e.refund(t, wx, "PWOK0001", "RWTHERE1", 80, &e.noon)   // not in the bill
		e.wxRefund(t, "PWHERE003", "RWSKIP01", 20, 500, false) // processing on both sides: fine
		e.refund(t, wx, "PWHERE003", "RWSKIP01", 20, nil)

		r := e.run(t, wx)
		checkMismatches(t, e.mismatches(t, r.ID), map[string]want{
			"payment:PWHERE001": {statement.KindMissingHere, nil, int64(300), "", "SUCCESS", "no such payment here"},
			"payment:PWHERE002": {statement.KindMissingHere, nil, int64(400), "pending", "SUCCESS", "ours: pending"},
			"payment:PWHERE003": {statement.KindMissingHere, nil, int64(500), "paid", "SUCCESS", "on another day"},
			"payment:PWTHERE01": {statement.KindMissingThere, int64(600), nil, "paid", "", ""},
			"payment:PWTHERE02": {statement.KindMissingThere, int64(700), nil, "paid", "", "close to midnight"},
			"payment:PWAMT0001": {statement.KindAmountDiffers, int64(1200), int64(1000), "paid", "SUCCESS", ""},
			"refund:RWPROC01":   {statement.KindStatusDiffers, int64(100), int64(100), "succeeded", "PROCESSING", ""},
			"refund:RWAMT001":   {statement.KindAmountDiffers, int64(250), int64(300), "succeeded", "SUCCESS", ""},
			"refund:RWHERE01":   {statement.KindMissingHere, nil, int64(50), "", "SUCCESS", "no such refund here"},
			"refund:RWTHERE1":   {statement.KindMissingThere, int64(80), nil, "succeeded", "", ""},
		})
		got := fmt.Sprint(r.Status, r.MismatchCount, r.MissingHereCount, r.MissingThereCount, r.AmountDiffersCount, r.StatusDiffersCount,
			r.OurPaymentCount, r.OurPaymentTotal, r.BillPaymentCount, r.BillPaymentTotal, r.OurRefundCount, r.OurRefundTotal, r.BillRefundCount, r.BillRefundTotal)
		// Ours: 1000+600+700+1200 paid, 100+250+80 refunded; the bill: 1000+300+400+500+1000 paid,
		// 300+50 refunded (the two processing refunds moved no money).
		if want := fmt.Sprint(statement.StatusMismatched, 10, 4, 3, 2, 1, 4, 3500, 5, 3200, 3, 430, 2, 350); got != want {
			t.Errorf("report figures = %s, want %s", got, want)
		}
	})
}

func TestEveryMismatchKindAlipay(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newEnv(t, dbURL)
		e.aliPaid(t, "PAOK0001", 1000)
		e.paid(t, ali, "PAOK0001", 1000, e.noon)
		e.aliPaid(t, "PAHERE01", 300)
		e.paid(t, ali, "PATHERE1", 600, e.noon)
		e.aliPaid(t, "PAAMT001", 999)
		e.paid(t, ali, "PAAMT001", 990, e.noon)
		e.aliRefund(t, "PAOK0001", "RAAMT001", 200)
		e.refund(t, ali, "PAOK0001", "RAAMT001", 210, &e.noon)
		e.aliRefund(t, "PAOK0001", "RAHERE01", 100)
		e.refund(t, ali, "PAOK0001", "RAHERE01", 100, nil) // still processing here
		e.refund(t, ali, "PAOK0001", "RATHERE1", 50, &e.noon)

		r := e.run(t, ali)
		checkMismatches(t, e.mismatches(t, r.ID), map[string]want{
			"payment:PAHERE01": {statement.KindMissingHere, nil, int64(300), "", "交易", "no such payment here"},
			"payment:PATHERE1": {statement.KindMissingThere, int64(600), nil, "paid", "", ""},
			"payment:PAAMT001": {statement.KindAmountDiffers, int64(990), int64(999), "paid", "交易", ""},
			"refund:RAAMT001":  {statement.KindAmountDiffers, int64(210), int64(200), "succeeded", "退款", ""},
			"refund:RAHERE01":  {statement.KindMissingHere, nil, int64(100), "processing", "退款", "ours: processing"},
			"refund:RATHERE1":  {statement.KindMissingThere, int64(50), nil, "succeeded", "", ""},
		})
		if r.Status != statement.StatusMismatched || r.BillPaymentTotal != 2299 || r.OurPaymentTotal != 2590 ||
			r.BillRefundTotal != 300 || r.OurRefundTotal != 260 || r.MissingHereCount != 2 || r.MissingThereCount != 2 || r.AmountDiffersCount != 2 {
			t.Errorf("report = %+v", r)
		}
	})
}

func TestRerunReplacesTheReport(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newEnv(t, dbURL)
		e.wxPaid(t, "PWRERUN01", 100)
		e.paid(t, wx, "PWRERUN01", 100, e.noon)
		e.paid(t, wx, "PWRERUN02", 200, e.noon)
		e.paid(t, wx, "PWRERUN03", 300, e.noon)
		first := e.run(t, wx)
		if first.Status != statement.StatusMismatched || len(e.mismatches(t, first.ID)) != 2 {
			t.Fatalf("first run = %+v", first)
		}
		e.wxPaid(t, "PWRERUN02", 200)
		e.wxPaid(t, "PWRERUN03", 300)
		second := e.run(t, wx)
		if second.ID != first.ID || second.Status != statement.StatusBalanced || second.BillPaymentCount != 3 || second.MismatchCount != 0 {
			t.Errorf("second run = %+v, first id %d", second, first.ID)
		}
		if n := e.a.OrderCount(t, "statement_mismatches"); n != 0 {
			t.Errorf("%d mismatch rows left from the first run", n)
		}
		if n := e.a.OrderCount(t, "statement_reports"); n != 1 {
			t.Errorf("%d reports for one day", n)
		}
		if n := e.a.OrderCount(t, "audit_log", "action = ?", "statement.run"); n != 2 {
			t.Errorf("%d audit entries, want 2", n)
		}
	})
}

func TestDayWithoutBill(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newEnv(t, dbURL)
		for _, p := range []string{wx, ali} {
			r := e.run(t, p)
			if r.Status != statement.StatusBalanced || !r.NoBill || r.Failure != "" || r.BillPaymentCount != 0 {
				t.Errorf("%s empty day = %+v", p, r)
			}
		}
		e.paid(t, wx, "PWNOBILL1", 100, e.noon)
		e.paid(t, ali, "PANOBILL1", 200, e.noon)
		for p, no := range map[string]string{wx: "payment:PWNOBILL1", ali: "payment:PANOBILL1"} {
			r := e.run(t, p)
			ms := e.mismatches(t, r.ID)
			if r.Status != statement.StatusMismatched || !r.NoBill || r.MissingThereCount != 1 || ms[no].Kind != statement.KindMissingThere {
				t.Errorf("%s day with only our payment = %+v, mismatches %+v", p, r, ms)
			}
		}
	})
}
