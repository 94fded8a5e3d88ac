package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fenxiao/internal/payment"
	"fenxiao/internal/payment/providers/alipay/alipayfake"
	"fenxiao/internal/payment/providers/wechatpay/wechatfake"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// payWorld: WeChat Pay and Alipay configured against the local fakes; a
// buyer (with a WeChat openid) bound to distributor B under A.
type payWorld struct {
	a     *testkit.App
	fakes *testkit.PayFakes
	buyer int64
	addr  int64
	sku   int64
	shop  *testkit.Client
}

func newPayWorld(t testing.TB, dbURL string) *payWorld {
	t.Helper()
	fakes, opt := testkit.NewPayFakes(t)
	a := testkit.NewApp(t, dbURL, opt)
	A := a.DistributorUnder(t, "")
	B := a.DistributorUnder(t, A.Code)
	w := &payWorld{a: a, fakes: fakes, sku: a.CommissionProduct(t, catalog.CommissionRate, 1000, 500, 12345)}
	w.buyer, w.addr = a.BuyerOf(t, B.Code)
	err := a.DB.Gorm.Exec("INSERT INTO wechat_identities (shopper_id, app_id, openid, created_at) VALUES (?, ?, ?, ?)",
		w.buyer, testkit.FakeWeChatAppID, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", database.Now()).Error
	if err != nil {
		t.Fatal(err)
	}
	w.shop = a.SessionClient(session.KindShop, w.buyer)
	return w
}

// pay places an order and starts paying it with method through the API.
func (w *payWorld) pay(t testing.TB, method string) (*order.Order, payment.Started) {
	t.Helper()
	o := w.a.PlaceOrder(t, w.buyer, w.addr, 1, w.sku)
	var started payment.Started
	w.shop.Do("POST", fmt.Sprintf("/api/shop/orders/%d/pay", o.ID), map[string]string{"method": method}).Expect(http.StatusOK).JSON(&started)
	return o, started
}

func (w *payWorld) status(t *testing.T, orderID int64) order.Status {
	t.Helper()
	var s order.Status
	w.a.DB.Gorm.Raw("SELECT status FROM orders WHERE id = ?", orderID).Scan(&s)
	return s
}

func (w *payWorld) notifyURL(provider string) string {
	return w.a.Server.URL + "/api/pay/notify/" + provider
}

// openCashier is the buyer opening the Alipay cashier of st: that is when
// Alipay learns of the trade.
func (w *payWorld) openCashier(t testing.TB, st payment.Started) {
	t.Helper()
	payURL, _ := st.Payload["pay_url"].(string)
	if payURL == "" {
		t.Fatalf("payload %v has no pay_url", st.Payload)
	}
	res, err := w.a.Config.PaymentHTTPClient.Get(payURL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
}

// paymentNotice is WeChat's signed notification that outTradeNo was paid.
func (w *payWorld) paymentNotice(t testing.TB, outTradeNo string) *wechatfake.Notification {
	t.Helper()
	n, err := w.fakes.WeChat.PaymentNotification(outTradeNo)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// refundNotice is WeChat's signed notification of outRefundNo's outcome.
func (w *payWorld) refundNotice(t *testing.T, outRefundNo string) *wechatfake.Notification {
	t.Helper()
	n, err := w.fakes.WeChat.RefundNotification(outRefundNo)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// deliver posts n to our WeChat Pay endpoint, which must acknowledge it.
func (w *payWorld) deliver(t *testing.T, what string, n *wechatfake.Notification) {
	t.Helper()
	if status, err := n.Post(context.Background(), http.DefaultClient, w.notifyURL("wechatpay")); err != nil || status != http.StatusNoContent {
		t.Fatalf("%s answered %d, %v", what, status, err)
	}
}

// deliverAtOnce posts copies of n concurrently; every copy must be acknowledged.
func (w *payWorld) deliverAtOnce(t *testing.T, what string, n *wechatfake.Notification, copies int) {
	t.Helper()
	var wg sync.WaitGroup
	for i := 0; i < copies; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if status, err := n.Post(context.Background(), http.DefaultClient, w.notifyURL("wechatpay")); err != nil || status != http.StatusNoContent {
				t.Errorf("%s answered %d, %v", what, status, err)
			}
		}()
	}
	wg.Wait()
}

func TestWeChatPayEndToEnd(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		for _, tc := range []struct{ method, payloadKey string }{
			{"wechat_jsapi", "pay_params"}, {"wechat_h5", "h5_url"}, {"wechat_native", "code_url"},
		} {
			t.Run(tc.method, func(t *testing.T) {
				o, started := w.pay(t, tc.method)
				if started.Payload[tc.payloadKey] == nil {
					t.Fatalf("payload %v has no %s", started.Payload, tc.payloadKey)
				}
				w.providerPays(t, started)
				// Ten concurrent copies of the notification: all acknowledged, applied once.
				w.deliverAtOnce(t, "notification", w.paymentNotice(t, started.Payment.OutTradeNo), 10)
				if s := w.status(t, o.ID); s != order.StatusPaid {
					t.Fatalf("order %s after the notification", s)
				}
				if n := w.a.OrderCount(t, "commission_records", "order_id = ? AND status = 'pending'", o.ID); n != 2 {
					t.Fatalf("pending commission records = %d, want tier 1 and tier 2", n)
				}
				w.a.CheckCommissionLedger(t)
			})
		}
	})
}

