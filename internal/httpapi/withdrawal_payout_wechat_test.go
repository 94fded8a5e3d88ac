package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/testkit"
)

// Approve -> WeChat transfer WAIT_USER_CONFIRM -> the owner gets the
// confirmation payload -> the distributor confirms in WeChat -> the
// notification pays it, once.
func TestWeChatPayoutConfirmedByDistributor(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWeChatPoEnv(t, dbURL)
		w := e.approved(t, 10000, e.wechat)
		if w.Provider != "wechatpay" || w.PayoutState != withdrawal.PayoutQueued {
			t.Fatalf("approved withdrawal %+v, want queued for wechatpay", w)
		}
		e.balances(t, 90000, 10000, 0)
		e.job(t, w.ID)
		e.expectState(t, w.ID, withdrawal.StatusApproved, withdrawal.PayoutWaitUser)
		bill, ok := e.fakes.WeChat.Transfer(w.PayoutNo)
		if !ok || bill.OpenID != e.openID || bill.Amount != 9900 || bill.SceneID != "1005" || bill.State != "WAIT_USER_CONFIRM" {
			t.Fatalf("transfer at WeChat %+v", bill)
		}
		if e.notified(t, "withdrawal_approved", "请确认收款") != 1 {
			t.Fatal("the distributor was not asked to confirm receipt")
		}

		var got withdrawal.ConfirmPayload
		path := fmt.Sprintf("/api/shop/distributor/withdrawals/%d/confirm", w.ID)
		e.d.C.Do("GET", path, nil).Expect(http.StatusOK).JSON(&got)
		if got.MchID != testkit.FakeWeChatMchID || got.AppID != testkit.FakeWeChatAppID || got.PackageInfo != bill.PackageInfo ||
			got.ExpiresAt.Before(time.Now().Add(23*time.Hour)) {
			t.Fatalf("confirm payload %+v, package %q", got, bill.PackageInfo)
		}
		other := refDistributor(t, e.a)
		expectError(t, other.C.Do("GET", path, nil), 404, "not_found", "")
		expectError(t, e.admin.Do("POST", fmt.Sprintf("/api/admin/withdrawals/%d/payout", w.ID), map[string]string{"reference": "X"}), 409, "conflict", "provider_payout")
		expectError(t, e.admin.Do("POST", fmt.Sprintf("/api/admin/withdrawals/%d/fail", w.ID), map[string]string{"reason": "x"}), 409, "conflict", "provider_payout")

		e.job(t, w.ID) // a retried job asks and sends nothing
		if n := e.wechatCalls("POST", transferBills); n != 1 {
			t.Fatalf("%d transfer requests, want 1", n)
		}
		if err := e.fakes.WeChat.ConfirmTransfer(w.PayoutNo); err != nil {
			t.Fatal(err)
		}
		e.notifyTransfer(t, w.PayoutNo)
		e.notifyTransfer(t, w.PayoutNo) // WeChat delivers twice
		paid := e.expectState(t, w.ID, withdrawal.StatusPaid, withdrawal.PayoutPaid)
		if paid.Reference != bill.TransferBillNo || paid.PaidAt == nil {
			t.Fatalf("paid withdrawal %+v, want reference %s", paid, bill.TransferBillNo)
		}
		e.balances(t, 90000, 0, 9900)
		e.poll(t, w.ID)
		e.balances(t, 90000, 0, 9900)
		if e.notified(t, "withdrawal_paid", "") != 1 {
			t.Fatal("paid must notify once")
		}
		expectError(t, e.d.C.Do("GET", path, nil), 409, "conflict", "wrong_status")
	})
}

