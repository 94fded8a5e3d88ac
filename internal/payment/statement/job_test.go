package statement_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/payment/statement"
	"fenxiao/internal/platform/cst"
	"fenxiao/internal/testkit"
)

func TestProviderErrorIsRecordedAndRetried(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newEnv(t, dbURL)
		e.wxPaid(t, "PWFAIL001", 100)
		e.paid(t, wx, "PWFAIL001", 100, e.noon)
		e.aliPaid(t, "PAFAIL001", 100)
		e.paid(t, ali, "PAFAIL001", 100, e.noon)
		tests := []struct {
			name, provider, errText string
			fail                    func()
		}{
			{"wechat system error", wx, "SYSTEM_ERROR", func() { e.fakes.WeChat.FailNext(http.StatusInternalServerError, "SYSTEM_ERROR", "系统繁忙") }},
			// Not an empty day: the bill is still being made.
			{"wechat statement creating", wx, "STATEMENT_CREATING", func() { e.fakes.WeChat.FailNext(http.StatusBadRequest, "STATEMENT_CREATING", "账单生成中") }},
			{"wechat bill hash", wx, "SHA1", e.fakes.WeChat.CorruptBillHash},
			{"alipay system error", ali, "ACQ.SYSTEM_ERROR", func() { e.fakes.Alipay.FailNext("ACQ.SYSTEM_ERROR", "系统错误") }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.fail()
				r := e.run(t, tt.provider)
				if r.Status != statement.StatusFailed || !strings.Contains(r.Failure, tt.errText) || r.NoBill || r.MismatchCount != 0 ||
					r.OurPaymentCount != 0 || len(e.mismatches(t, r.ID)) != 0 {
					t.Errorf("failed run = %+v", r)
				}
				if r := e.run(t, tt.provider); r.Status != statement.StatusBalanced || r.Failure != "" || r.BillPaymentCount != 1 {
					t.Errorf("next run = %+v", r)
				}
			})
		}
	})
}

func TestDailyJobDoesYesterdayOnceBillsAreOut(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newEnv(t, dbURL)
		if !slices.Contains(e.a.Jobs.PeriodicNames(), statement.DailyJob) {
			t.Fatalf("%s not registered: %v", statement.DailyJob, e.a.Jobs.PeriodicNames())
		}
		today := e.noon.AddDate(0, 0, 1)
		at := func(hour int) {
			statement.SetNow(e.a.Statements, func() time.Time {
				return time.Date(today.Year(), today.Month(), today.Day(), hour, 30, 0, 0, cst.Zone)
			})
		}
		job := func() string {
			t.Helper()
			summary, err := e.a.Jobs.RunPeriodic(testkit.Ctx(), statement.DailyJob)
			if err != nil {
				t.Fatal(err)
			}
			return summary
		}
		e.wxPaid(t, "PWJOB0001", 100)
		e.paid(t, wx, "PWJOB0001", 100, e.noon)
		e.paid(t, ali, "PAJOB0001", 200, e.noon) // Alipay: no bill yet, so not settled

		at(9)
		if s := job(); s != "bills are not out yet" || e.a.OrderCount(t, "statement_reports") != 0 {
			t.Fatalf("before 10:00: %q", s)
		}
		at(10)
		e.fakes.WeChat.FailNext(http.StatusInternalServerError, "SYSTEM_ERROR", "系统繁忙")
		want := "alipay " + e.day + ": mismatched; wechatpay " + e.day + ": failed"
		if s := job(); s != want {
			t.Fatalf("first pass = %q, want %q", s, want)
		}
		at(11)
		e.aliPaid(t, "PAJOB0001", 200) // Alipay's bill is out now
		want = "alipay " + e.day + ": balanced; wechatpay " + e.day + ": balanced"
		if s := job(); s != want {
			t.Fatalf("second pass = %q, want %q", s, want)
		}
		calls := len(e.fakes.WeChat.Calls()) + len(e.fakes.Alipay.Calls())
		at(12)
		if s := job(); s != "nothing to do" || len(e.fakes.WeChat.Calls())+len(e.fakes.Alipay.Calls()) != calls {
			t.Errorf("third pass = %q, and it asked the providers again", s)
		}
		if n := e.a.OrderCount(t, "statement_reports", "day = ? AND run_by = ?", e.day, "system"); n != 2 {
			t.Errorf("%d reports by the job, want 2", n)
		}
	})
}

func TestRunRefusesBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t, testkit.FreshDatabaseURL(t, "sqlite"))
	today := time.Now().In(cst.Zone).Format(time.DateOnly)
	tests := []struct{ provider, day, reason string }{
		{"sandbox", e.day, "provider_not_configured"},
		{"", e.day, "provider_not_configured"},
		{wx, "2025-13-01", "invalid_day"},
		{wx, "yesterday", "invalid_day"},
		{wx, today, "day_not_over"},
		{ali, "2999-01-01", "day_not_over"},
	}
	for _, tt := range tests {
		_, err := e.a.Statements.Run(testkit.Ctx(), admin, statement.RunInput{Provider: tt.provider, Day: tt.day})
		if err == nil || !strings.Contains(err.Error(), "("+tt.reason+")") {
			t.Errorf("Run(%q, %q) = %v, want %s", tt.provider, tt.day, err, tt.reason)
		}
	}
	if n := e.a.OrderCount(t, "statement_reports"); n != 0 {
		t.Errorf("%d reports after refused runs", n)
	}
}