// The methods offered fit where the shopper is: JSAPI inside WeChat (the
// buyer has an openid), H5 and WAP in a mobile browser.
func TestPayMethodsFitTheShoppersBrowser(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		o := w.a.PlaceOrder(t, w.buyer, w.addr, 1, w.sku)
		for ua, want := range map[string]string{
			"Mozilla/5.0 (iPhone) Mobile/15E148 MicroMessenger/8.0.47":   "wechat_jsapi",
			"Mozilla/5.0 (Linux; Android 14) Chrome/120.0 Mobile Safari": "alipay_wap,wechat_h5",
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0":     "alipay_page,wechat_native",
		} {
			req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/shop/orders/%d/pay-methods", w.a.Server.URL, o.ID), nil)
			req.Header.Set("User-Agent", ua)
			var res struct{ Items []payment.Method }
			w.shop.Send(req).Expect(http.StatusOK).JSON(&res)
			var got []string
			for _, m := range res.Items {
				got = append(got, m.Method)
			}
			sort.Strings(got)
			if strings.Join(got, ",") != want {
				t.Errorf("%s: methods %v, want %s", ua, got, want)
			}
		}
	})
}

func TestWeChatPayNotificationsThatMustNotPay(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		o, started := w.pay(t, "wechat_native")
		no := started.Payment.OutTradeNo
		if err := w.fakes.WeChat.MarkPaid(no); err != nil {
			t.Fatal(err)
		}
		post := func(req *http.Request) *http.Response {
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res
		}
		good, err := w.fakes.WeChat.PaymentNotification(no)
		if err != nil {
			t.Fatal(err)
		}
		stale, err := w.fakes.WeChat.PaymentNotification(no, wechatfake.At(time.Now().Add(-10*time.Minute)))
		if err != nil {
			t.Fatal(err)
		}
		tampered := good.Request(w.notifyURL("wechatpay"))
		body := strings.Replace(readBody(t, tampered), `"id":"`, `"id":"x`, 1)
		tampered = httptestRequest(t, w.notifyURL("wechatpay"), tampered.Header, body)
		for name, req := range map[string]*http.Request{"tampered body": tampered, "stale timestamp": stale.Request(w.notifyURL("wechatpay"))} {
			if res := post(req); res.StatusCode < 400 {
				t.Fatalf("%s answered %d", name, res.StatusCode)
			}
			if s := w.status(t, o.ID); s != order.StatusPendingPayment {
				t.Fatalf("%s paid the order (%s)", name, s)
			}
		}
		if n := w.a.OrderCount(t, "payment_alerts", "kind = ?", payment.AlertInvalidNotification); n == 0 {
			t.Fatal("rejected notifications left no alert")
		}
		if res := post(good.Request(w.notifyURL("wechatpay"))); res.StatusCode != http.StatusNoContent {
			t.Fatalf("the genuine notification answered %d", res.StatusCode)
		}
		if s := w.status(t, o.ID); s != order.StatusPaid {
			t.Fatalf("order %s after the genuine notification", s)
		}
	})
}