// Nobody confirms: after 24 hours WeChat closes the transfer (FAIL); the
// poll learns it, the amount returns and the distributor is told why.
func TestWeChatPayoutExpires(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWeChatPoEnv(t, dbURL)
		w := e.approved(t, 10000, e.wechat)
		e.job(t, w.ID)
		e.expectState(t, w.ID, withdrawal.StatusApproved, withdrawal.PayoutWaitUser)
		e.a.DB.Gorm.Model(&withdrawal.Withdrawal{}).Where("id = ?", w.ID).Update("payout_sent_at", database.Now().Add(-25*time.Hour))
		expectError(t, e.d.C.Do("GET", fmt.Sprintf("/api/shop/distributor/withdrawals/%d/confirm", w.ID), nil), 409, "conflict", "transfer_expired")

		e.poll(t, w.ID) // WeChat has not closed it yet: still waiting
		e.expectState(t, w.ID, withdrawal.StatusApproved, withdrawal.PayoutWaitUser)
		if err := e.fakes.WeChat.FailTransfer(w.PayoutNo, "TRANSFER_EXPIRED"); err != nil {
			t.Fatal(err)
		}
		e.poll(t, w.ID)
		failed := e.expectState(t, w.ID, withdrawal.StatusFailed, withdrawal.PayoutFailed)
		if failed.Reason != "超过 24 小时未在微信确认收款，转账已关闭" {
			t.Fatalf("reason %q", failed.Reason)
		}
		e.balances(t, 100000, 0, 0)
		e.notifyTransfer(t, w.PayoutNo) // the late notification changes nothing
		e.balances(t, 100000, 0, 0)
		if e.notified(t, "withdrawal_rejected", "") != 1 || e.wechatCalls("POST", transferBills) != 1 {
			t.Fatal("an expired transfer must notify once and never be sent again")
		}
		// Were WeChat ever to report it paid now, the money would have left
		// twice: nothing moves, but the withdrawal tells the admin.
		paid := withdrawal.Result{Outcome: withdrawal.OutcomePaid, Reference: "1330000071100999991182020050700019480001"}
		if err := e.a.Withdrawals.TransferNotified(testkit.Ctx(), "wechatpay", w.PayoutNo, paid); err != nil {
			t.Fatal(err)
		}
		late := e.expectState(t, w.ID, withdrawal.StatusFailed, withdrawal.PayoutFailed)
		if !strings.Contains(late.PayoutError, "AFTER IT WAS failed") {
			t.Fatalf("payout error %q, want the reconcile-by-hand note", late.PayoutError)
		}
		e.balances(t, 100000, 0, 0)
	})
}

// An admin cancels a waiting transfer (funds return once WeChat confirms
// the cancellation) and a queued one (nothing is ever sent).
func TestWeChatPayoutAdminCancel(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWeChatPoEnv(t, dbURL)
		w := e.approved(t, 10000, e.wechat)
		e.job(t, w.ID)
		cancel := fmt.Sprintf("/api/admin/withdrawals/%d/cancel-payout", w.ID)
		var got withdrawal.Withdrawal
		e.admin.Do("POST", cancel, nil).Expect(http.StatusOK).JSON(&got)
		if got.Status != withdrawal.StatusApproved || got.PayoutState != withdrawal.PayoutCanceling {
			t.Fatalf("after cancel %s/%s, want approved/canceling until WeChat confirms", got.Status, got.PayoutState)
		}
		e.balances(t, 90000, 10000, 0)
		expectError(t, e.d.C.Do("GET", fmt.Sprintf("/api/shop/distributor/withdrawals/%d/confirm", w.ID), nil), 409, "conflict", "wrong_status")
		e.poll(t, w.ID)
		failed := e.expectState(t, w.ID, withdrawal.StatusFailed, withdrawal.PayoutFailed)
		if failed.Reason != "商家已撤销本次转账" {
			t.Fatalf("reason %q", failed.Reason)
		}
		e.balances(t, 100000, 0, 0)
		expectError(t, e.admin.Do("POST", cancel, nil), 409, "conflict", "wrong_status")
		var audits int64
		e.a.DB.Gorm.Table("audit_log").Where("action = ? AND target_id = ?", "withdrawal.payout_cancel", fmt.Sprint(w.ID)).Count(&audits)
		if audits != 1 {
			t.Fatalf("%d payout_cancel audit entries, want 1", audits)
		}

		q := e.approved(t, 5000, e.wechat) // cancelled before its job ran
		e.admin.Do("POST", fmt.Sprintf("/api/admin/withdrawals/%d/cancel-payout", q.ID), nil).Expect(http.StatusOK)
		e.job(t, q.ID)
		e.expectState(t, q.ID, withdrawal.StatusFailed, withdrawal.PayoutFailed)
		if _, sent := e.fakes.WeChat.Transfer(q.PayoutNo); sent {
			t.Fatal("a cancelled queued payout was sent")
		}
		e.balances(t, 100000, 0, 0)
	})
}

