package httpapi_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"fenxiao/internal/payment"
	"fenxiao/internal/platform/config"
	"fenxiao/internal/shop/order"
	"fenxiao/internal/testkit"
)

// The whole life of an order over HTTP: checkout, sandbox payment, shipping,
// receipt, refund request and approval.
func TestOrderLifecycleOverHTTP(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newOrdWorld(t, dbURL, 10)
		d := w.checkout(t, 2)
		if d.Status != order.StatusPendingPayment || d.PayAmount != 11980 || len(d.Lines) != 1 || len(d.Events) != 1 || d.Address.Name != "张三" {
			t.Fatalf("checkout: %+v", d)
		}
		path := fmt.Sprintf("/api/shop/orders/%d", d.ID)

		var methods struct {
			Items []payment.Method `json:"items"`
		}
		w.shopA.Do("GET", path+"/pay-methods", nil).Expect(http.StatusOK).JSON(&methods)
		if len(methods.Items) != 1 || methods.Items[0].Method != "sandbox" || !methods.Items[0].Sandbox {
			t.Fatalf("methods %+v", methods)
		}
		var started payment.Started
		w.shopA.Do("POST", path+"/pay", map[string]string{"method": "sandbox"}).Expect(http.StatusOK).JSON(&started)
		if started.Payload["sandbox"] != true || started.Payment.Amount != 11980 || started.Payment.Status != payment.StatusPending {
			t.Fatalf("pay: %+v", started)
		}
		w.shopA.Do("POST", path+"/pay", map[string]string{"method": "wechat"}).Expect(http.StatusBadRequest)
		confirm := "/api/shop/payments/" + started.Payment.OutTradeNo + "/sandbox-confirm"
		w.shopA.Do("POST", confirm, nil).Expect(http.StatusOK)
		w.shopA.Do("POST", confirm, nil).Expect(http.StatusOK) // repeat: no-op
		if w.status(t, d.ID) != order.StatusPaid || w.a.OrderCount(t, "order_events", "order_id = ? AND event = 'paid'", d.ID) != 1 {
			t.Fatal("not paid exactly once")
		}
		w.shopA.Do("POST", path+"/pay", map[string]string{"method": "sandbox"}).Expect(http.StatusConflict)

		adminPath := fmt.Sprintf("/api/admin/orders/%d", d.ID)
		w.admin.Do("POST", adminPath+"/ship", map[string]string{"carrier": "", "tracking_no": "SF1"}).Expect(http.StatusBadRequest)
		w.admin.Do("POST", adminPath+"/ship", map[string]string{"carrier": "顺丰", "tracking_no": strings.Repeat("9", 65)}).Expect(http.StatusBadRequest)
		w.admin.Do("POST", adminPath+"/ship", map[string]string{"carrier": "顺丰", "tracking_no": "SF1001"}).Expect(http.StatusOK)
		r := w.admin.Do("POST", adminPath+"/ship", map[string]string{"carrier": "顺丰", "tracking_no": "SF1001"}).Expect(http.StatusConflict)
		if !strings.Contains(string(r.Body), "order is shipped; only paid orders can be shipped") {
			t.Fatalf("second ship: %s", r.Body)
		}
		w.shopA.Do("POST", path+"/confirm", nil).Expect(http.StatusOK)

		var detail order.Detail
		w.shopA.Do("GET", path, nil).Expect(http.StatusOK).JSON(&detail)
		lineID := detail.Lines[0].ID
		var rr order.RefundRequest
		w.shopA.Do("POST", path+"/refunds", map[string]any{"reason": "坏了", "lines": []map[string]any{{"order_line_id": lineID, "quantity": 1}}}).
			Expect(http.StatusOK).JSON(&rr)
		if rr.Amount != 5990 || rr.Status != order.RefundPending {
			t.Fatalf("refund %+v", rr)
		}
		var refunds struct {
			Items []order.RefundRequest `json:"items"`
			Total int64                 `json:"total"`
		}
		w.admin.Do("GET", "/api/admin/refunds?status=pending", nil).Expect(http.StatusOK).JSON(&refunds)
		if refunds.Total != 1 || refunds.Items[0].OrderNo != d.OrderNo {
			t.Fatalf("refund list %+v", refunds)
		}
		w.admin.Do("GET", "/api/admin/refunds?status=nope", nil).Expect(http.StatusBadRequest)
		w.admin.Do("POST", fmt.Sprintf("/api/admin/refunds/%d/reject", rr.ID), map[string]string{"reason": ""}).Expect(http.StatusBadRequest)
		w.admin.Do("POST", fmt.Sprintf("/api/admin/refunds/%d/approve", rr.ID), nil).Expect(http.StatusOK)

		var ad struct {
			order.Detail
			Payments []payment.Payment `json:"payments"`
		}
		w.admin.Do("GET", adminPath, nil).Expect(http.StatusOK).JSON(&ad)
		if ad.RefundedAmount != 5990 || ad.Status != order.StatusCompleted || len(ad.Payments) != 1 || ad.Payments[0].Status != payment.StatusPaid ||
			len(ad.Refunds) != 1 || len(ad.Events) != 6 {
			t.Fatalf("admin detail: %+v", ad)
		}
		var list struct {
			Items []order.Summary `json:"items"`
			Total int64           `json:"total"`
		}
		w.admin.Do("GET", "/api/admin/orders?order_no="+d.OrderNo, nil).Expect(http.StatusOK).JSON(&list)
		if list.Total != 1 || list.Items[0].ReceiverPhone != "138****8000" {
			t.Fatalf("admin list %+v", list)
		}
		w.admin.Do("GET", fmt.Sprintf("/api/admin/orders?shopper_id=%d&status=completed", w.idB), nil).Expect(http.StatusOK).JSON(&list)
		if list.Total != 0 {
			t.Fatal("filter by shopper ignored")
		}
		w.admin.Do("GET", "/api/admin/orders?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z", nil).Expect(http.StatusOK).JSON(&list)
		if list.Total != 0 {
			t.Fatal("date filter ignored")
		}
		w.admin.Do("GET", "/api/admin/orders?from=yesterday", nil).Expect(http.StatusBadRequest)

		w.shopA.Do("GET", "/api/shop/orders?status=completed", nil).Expect(http.StatusOK).JSON(&list)
		if list.Total != 1 || len(list.Items[0].Lines) != 1 {
			t.Fatalf("my completed orders %+v", list)
		}
		w.shopA.Do("GET", "/api/shop/orders?status=pending_payment", nil).Expect(http.StatusOK).JSON(&list)
		if list.Total != 0 {
			t.Fatal("status tab ignored")
		}
		w.shopA.Do("GET", "/api/shop/orders?status=bogus", nil).Expect(http.StatusBadRequest)
	})
}