func TestAlipayEndToEnd(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		for _, method := range []string{"alipay_wap", "alipay_page"} {
			t.Run(method, func(t *testing.T) {
				o, started := w.pay(t, method)
				w.providerPays(t, started) // the buyer opens the cashier and pays
				no := started.Payment.OutTradeNo
				form, err := w.fakes.Alipay.PaymentNotification(no)
				if err != nil {
					t.Fatal(err)
				}
				forged := url.Values{}
				for k, v := range form {
					forged[k] = v
				}
				forged.Set("total_amount", "0.01")
				if _, body, err := alipayfake.PostNotification(context.Background(), http.DefaultClient, w.notifyURL("alipay"), forged); err != nil || body == "success" {
					t.Fatalf("forged amount answered %q, %v", body, err)
				}
				if s := w.status(t, o.ID); s != order.StatusPendingPayment {
					t.Fatalf("forged notification paid the order (%s)", s)
				}
				for i := 0; i < 3; i++ {
					if _, body, err := alipayfake.PostNotification(context.Background(), http.DefaultClient, w.notifyURL("alipay"), form); err != nil || body != "success" {
						t.Fatalf("notification answered %q, %v", body, err)
					}
				}
				if s := w.status(t, o.ID); s != order.StatusPaid {
					t.Fatalf("order %s after the notification", s)
				}
				if n := w.a.OrderCount(t, "commission_records", "order_id = ?", o.ID); n != 2 {
					t.Fatalf("commission records = %d", n)
				}
			})
		}
	})
}

// Before an unpaid order is cancelled the providers are asked: a payment
// whose notification never came still pays the order; a provider that
// cannot be asked holds the cancellation back.
func TestAutoCancelAsksTheProvidersFirst(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		overdue := func(o *order.Order) {
			if err := w.a.DB.Gorm.Exec("UPDATE orders SET expires_at = ? WHERE id = ?", time.Now().Add(-time.Minute).UTC(), o.ID).Error; err != nil {
				t.Fatal(err)
			}
		}
		ctx := testkit.Ctx()

		paidWx, st := w.pay(t, "wechat_native")
		w.providerPays(t, st)
		paidAli, st2 := w.pay(t, "alipay_wap")
		w.providerPays(t, st2)
		unpaid, _ := w.pay(t, "wechat_h5")
		for _, o := range []*order.Order{paidWx, paidAli, unpaid} {
			overdue(o)
		}

		for _, o := range []*order.Order{paidWx, paidAli} {
			if cancelled, err := w.a.Orders.AutoCancel(ctx, o.ID); err != nil || cancelled {
				t.Fatalf("auto-cancel of a paid order: cancelled=%v err=%v", cancelled, err)
			}
			if s := w.status(t, o.ID); s != order.StatusPaid {
				t.Fatalf("order %d is %s, want paid from the provider's answer", o.ID, s)
			}
			if n := w.a.OrderCount(t, "commission_records", "order_id = ?", o.ID); n != 2 {
				t.Fatalf("commission records = %d", n)
			}
		}
		if n := w.a.OrderCount(t, "payment_confirmations", "source = ? AND outcome = ?", "query", "paid"); n != 2 {
			t.Fatalf("query confirmations = %d", n)
		}

		w.fakes.WeChat.FailNext(http.StatusInternalServerError, "SYSTEM_ERROR", "try later")
		if _, err := w.a.Orders.AutoCancel(ctx, unpaid.ID); err == nil {
			t.Fatal("cancelled while WeChat Pay could not be asked")
		}
		if s := w.status(t, unpaid.ID); s != order.StatusPendingPayment {
			t.Fatalf("order %s while the provider was down", s)
		}
		if cancelled, err := w.a.Orders.AutoCancel(ctx, unpaid.ID); err != nil || !cancelled {
			t.Fatalf("auto-cancel of an unpaid order: cancelled=%v err=%v", cancelled, err)
		}
	})
}

