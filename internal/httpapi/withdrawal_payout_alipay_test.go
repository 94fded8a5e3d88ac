package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/payment/providers/alipay/alipayfake"
	"fenxiao/internal/testkit"
)

// Approve -> the job transfers to the Alipay account -> paid at once,
// with Alipay's order id as the reference; a retried job sends nothing.
func TestAlipayPayoutSucceeds(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newPoEnv(t, dbURL)
		w := e.approved(t, 5000, e.account)
		if w.Provider != "alipay" || w.PayoutState != withdrawal.PayoutQueued {
			t.Fatalf("approved withdrawal %+v, want queued for alipay", w)
		}
		e.job(t, w.ID)
		paid := e.expectState(t, w.ID, withdrawal.StatusPaid, withdrawal.PayoutPaid)
		tr, ok := e.fakes.Alipay.Transfer(w.PayoutNo)
		if !ok || tr.Payee != "13812348000" || tr.Amount != 4950 || paid.Reference != tr.OrderID {
			t.Fatalf("transfer %+v, withdrawal reference %q", tr, paid.Reference)
		}
		e.job(t, w.ID)
		e.poll(t, w.ID)
		if n := e.alipayCalls(alipayTransfer); n != 1 {
			t.Fatalf("%d transfer requests, want 1", n)
		}
		e.balances(t, 95000, 0, 4950)
		if e.notified(t, "withdrawal_paid", "") != 1 {
			t.Fatal("paid must notify once")
		}
	})
}

// Alipay refuses the payee: nothing was created (asked), so the withdrawal
// fails, the amount returns and the distributor reads why.
func TestAlipayPayoutFails(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newPoEnv(t, dbURL)
		e.fakes.Alipay.AddAccount(alipayfake.Account{LogonID: "13900001111", RealName: "王六"})
		wrongName := e.addAccount(t, map[string]string{"kind": "alipay", "account": "13900001111", "real_name": "王五"})
		w := e.approved(t, 5000, wrongName)
		e.job(t, w.ID)
		failed := e.expectState(t, w.ID, withdrawal.StatusFailed, withdrawal.PayoutFailed)
		if failed.Reason != "转账未成功：支付宝账户与实名不一致" {
			t.Fatalf("reason %q", failed.Reason)
		}
		e.balances(t, 100000, 0, 0)
		if e.notified(t, "withdrawal_rejected", "") != 1 {
			t.Fatal("the distributor was not told")
		}
		e.poll(t, w.ID)
		if n := e.alipayCalls(alipayTransfer); n != 1 {
			t.Fatalf("%d transfer requests, want 1", n)
		}
	})
}

// Business errors Alipay answers with a nil SDK error (system busy,
// balance too low) leave the payout to be asked about; the poll then finds
// nothing under the number and sends again under the same number. A
// DEALING transfer is asked about until it succeeds.
func TestAlipayPayoutProviderTrouble(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newPoEnv(t, dbURL)
		w := e.approved(t, 5000, e.account)
		e.fakes.Alipay.FailNext("PAYER_BALANCE_NOT_ENOUGH", "余额不足") // the transfer is refused
		e.job(t, w.ID)
		if got := e.expectState(t, w.ID, withdrawal.StatusApproved, withdrawal.PayoutSending); got.PayoutError == "" {
			t.Fatal("no payout error recorded")
		}
		e.fakes.Alipay.FailNext("SYSTEM_ERROR", "系统繁忙") // the question is refused
		e.poll(t, w.ID)
		e.expectState(t, w.ID, withdrawal.StatusApproved, withdrawal.PayoutSending)
		e.balances(t, 95000, 5000, 0)
		if n := e.alipayCalls(alipayTransfer); n != 1 {
			t.Fatalf("%d transfer requests, want 1: an unanswered question sends nothing", n)
		}
		e.poll(t, w.ID)
		e.expectState(t, w.ID, withdrawal.StatusPaid, withdrawal.PayoutPaid)
		if n := e.alipayCalls(alipayTransfer); n != 2 {
			t.Fatalf("%d transfer requests, want 2 (one refused, one paid)", n)
		}
		if tr, _ := e.fakes.Alipay.Transfer(w.PayoutNo); tr.Amount != 4950 {
			t.Fatalf("transfer %+v", tr)
		}

		e.fakes.Alipay.HoldTransfers()
		d := e.approved(t, 2000, e.account)
		e.job(t, d.ID)
		e.expectState(t, d.ID, withdrawal.StatusApproved, withdrawal.PayoutProcessing)
		e.poll(t, d.ID)
		e.expectState(t, d.ID, withdrawal.StatusApproved, withdrawal.PayoutProcessing)
		expectError(t, e.admin.Do("POST", fmt.Sprintf("/api/admin/withdrawals/%d/cancel-payout", d.ID), nil), 409, "conflict", "not_cancellable")
		if err := e.fakes.Alipay.CompleteTransfer(d.PayoutNo); err != nil {
			t.Fatal(err)
		}
		e.poll(t, d.ID)
		e.expectState(t, d.ID, withdrawal.StatusPaid, withdrawal.PayoutPaid)
		e.balances(t, 93000, 0, 4950+1980)
	})
}