func TestAdminCancelAndOrderSettingsOverHTTP(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newOrdWorld(t, dbURL, 10)
		d := w.checkout(t, 3)
		p := fmt.Sprintf("/api/admin/orders/%d/cancel", d.ID)
		w.admin.Do("POST", p, map[string]string{"note": ""}).Expect(http.StatusBadRequest)
		w.admin.Do("POST", p, map[string]string{"note": "out of season"}).Expect(http.StatusOK)
		if w.a.OrderStock(t, w.sku.ID) != 10 || w.status(t, d.ID) != order.StatusCancelled {
			t.Fatal("admin cancel did not return stock")
		}
		if w.a.OrderCount(t, "audit_log", "action = 'order.cancel'") != 1 {
			t.Fatal("admin cancel not audited")
		}
		w.admin.Do("POST", p, map[string]string{"note": "again"}).Expect(http.StatusConflict)

		var st order.Settings
		w.admin.Do("GET", "/api/admin/settings/order", nil).Expect(http.StatusOK).JSON(&st)
		if st != order.DefaultSettings() {
			t.Fatalf("defaults %+v", st)
		}
		for _, bad := range []string{`{"auto_cancel_minutes":0,"auto_confirm_days":10}`, `{"auto_cancel_minutes":1441,"auto_confirm_days":10}`,
			`{"auto_cancel_minutes":30,"auto_confirm_days":61}`, `{"auto_cancel_minutes":"30","auto_confirm_days":10}`} {
			w.admin.Do("PUT", "/api/admin/settings/order", bad).Expect(http.StatusBadRequest)
		}
		w.admin.Do("PUT", "/api/admin/settings/order", map[string]int{"auto_cancel_minutes": 45, "auto_confirm_days": 5}).Expect(http.StatusOK)
		w.admin.Do("GET", "/api/admin/settings/order", nil).Expect(http.StatusOK).JSON(&st)
		if st.AutoCancelMinutes != 45 || st.AutoConfirmDays != 5 {
			t.Fatalf("saved %+v", st)
		}
		if w.a.OrderCount(t, "audit_log", "action = 'settings.order.update'") != 1 {
			t.Fatal("settings change not audited")
		}
		if d2 := w.checkout(t, 1); d2.ExpiresAt.Sub(d2.CreatedAt).Minutes() != 45 {
			t.Fatalf("new payment window %v", d2.ExpiresAt.Sub(d2.CreatedAt))
		}
	})
}