// Cancelling an order closes its open trades with the provider (a job
// enqueued with the cancellation); a trade found paid meanwhile is
// recorded and alerted instead of lost.
func TestCancelClosesOpenTrades(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		ctx := testkit.Ctx()
		open, st := w.pay(t, "wechat_native")
		w.shop.Do("POST", fmt.Sprintf("/api/shop/orders/%d/cancel", open.ID), nil).Expect(http.StatusOK)
		if n := w.a.OrderCount(t, "river_job", "kind = ?", "payment.close"); n != 1 {
			t.Fatalf("close jobs = %d, want 1 enqueued with the cancellation", n)
		}
		if err := w.a.Payments.CloseOpen(ctx, open.ID); err != nil {
			t.Fatal(err)
		}
		if tr, _ := w.fakes.WeChat.Trade(st.Payment.OutTradeNo); tr.State != "CLOSED" {
			t.Fatalf("WeChat trade state %s, want CLOSED", tr.State)
		}
		if n := w.a.OrderCount(t, "payments", "out_trade_no = ? AND status = ?", st.Payment.OutTradeNo, payment.StatusClosed); n != 1 {
			t.Fatal("attempt not marked closed")
		}

		paidLate, st2 := w.pay(t, "alipay_wap")
		w.openCashier(t, st2)
		w.shop.Do("POST", fmt.Sprintf("/api/shop/orders/%d/cancel", paidLate.ID), nil).Expect(http.StatusOK)
		if err := w.fakes.Alipay.MarkPaid(st2.Payment.OutTradeNo); err != nil { // the buyer paid as the order was cancelled
			t.Fatal(err)
		}
		if err := w.a.Payments.CloseOpen(ctx, paidLate.ID); err != nil {
			t.Fatal(err)
		}
		// Its stock is still there: the order is restored, and the merchant told.
		if w.status(t, paidLate.ID) != order.StatusPaid {
			t.Fatal("a late payment for an order with stock must restore it")
		}
		if n := w.a.OrderCount(t, "payment_alerts", "kind = ? AND order_id = ?", payment.AlertRestored, paidLate.ID); n != 1 {
			t.Fatal("late payment not alerted")
		}
		if n := w.a.OrderCount(t, "payments", "out_trade_no = ? AND status = ?", st2.Payment.OutTradeNo, payment.StatusPaid); n != 1 {
			t.Fatal("late payment not recorded")
		}
	})
}

