package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"fenxiao/internal/payment"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

func TestAdminSeesAndResolvesPaymentAlerts(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		c := payment.Confirmation{Provider: "wechatpay", Source: payment.SourceNotification, OutTradeNo: "P-unknown", TransactionID: "42", Amount: 100}
		if out, err := a.Payments.Confirm(testkit.Ctx(), c, payment.Identity{}); err != nil || out != payment.OutcomeUnknown {
			t.Fatalf("%s %v", out, err)
		}
		admin := a.AdminClient(t, adminauth.RoleOperator)
		var list struct {
			Items []payment.Alert
			Total int64
		}
		admin.Do("GET", "/api/admin/payment-alerts?status=open", nil).Expect(http.StatusOK).JSON(&list)
		if list.Total != 1 || list.Items[0].Kind != payment.AlertUnknownTrade {
			t.Fatalf("open alerts: %+v", list)
		}
		path := fmt.Sprintf("/api/admin/payment-alerts/%d/resolve", list.Items[0].ID)
		admin.Do("POST", path, map[string]any{}).Expect(http.StatusBadRequest)
		admin.Do("GET", "/api/admin/payment-alerts?status=closed", nil).Expect(http.StatusBadRequest)
		var resolved payment.Alert
		admin.Do("POST", path, map[string]any{"note": "checked with WeChat Pay: a test notification"}).Expect(http.StatusOK).JSON(&resolved)
		if resolved.Status != "resolved" || resolved.ResolvedNote == "" || resolved.ResolvedAt == nil {
			t.Fatalf("resolved: %+v", resolved)
		}
		if reason := admin.Do("POST", path, map[string]any{"note": "again"}).Expect(http.StatusConflict).ErrorReason(); reason != "already_resolved" {
			t.Fatalf("second resolve: %s", reason)
		}
		admin.Do("POST", "/api/admin/payment-alerts/9999/resolve", map[string]any{"note": "x"}).Expect(http.StatusNotFound)
		admin.Do("GET", "/api/admin/payment-alerts?status=open", nil).Expect(http.StatusOK).JSON(&list)
		if list.Total != 0 {
			t.Fatalf("still open: %+v", list)
		}
		if n := a.OrderCount(t, "audit_log", "action = ?", "payment_alert.resolve"); n != 1 {
			t.Fatalf("audit entries = %d", n)
		}
	})
}
