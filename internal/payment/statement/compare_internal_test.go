package statement

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/money"
)

func pay(no string, amount int64, status string, done bool) line {
	return line{entry: EntryPayment, key: no, outTradeNo: no, amount: money.Fen(amount), status: status, done: done}
}

func ref(no string, amount int64, status string, done bool) line {
	return line{entry: EntryRefund, key: no, outTradeNo: "P-" + no, amount: money.Fen(amount), status: status, done: done}
}

// summary renders mismatches as "kind entry:key ours/bill" for comparison.
func summary(ms []Mismatch) string {
	var parts []string
	for _, m := range ms {
		key := m.OutTradeNo
		if m.Entry == EntryRefund {
			key = m.OutRefundNo
		}
		a := func(f *money.Fen) string {
			if f == nil {
				return "-"
			}
			return fmt.Sprint(int64(*f))
		}
		parts = append(parts, fmt.Sprintf("%s %s:%s %s/%s", m.Kind, m.Entry, key, a(m.OurAmount), a(m.BillAmount)))
	}
	return strings.Join(parts, "; ")
}

func TestCompare(t *testing.T) {
	t.Parallel()
	w := dayWindow(time.Date(2025, 1, 1, 12, 0, 0, 0, cst.Zone))
	tests := []struct {
		name   string
		bill   []line
		ours   []line
		others []line
		want   string
	}{
		{"agree", []line{pay("A", 100, "SUCCESS", true), ref("R", 50, "SUCCESS", true)},
			[]line{pay("A", 100, "paid", true), ref("R", 50, "succeeded", true)}, nil, ""},
		{"empty", nil, nil, nil, ""},
		{"amount", []line{pay("A", 100, "SUCCESS", true)}, []line{pay("A", 101, "paid", true)}, nil,
			"amount_differs payment:A 101/100"},
		{"one fen refund", []line{ref("R", 50, "SUCCESS", true)}, []line{ref("R", 49, "succeeded", true)}, nil,
			"amount_differs refund:R 49/50"},
		{"missing here", []line{pay("A", 100, "SUCCESS", true)}, nil, nil, "missing_here payment:A -/100"},
		{"missing there", nil, []line{ref("R", 50, "succeeded", true)}, nil, "missing_there refund:R 50/-"},
		{"payment and refund keys are apart", []line{pay("X", 100, "SUCCESS", true)}, []line{ref("X", 100, "succeeded", true)}, nil,
			"missing_here payment:X -/100; missing_there refund:X 100/-"},
		{"revoked", []line{pay("A", 100, "REVOKED", false)}, []line{pay("A", 100, "paid", true)}, nil,
			"status_differs payment:A 100/100"},
		{"unfinished and unknown", []line{ref("R", 50, "PROCESSING", false)}, nil, nil, "missing_here refund:R -/50"},
		{"unfinished on both sides", []line{ref("R", 50, "PROCESSING", false)}, nil, []line{ref("R", 50, "processing", false)}, ""},
		{"pending here", []line{pay("A", 100, "SUCCESS", true)}, nil, []line{pay("A", 100, "pending", false)},
			"missing_here payment:A -/100"},
		{"listed twice", []line{pay("A", 100, "SUCCESS", true), pay("A", 100, "SUCCESS", true)}, []line{pay("A", 100, "paid", true)}, nil,
			"amount_differs payment:A 100/200"},
		{"order", []line{ref("B", 1, "SUCCESS", true), pay("Z", 1, "SUCCESS", true), pay("B", 1, "SUCCESS", true)},
			[]line{pay("C", 1, "paid", true), pay("A", 1, "paid", true)}, nil,
			"missing_here payment:B -/1; missing_here payment:Z -/1; missing_here refund:B -/1; missing_there payment:A 1/-; missing_there payment:C 1/-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			others := map[lineKey]line{}
			for _, l := range tt.others {
				others[keyOf(l)] = l
			}
			var r Report
			got := summary(compare(&r, tt.bill, tt.ours, others, w))
			if got != tt.want {
				t.Errorf("compare = %q, want %q", got, tt.want)
			}
			if r.MismatchCount != r.MissingHereCount+r.MissingThereCount+r.AmountDiffersCount+r.StatusDiffersCount ||
				(got == "") != (r.MismatchCount == 0) {
				t.Errorf("counts = %+v", r)
			}
		})
	}
}

func TestCompareTotalsCountOnlyMovedMoney(t *testing.T) {
	t.Parallel()
	var r Report
	bill := []line{pay("A", 100, "SUCCESS", true), pay("B", 7, "REVOKED", false), ref("R", 30, "SUCCESS", true), ref("S", 5, "PROCESSING", false)}
	ours := []line{pay("A", 100, "paid", true), pay("C", 40, "paid", true), ref("R", 30, "succeeded", true)}
	compare(&r, bill, ours, nil, dayWindow(time.Now()))
	got := fmt.Sprint(r.BillPaymentCount, r.BillPaymentTotal, r.BillRefundCount, r.BillRefundTotal,
		r.OurPaymentCount, r.OurPaymentTotal, r.OurRefundCount, r.OurRefundTotal)
	if got != "1 100 1 30 2 140 1 30" {
		t.Errorf("totals = %s", got)
	}
}