// Manual reconciliation: the provider must confirm the transaction id; the
// admin re-enters its password and leaves a note; effects happen once.
func TestManualReconciliation(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		id, _, pw := w.a.NewAdmin(t, adminauth.RoleOperator)
		admin := w.a.SessionClient(session.KindAdmin, id)
		o, st := w.pay(t, "wechat_native")
		no := st.Payment.OutTradeNo
		path := "/api/admin/payments/" + no + "/reconcile"
		body := func(txID, note, password string) map[string]string {
			return map[string]string{"transaction_id": txID, "note": note, "password": password}
		}
		if r := admin.Do("POST", path, body("4200000000000001", "客户提供了付款截图", pw)).Expect(http.StatusConflict).ErrorReason(); r != "provider_says_unpaid" {
			t.Fatalf("unpaid trade: %s", r)
		}
		if err := w.fakes.WeChat.MarkPaid(no); err != nil {
			t.Fatal(err)
		}
		tr, _ := w.fakes.WeChat.Trade(no)
		if r := admin.Do("POST", path, body(tr.TransactionID, "note", "wrong-password")).Expect(http.StatusForbidden).ErrorReason(); r != "password_mismatch" {
			t.Fatalf("wrong password: %s", r)
		}
		admin.Do("POST", path, map[string]string{"transaction_id": tr.TransactionID, "password": pw}).Expect(http.StatusBadRequest)
		if r := admin.Do("POST", path, body("4200000000000999", "客户提供了付款截图", pw)).Expect(http.StatusBadRequest).ErrorReason(); r != "transaction_mismatch" {
			t.Fatalf("wrong transaction id: %s", r)
		}
		if w.status(t, o.ID) != order.StatusPendingPayment {
			t.Fatal("refused reconciliations changed the order")
		}
		var paid payment.Payment
		admin.Do("POST", path, body(tr.TransactionID, "客户提供了付款截图，微信支付商户平台可查", pw)).Expect(http.StatusOK).JSON(&paid)
		if paid.Status != payment.StatusPaid || w.status(t, o.ID) != order.StatusPaid {
			t.Fatalf("after reconciliation: attempt %s, order %s", paid.Status, w.status(t, o.ID))
		}
		if r := admin.Do("POST", path, body(tr.TransactionID, "again", pw)).Expect(http.StatusConflict).ErrorReason(); r != "not_pending" {
			t.Fatalf("second reconciliation: %s", r)
		}
		w.deliver(t, "the late notification", w.paymentNotice(t, no)) // changes nothing more
		if c := w.a.OrderCount(t, "commission_records", "order_id = ?", o.ID); c != 2 {
			t.Fatalf("commission records = %d", c)
		}
		if c := w.a.OrderCount(t, "audit_log", "action = ? AND note <> ''", "payment.reconcile"); c != 1 {
			t.Fatalf("audit entries = %d", c)
		}
	})
}

// Pending attempts are asked about on a schedule: a payment whose
// notification was lost is found within minutes, and unpaid attempts are
// asked again later and later.
func TestPendingPaymentsArePolledWithBackOff(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newPayWorld(t, dbURL)
		ctx := testkit.Ctx()
		paid, st := w.pay(t, "wechat_native")
		unpaid, st2 := w.pay(t, "wechat_native")
		if err := w.fakes.WeChat.MarkPaid(st.Payment.OutTradeNo); err != nil {
			t.Fatal(err)
		}
		if out, err := w.a.Jobs.RunPeriodic(ctx, payment.PollJob); err != nil || !strings.Contains(out, "asked about 0") {
			t.Fatalf("first minute: %q %v (the shopper gets a minute first)", out, err)
		}
		w.a.DB.Gorm.Exec("UPDATE payments SET created_at = ? WHERE order_id IN (?, ?)", time.Now().Add(-2*time.Minute).UTC(), paid.ID, unpaid.ID)
		if out, err := w.a.Jobs.RunPeriodic(ctx, payment.PollJob); err != nil || !strings.Contains(out, "asked about 2") {
			t.Fatalf("poll: %q %v", out, err)
		}
		if w.status(t, paid.ID) != order.StatusPaid || w.status(t, unpaid.ID) != order.StatusPendingPayment {
			t.Fatalf("after polling: paid order %s, unpaid order %s", w.status(t, paid.ID), w.status(t, unpaid.ID))
		}
		if out, _ := w.a.Jobs.RunPeriodic(ctx, payment.PollJob); !strings.Contains(out, "asked about 0") {
			t.Fatalf("asked again before the back-off: %q", out)
		}
		var next struct {
			QueryCount  int
			NextQueryAt time.Time
		}
		w.a.DB.Gorm.Raw("SELECT query_count, next_query_at FROM payments WHERE out_trade_no = ?", st2.Payment.OutTradeNo).Scan(&next)
		if next.QueryCount != 1 || time.Until(next.NextQueryAt) < 90*time.Second {
			t.Fatalf("next question: %+v", next)
		}
	})
}