// The process dies after Alipay paid but before anything was recorded
// (the transfer's answer and the follow-up question are both lost): the
// row says "sending". Recovery asks first and records the payment; the
// transfer is sent exactly once.
func TestPayoutCrashBetweenSentAndRecordedPaysOnce(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newPoEnv(t, dbURL)
		w := e.approved(t, 5000, e.account)
		e.lossy.lose.Store(2)
		e.job(t, w.ID)
		e.expectState(t, w.ID, withdrawal.StatusApproved, withdrawal.PayoutSending)
		if _, ok := e.fakes.Alipay.Transfer(w.PayoutNo); !ok {
			t.Fatal("the transfer did not reach Alipay")
		}
		e.balances(t, 95000, 5000, 0)
		e.job(t, w.ID) // River retries the job
		e.expectState(t, w.ID, withdrawal.StatusPaid, withdrawal.PayoutPaid)
		e.poll(t, w.ID)
		if n := e.alipayCalls(alipayTransfer); n != 1 {
			t.Fatalf("%d transfer requests, want exactly 1", n)
		}
		e.balances(t, 95000, 0, 4950)
	})
}

// The real River worker runs the job Approve enqueued.
func TestPayoutJobRunsOnRiver(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newPoEnv(t, dbURL)
		w := e.approved(t, 5000, e.account)
		ctx, cancel := context.WithCancel(e.ctx)
		defer cancel()
		if err := e.a.Jobs.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer e.a.Jobs.Stop(context.Background())
		deadline := time.Now().Add(20 * time.Second)
		for e.get(t, w.ID).Status != withdrawal.StatusPaid {
			if time.Now().After(deadline) {
				t.Fatal("the payout job did not pay the withdrawal")
			}
			time.Sleep(100 * time.Millisecond)
		}
		e.balances(t, 95000, 0, 4950)
	})
}

// Payout settings are validated and audited.
func TestPayoutSettings(t *testing.T) {
	t.Parallel()
	e := newPoEnv(t, testkit.FreshDatabaseURL(t, "sqlite"))
	var st withdrawal.PayoutSettings
	e.super.Do("GET", "/api/admin/settings/withdrawal-payout", nil).Expect(http.StatusOK).JSON(&st)
	if st.WeChatSceneID != "" || st.Remark != "佣金提现" || len(st.WeChatSceneReports) != 2 {
		t.Fatalf("defaults %+v", st)
	}
	for name, body := range map[string]map[string]any{
		"scene not digits":  {"wechat_scene_id": "10a5", "remark": "佣金"},
		"scene, no reports": {"wechat_scene_id": "1005", "remark": "佣金", "wechat_scene_reports": []any{}},
		"empty report":      {"remark": "佣金", "wechat_scene_reports": []map[string]string{{"info_type": "岗位类型", "info_content": ""}}},
		"no remark":         {"remark": " "},
		"long remark":       {"remark": "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三"},
	} {
		if res := e.super.Do("PUT", "/api/admin/settings/withdrawal-payout", body); res.Status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400: %s", name, res.Status, res.Body)
		}
	}
	e.scene(t)
	e.super.Do("GET", "/api/admin/settings/withdrawal-payout", nil).Expect(http.StatusOK).JSON(&st)
	if st.WeChatSceneID != "1005" || st.WeChatSceneReports[1].Content != "6月佣金" {
		t.Fatalf("saved %+v", st)
	}
}
