package statement_test

import (
	"net/http"
	"sort"
	"testing"
	"time"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/payment/statement"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
	"fenxiao/internal/testkit"
)

const (
	wx  = wechatpay.ProviderName
	ali = alipay.ProviderName
)

// env is an app whose WeChat Pay and Alipay clients talk to the fakes,
// with one order our payment rows hang from. The fakes put every trade in
// whatever day's bill is asked for; our rows are placed on yesterday.
type env struct {
	a     *testkit.App
	fakes *testkit.PayFakes
	order int64
	day   string    // yesterday, CST
	noon  time.Time // yesterday 12:00 CST
}

func newEnv(t *testing.T, dbURL string) *env {
	t.Helper()
	fakes, opt := testkit.NewPayFakes(t)
	a := testkit.NewApp(t, dbURL, opt)
	_, skus := a.OrderProduct(t, "Tea", testkit.OrderSKU{Price: 1000, Stock: 100})
	shopper, addr := a.OrderShopper(t)
	o := a.PlaceOrder(t, shopper, addr, 1, skus[0].ID)
	y := time.Now().In(cst.Zone).AddDate(0, 0, -1)
	noon := time.Date(y.Year(), y.Month(), y.Day(), 12, 0, 0, 0, cst.Zone)
	return &env{a: a, fakes: fakes, order: o.ID, day: noon.Format(time.DateOnly), noon: noon}
}

// pay records a payment attempt of ours; paidAt nil leaves it unpaid.
func (e *env) pay(t *testing.T, provider, no string, amount money.Fen, status payment.Status, paidAt *time.Time) {
	t.Helper()
	now := database.Now()
	p := payment.Payment{OrderID: e.order, Provider: provider, Method: "test", OutTradeNo: no, Amount: amount, Status: status,
		TransactionID: "tx-" + no, CreatedAt: now, UpdatedAt: now}
	if paidAt != nil {
		at := paidAt.UTC()
		p.PaidAt = &at
	}
	if err := e.a.DB.Gorm.Create(&p).Error; err != nil {
		t.Fatalf("insert payment %s: %v", no, err)
	}
}

// paid records a payment of ours paid at.
func (e *env) paid(t *testing.T, provider, no string, amount money.Fen, at time.Time) {
	t.Helper()
	e.pay(t, provider, no, amount, payment.StatusPaid, &at)
}

// refund records a refund of ours of payment tradeNo; succeededAt nil
// leaves it processing.
func (e *env) refund(t *testing.T, provider, tradeNo, refundNo string, amount money.Fen, succeededAt *time.Time) {
	t.Helper()
	var payID int64
	if err := e.a.DB.Gorm.Raw("SELECT id FROM payments WHERE out_trade_no = ?", tradeNo).Scan(&payID).Error; err != nil || payID == 0 {
		t.Fatalf("payment %s for refund %s: %v", tradeNo, refundNo, err)
	}
	status, at := "processing", (*time.Time)(nil)
	if succeededAt != nil {
		u := succeededAt.UTC()
		status, at = "succeeded", &u
	}
	now := database.Now()
	err := e.a.DB.Gorm.Exec(`INSERT INTO payment_refunds (order_id, payment_id, provider, out_trade_no, out_refund_no, amount, total,
		status, provider_refund_id, succeeded_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.order, payID, provider, tradeNo, refundNo, int64(amount), int64(amount), status, "rf-"+refundNo, at, now, now).Error
	if err != nil {
		t.Fatalf("insert refund %s: %v", refundNo, err)
	}
}

// wxPaid makes a paid trade at the WeChat Pay fake, so it is in its bill.
func (e *env) wxPaid(t *testing.T, no string, amount money.Fen) {
	t.Helper()
	_, err := e.a.WeChatPay.Prepay(testkit.Ctx(), wechatpay.PrepayRequest{Method: wechatpay.MethodNative, OutTradeNo: no,
		Description: "Order " + no, Amount: amount})
	if err != nil {
		t.Fatalf("prepay %s: %v", no, err)
	}
	if err := e.fakes.WeChat.MarkPaid(no); err != nil {
		t.Fatal(err)
	}
}

// wxRefund refunds at the WeChat Pay fake; complete moves it to SUCCESS,
// otherwise the bill shows it PROCESSING.
func (e *env) wxRefund(t *testing.T, no, refundNo string, amount, total money.Fen, complete bool) {
	t.Helper()
	_, err := e.a.WeChatPay.Refund(testkit.Ctx(), wechatpay.RefundRequest{OutTradeNo: no, OutRefundNo: refundNo, Amount: amount, Total: total})
	if err != nil {
		t.Fatalf("refund %s: %v", refundNo, err)
	}
	if complete {
		if err := e.fakes.WeChat.CompleteRefund(refundNo); err != nil {
			t.Fatal(err)
		}
	}
}

// aliPaid opens the Alipay cashier for a trade (Alipay learns of trades
// there) and pays it, so it is in the fake's bill.
func (e *env) aliPaid(t *testing.T, no string, amount money.Fen) {
	t.Helper()
	u, err := e.a.Alipay.WapPayURL(alipay.PayRequest{OutTradeNo: no, Subject: "Order " + no, Amount: amount})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := e.a.Config.PaymentHTTPClient.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("cashier answered %d for %s", resp.StatusCode, no)
	}
	if err := e.fakes.Alipay.MarkPaid(no); err != nil {
		t.Fatal(err)
	}
}

func (e *env) aliRefund(t *testing.T, no, requestNo string, amount money.Fen) {
	t.Helper()
	if _, err := e.a.Alipay.TradeRefund(testkit.Ctx(), alipay.RefundRequest{OutTradeNo: no, OutRequestNo: requestNo, Amount: amount}); err != nil {
		t.Fatalf("refund %s: %v", requestNo, err)
	}
}

var admin = audit.Actor{ID: 1, Username: "boss", Role: "super"}

// run reconciles yesterday for provider as an admin.
func (e *env) run(t *testing.T, provider string) *statement.Report {
	t.Helper()
	r, err := e.a.Statements.Run(testkit.Ctx(), admin, statement.RunInput{Provider: provider, Day: e.day})
	if err != nil {
		t.Fatalf("run %s %s: %v", provider, e.day, err)
	}
	return r
}

// mismatches returns a report's mismatches keyed "entry:number".
func (e *env) mismatches(t *testing.T, reportID int64) map[string]statement.Mismatch {
	t.Helper()
	d, err := e.a.Statements.Mismatches(testkit.Ctx(), reportID, "", page.Request{Page: 1, Size: page.MaxSize})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]statement.Mismatch{}
	for _, m := range d.Mismatches.Items {
		no := m.OutTradeNo
		if m.Entry == statement.EntryRefund {
			no = m.OutRefundNo
		}
		out[string(m.Entry)+":"+no] = m
	}
	if len(out) != len(d.Mismatches.Items) || int64(len(out)) != d.Mismatches.Total {
		t.Errorf("mismatches %+v: duplicate keys or wrong total %d", d.Mismatches.Items, d.Mismatches.Total)
	}
	return out
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func ptr[T any](v T) *T { return &v }

func amountOf(f *money.Fen) any {
	if f == nil {
		return nil
	}
	return int64(*f)
}
