package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/payment/statement"
	"fenxiao/internal/platform/cst"
	"fenxiao/internal/platform/page"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

func TestStatementAPI(t *testing.T) {
	t.Parallel()
	fakes, opt := testkit.NewPayFakes(t)
	a := testkit.NewApp(t, testkit.FreshDatabaseURL(t, "sqlite"), opt)
	operator := a.AdminClient(t, adminauth.RoleOperator)
	now := time.Now().In(cst.Zone)
	today, yesterday := now.Format(time.DateOnly), now.AddDate(0, 0, -1).Format(time.DateOnly)
	// A paid trade in WeChat Pay's bill that we have no record of.
	if _, err := a.WeChatPay.Prepay(testkit.Ctx(), wechatpay.PrepayRequest{Method: wechatpay.MethodNative, OutTradeNo: "PAPISTMT01",
		Description: "Order PAPISTMT01", Amount: 1234}); err != nil {
		t.Fatal(err)
	}
	if err := fakes.WeChat.MarkPaid("PAPISTMT01"); err != nil {
		t.Fatal(err)
	}

	refused := []struct {
		name, method, path string
		body               any
		status             int
		reason             string
	}{
		{"unconfigured provider", "POST", "/api/admin/statements/run", map[string]string{"provider": "sandbox", "day": yesterday}, 400, "provider_not_configured"},
		{"malformed day", "POST", "/api/admin/statements/run", map[string]string{"provider": "wechatpay", "day": "2025-02-30"}, 400, "invalid_day"},
		{"today", "POST", "/api/admin/statements/run", map[string]string{"provider": "wechatpay", "day": today}, 400, "day_not_over"},
		{"future", "POST", "/api/admin/statements/run", map[string]string{"provider": "alipay", "day": "2999-01-01"}, 400, "day_not_over"},
		{"no day", "POST", "/api/admin/statements/run", map[string]string{"provider": "wechatpay"}, 400, ""},
		{"bad status filter", "GET", "/api/admin/statements?status=odd", nil, 400, ""},
		{"bad from", "GET", "/api/admin/statements?from=2025-1-1", nil, 400, ""},
		{"bad kind", "GET", "/api/admin/statements/1/mismatches?kind=odd", nil, 400, ""},
		{"unknown report", "GET", "/api/admin/statements/999/mismatches", nil, 404, ""},
	}
	for _, tt := range refused {
		res := operator.Do(tt.method, tt.path, tt.body).Expect(tt.status)
		if res.ErrorReason() != tt.reason {
			t.Errorf("%s: reason %q, want %q (%s)", tt.name, res.ErrorReason(), tt.reason, res.Body)
		}
	}

	var r statement.Report
	operator.Do("POST", "/api/admin/statements/run", map[string]string{"provider": "wechatpay", "day": yesterday}).Expect(http.StatusOK).JSON(&r)
	if r.ID == 0 || r.Day != yesterday || r.Status != statement.StatusMismatched || r.MissingHereCount != 1 || r.BillPaymentTotal != 1234 {
		t.Fatalf("run = %+v", r)
	}

	lists := []struct {
		query string
		total int64
	}{
		{"provider=wechatpay&from=" + yesterday + "&to=" + yesterday, 1},
		{"status=mismatched", 1},
		{"provider=alipay", 0},
		{"to=2000-01-01", 0},
	}
	for _, tt := range lists {
		var got page.Result[statement.Report]
		operator.Do("GET", "/api/admin/statements?"+tt.query, nil).Expect(http.StatusOK).JSON(&got)
		if got.Total != tt.total || int64(len(got.Items)) != tt.total || tt.total == 1 && got.Items[0].ID != r.ID {
			t.Errorf("list %s = %+v, want %d", tt.query, got, tt.total)
		}
	}

	var d statement.Detail
	operator.Do("GET", fmt.Sprintf("/api/admin/statements/%d/mismatches?page_size=10", r.ID), nil).Expect(http.StatusOK).JSON(&d)
	if d.Report.ID != r.ID || d.Mismatches.Total != 1 || len(d.Mismatches.Items) != 1 {
		t.Fatalf("detail = %+v", d)
	}
	if m := d.Mismatches.Items[0]; m.Kind != statement.KindMissingHere || m.OutTradeNo != "PAPISTMT01" || m.BillAmount == nil || *m.BillAmount != 1234 || m.OurAmount != nil {
		t.Errorf("mismatch = %+v", m)
	}
	operator.Do("GET", fmt.Sprintf("/api/admin/statements/%d/mismatches?kind=missing_there", r.ID), nil).Expect(http.StatusOK).JSON(&d)
	if d.Mismatches.Total != 0 {
		t.Errorf("missing_there filter = %+v", d.Mismatches)
	}
}