func TestDayWindowAndMidnightNote(t *testing.T) {
	t.Parallel()
	w := dayWindow(time.Date(2025, 1, 1, 23, 30, 0, 0, time.UTC)) // 07:30 on Jan 2 in China
	if w.day != "2025-01-02" || !w.start.Equal(time.Date(2025, 1, 1, 16, 0, 0, 0, time.UTC)) || w.end.Sub(w.start) != 24*time.Hour {
		t.Fatalf("window = %+v", w)
	}
	for at, near := range map[time.Time]bool{
		w.start.Add(time.Minute): true, w.start.Add(time.Hour): false, w.end.Add(-time.Minute): true, w.end.Add(-time.Hour): false,
	} {
		l := pay("A", 1, "paid", true)
		l.at = at
		if got := strings.Contains(missingThere(l, w).Note, "midnight"); got != near {
			t.Errorf("at %v: midnight note %v, want %v", at, got, near)
		}
	}
}

func TestWeChatLines(t *testing.T) {
	t.Parallel()
	b := &wechatpay.Bill{Rows: []wechatpay.BillRow{
		{OutTradeNo: "A", TransactionID: "42", TradeState: "SUCCESS", SettledAmount: 90, OrderAmount: 100},
		{OutTradeNo: "B", TransactionID: "43", TradeState: "SUCCESS", SettledAmount: 80}, // no 订单金额 column
		{OutTradeNo: "C", TransactionID: "44", TradeState: "REVOKED", OrderAmount: 70},
		{OutTradeNo: "A", TransactionID: "42", TradeState: "REFUND", RefundID: "50", OutRefundNo: "R1", RefundAmount: 30, RefundStatus: "SUCCESS"},
		{OutTradeNo: "A", TransactionID: "42", TradeState: "REFUND", RefundID: "51", OutRefundNo: "R2", RefundAmount: 20, RefundStatus: "PROCESSING"},
	}}
	want := []line{
		{entry: EntryPayment, key: "A", outTradeNo: "A", ref: "42", amount: 100, status: "SUCCESS", done: true},
		{entry: EntryPayment, key: "B", outTradeNo: "B", ref: "43", amount: 80, status: "SUCCESS", done: true},
		{entry: EntryPayment, key: "C", outTradeNo: "C", ref: "44", amount: 70, status: "REVOKED", done: false},
		{entry: EntryRefund, key: "R1", outTradeNo: "A", ref: "50", amount: 30, status: "SUCCESS", done: true},
		{entry: EntryRefund, key: "R2", outTradeNo: "A", ref: "51", amount: 20, status: "PROCESSING", done: false},
	}
	if got := wechatLines(b); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("lines =\n%v\nwant\n%v", got, want)
	}
}

func TestAlipayLines(t *testing.T) {
	t.Parallel()
	b := &alipay.Bill{Rows: []alipay.BillRow{
		{TradeNo: "2025", OutTradeNo: "A", Type: "交易", Amount: 100, Received: 100},
		{TradeNo: "2025", OutTradeNo: "A", Type: "退款", Amount: 100, Received: -30, RefundRequestNo: "R1"},
		{TradeNo: "2026", OutTradeNo: "B", Type: "退款", Amount: -50, Received: -45}, // full refund without a request number
	}}
	want := []line{
		{entry: EntryPayment, key: "A", outTradeNo: "A", ref: "2025", amount: 100, status: "交易", done: true},
		{entry: EntryRefund, key: "R1", outTradeNo: "A", ref: "2025", amount: 30, status: "退款", done: true},
		{entry: EntryRefund, key: "B", outTradeNo: "B", ref: "2026", amount: 50, status: "退款", done: true},
	}
	if got := alipayLines(b); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("lines =\n%v\nwant\n%v", got, want)
	}
}

func TestPublicErrorHidesURLs(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("alipay: download bill: %w", &url.Error{Op: "Get", URL: "https://dwbillcenter.alipay.com/downloadBillFile.resource?token=SECRET123",
		Err: errors.New("connection reset")})
	got := publicError(err)
	if strings.Contains(got, "SECRET123") || !strings.Contains(got, "connection reset") {
		t.Errorf("publicError = %q", got)
	}
	if got := publicError(errors.New(strings.Repeat("错", 400))); len([]rune(got)) != 250 {
		t.Errorf("long error kept %d characters", len([]rune(got)))
	}
}