// Provider trouble never pays twice: a 5xx creates nothing and the poll
// sends again under the same number; a timeout after WeChat created the
// transfer is resolved by query (the package is lost with the answer, so
// the transfer is revoked and the amount returned), never by a new send.
func TestWeChatPayoutProviderTrouble(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWeChatPoEnv(t, dbURL)
		w := e.approved(t, 10000, e.wechat)
		e.fakes.WeChat.FailNext(http.StatusInternalServerError, "SYSTEM_ERROR", "系统繁忙")
		e.job(t, w.ID)
		sending := e.expectState(t, w.ID, withdrawal.StatusApproved, withdrawal.PayoutSending)
		if sending.PayoutError == "" {
			t.Fatal("the provider trouble is not shown to admins")
		}
		var mine struct{ Items []withdrawal.Withdrawal }
		e.d.C.Do("GET", "/api/shop/distributor/withdrawals", nil).Expect(http.StatusOK).JSON(&mine)
		if len(mine.Items) != 1 || mine.Items[0].PayoutError != "" {
			t.Fatalf("the distributor sees the merchant's provider trouble: %+v", mine.Items)
		}
		expectError(t, e.admin.Do("POST", fmt.Sprintf("/api/admin/withdrawals/%d/cancel-payout", w.ID), nil), 409, "conflict", "payout_sending")
		e.poll(t, w.ID)
		e.expectState(t, w.ID, withdrawal.StatusApproved, withdrawal.PayoutWaitUser)
		if n := e.wechatCalls("POST", transferBills); n != 2 {
			t.Fatalf("%d transfer requests, want the failed one and one more", n)
		}

		lost := e.approved(t, 3000, e.wechat)
		e.lossy.lose.Store(1) // WeChat creates the transfer; the answer never arrives
		e.job(t, lost.ID)
		e.expectState(t, lost.ID, withdrawal.StatusApproved, withdrawal.PayoutCanceling)
		e.poll(t, lost.ID)
		failed := e.expectState(t, lost.ID, withdrawal.StatusFailed, withdrawal.PayoutFailed)
		if failed.Reason == "" {
			t.Fatal("no reason for the distributor")
		}
		if n := e.wechatCalls("POST", transferBills); n != 3 {
			t.Fatalf("%d transfer requests, want 3: the lost answer must not cause a second send", n)
		}
		e.balances(t, 90000, 10000, 0) // the first still waits; the second is back
	})
}

// Withdrawals stay manual without a WeChat transfer scene, and for banks.
func TestPayoutRoutesManualWithoutProvider(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newPoEnv(t, dbURL)
		bank := e.addAccount(t, map[string]string{"kind": "bank", "account": "4111111111111111", "real_name": "张三", "bank_name": "工商银行"})
		for _, account := range []int64{e.wechat, bank} {
			w := e.approved(t, 1000, account)
			if w.Provider != "manual" || w.PayoutState != withdrawal.PayoutNone {
				t.Fatalf("withdrawal to account %d: %s/%s, want manual", account, w.Provider, w.PayoutState)
			}
			e.admin.Do("POST", fmt.Sprintf("/api/admin/withdrawals/%d/payout", w.ID), map[string]string{"reference": "BANK-1"}).Expect(http.StatusOK)
		}
		if len(e.fakes.WeChat.Calls()) != 0 {
			t.Fatal("a manual payout reached WeChat Pay")
		}
	})
}