func TestOrderMetrics(t *testing.T) {
	t.Parallel()
	a := newOrdWorld(t, testkit.FreshDatabaseURL(t, "sqlite"), 10)
	a.checkout(t, 1)
	res, err := http.Get(a.a.Server.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	for _, want := range []string{`fenxiao_orders{state="pending_payment"} 1`, `fenxiao_orders{state="paid"} 0`, `fenxiao_payments{state="pending"} 0`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// With sandbox payments off there is no way to pay and no sandbox confirm.
func TestSandboxDisabled(t *testing.T) {
	t.Parallel()
	a := testkit.NewApp(t, testkit.FreshDatabaseURL(t, "sqlite"), func(c *config.Config) { c.SandboxPayments = false })
	_, skus := a.OrderProduct(t, "x", testkit.OrderSKU{Price: 100, Stock: 5})
	c, _, addr := a.OrderShopperClient(t)
	var d order.Detail
	c.Do("POST", "/api/shop/orders", checkoutBody(skus[0].ID, 1, addr)).Expect(http.StatusOK).JSON(&d)
	var methods struct {
		Items []payment.Method `json:"items"`
	}
	c.Do("GET", fmt.Sprintf("/api/shop/orders/%d/pay-methods", d.ID), nil).Expect(http.StatusOK).JSON(&methods)
	if len(methods.Items) != 0 {
		t.Fatalf("methods %+v", methods)
	}
	r := c.Do("POST", fmt.Sprintf("/api/shop/orders/%d/pay", d.ID), map[string]string{"method": "sandbox"}).Expect(http.StatusBadRequest)
	if !strings.Contains(string(r.Body), "method_unavailable") {
		t.Fatalf("%s", r.Body)
	}
}

// Paying after the window closed, or confirming a sandbox payment for an
// order cancelled meanwhile, is refused and leaves nothing half-written.
func TestLatePaymentsAreRefused(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		w := newOrdWorld(t, dbURL, 10)
		d := w.checkout(t, 1)
		path := fmt.Sprintf("/api/shop/orders/%d", d.ID)
		var started payment.Started
		w.shopA.Do("POST", path+"/pay", map[string]string{"method": "sandbox"}).Expect(http.StatusOK).JSON(&started)
		w.shopA.Do("POST", path+"/cancel", nil).Expect(http.StatusOK)
		r := w.shopA.Do("POST", "/api/shop/payments/"+started.Payment.OutTradeNo+"/sandbox-confirm", nil).Expect(http.StatusConflict)
		if !strings.Contains(string(r.Body), "not_payable") {
			t.Fatalf("%s", r.Body)
		}
		if w.status(t, d.ID) != order.StatusCancelled || w.a.OrderCount(t, "payments", "status = 'paid'") != 0 {
			t.Fatal("a late confirmation changed something")
		}
		w.shopA.Do("POST", path+"/pay", map[string]string{"method": "sandbox"}).Expect(http.StatusConflict)

		d2 := w.checkout(t, 1)
		w.a.DB.Gorm.Exec("UPDATE orders SET expires_at = created_at WHERE id = ?", d2.ID)
		r = w.shopA.Do("POST", fmt.Sprintf("/api/shop/orders/%d/pay", d2.ID), map[string]string{"method": "sandbox"}).Expect(http.StatusConflict)
		if !strings.Contains(string(r.Body), "order_expired") {
			t.Fatalf("%s", r.Body)
		}
	})
}
