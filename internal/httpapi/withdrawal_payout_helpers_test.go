package httpapi_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/payment/providers/alipay/alipayfake"
	"fenxiao/internal/platform/config"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/testkit"
)

// lossyTransport delivers requests to the fakes but can lose the next
// answers on the way back, as a timeout after the provider acted would.
type lossyTransport struct {
	inner http.RoundTripper
	lose  atomic.Int32 // answers still to lose
}

var errLostAnswer = errors.New("test: the answer was lost (timeout)")

func (l *lossyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := l.inner.RoundTrip(r)
	if err == nil && l.lose.Load() > 0 {
		l.lose.Add(-1)
		resp.Body.Close()
		return nil, errLostAnswer
	}
	return resp, err
}

// poEnv is a wdEnv paying withdrawals through the fake WeChat Pay and
// Alipay: the distributor has a linked WeChat and payout accounts for
// both (wdEnv.account is the Alipay one, known to the fake).
type poEnv struct {
	*wdEnv
	fakes  *testkit.PayFakes
	lossy  *lossyTransport
	openID string
	wechat int64 // the WeChat payout account's id
	super  *testkit.Client
	ctx    context.Context
}

func newPoEnv(t *testing.T, dbURL string) *poEnv {
	fakes, opt := testkit.NewPayFakes(t)
	lossy := &lossyTransport{}
	wd := newWdEnv(t, dbURL, opt, func(c *config.Config) {
		lossy.inner = c.PaymentHTTPClient.Transport
		c.PaymentHTTPClient = &http.Client{Transport: lossy, Timeout: 15 * time.Second}
	})
	e := &poEnv{wdEnv: wd, fakes: fakes, lossy: lossy, ctx: testkit.Ctx()}
	a := e.a
	e.openID = fmt.Sprintf("o-payout-%d", e.d.ShopperID)
	err := a.DB.Gorm.Create(&member.WeChatIdentity{ShopperID: e.d.ShopperID, AppID: testkit.FakeWeChatAppID, OpenID: e.openID,
		CreatedAt: database.Now()}).Error
	if err != nil {
		t.Fatal(err)
	}
	e.wechat = e.addAccount(t, map[string]string{"kind": "wechat"})
	fakes.Alipay.AddAccount(alipayfake.Account{LogonID: "13812348000", RealName: "张三"})
	e.super = a.AdminClient(t, adminauth.RoleSuper)
	a.SetWithdrawalSettings(t, loose(100)) // 1% fee
	a.FundDistributor(t, e.d.ID, 100000)
	return e
}

// newWeChatPoEnv is newPoEnv with the WeChat transfer scene set, so
// withdrawals to the WeChat account are paid through WeChat Pay.
func newWeChatPoEnv(t *testing.T, dbURL string) *poEnv {
	e := newPoEnv(t, dbURL)
	e.scene(t)
	return e
}

// scene stores the WeChat transfer scene through the super admin API.
func (e *poEnv) scene(t *testing.T) {
	e.super.Do("PUT", "/api/admin/settings/withdrawal-payout", map[string]any{"wechat_scene_id": "1005", "remark": "佣金提现",
		"wechat_scene_reports": []map[string]string{{"info_type": "岗位类型", "info_content": "推广员"}, {"info_type": "报酬说明", "info_content": "6月佣金"}}}).
		Expect(http.StatusOK)
}

// approved requests amount to account and approves it; the payout job is
// enqueued, not run.
func (e *poEnv) approved(t *testing.T, amount money.Fen, account int64) withdrawal.Withdrawal {
	t.Helper()
	var w withdrawal.Withdrawal
	e.d.C.Do("POST", "/api/shop/distributor/withdrawals", map[string]any{"amount": amount, "payout_account_id": account}).
		Expect(http.StatusOK).JSON(&w)
	e.admin.Do("POST", fmt.Sprintf("/api/admin/withdrawals/%d/approve", w.ID), map[string]string{"password": e.adminPW}).
		Expect(http.StatusOK).JSON(&w)
	return w
}

// job runs what the payout job runs.
func (e *poEnv) job(t *testing.T, id int64) {
	t.Helper()
	if err := e.a.Withdrawals.Advance(e.ctx, id); err != nil {
		t.Fatalf("advance %d: %v", id, err)
	}
}

// poll makes id's next question due and runs the periodic poll.
func (e *poEnv) poll(t *testing.T, id int64) {
	t.Helper()
	e.a.DB.Gorm.Model(&withdrawal.Withdrawal{}).Where("id = ?", id).Update("payout_next_at", database.Now().Add(-time.Second))
	if _, err := e.a.Jobs.RunPeriodic(e.ctx, withdrawal.PayoutPollJob); err != nil {
		t.Fatalf("poll: %v", err)
	}
}

// get is the admin's view of a withdrawal.
func (e *poEnv) get(t *testing.T, id int64) withdrawal.Withdrawal {
	t.Helper()
	var w withdrawal.Withdrawal
	e.admin.Do("GET", fmt.Sprintf("/api/admin/withdrawals/%d", id), nil).Expect(http.StatusOK).JSON(&w)
	return w
}

func (e *poEnv) expectState(t *testing.T, id int64, status withdrawal.Status, st withdrawal.PayoutState) withdrawal.Withdrawal {
	t.Helper()
	w := e.get(t, id)
	if w.Status != status || w.PayoutState != st {
		t.Fatalf("withdrawal %d is %s/%s (%s), want %s/%s", id, w.Status, w.PayoutState, w.PayoutError, status, st)
	}
	return w
}

// notifyTransfer delivers WeChat's signed transfer notification.
func (e *poEnv) notifyTransfer(t *testing.T, outBillNo string) {
	t.Helper()
	n, err := e.fakes.WeChat.TransferNotification(outBillNo)
	if err != nil {
		t.Fatal(err)
	}
	status, err := n.Post(e.ctx, http.DefaultClient, e.a.Server.URL+"/api/pay/notify/wechatpay")
	if err != nil || status != http.StatusNoContent && status != http.StatusOK {
		t.Fatalf("transfer notification: %d %v", status, err)
	}
}

// calls counts the fake gateways' requests of a kind: WeChat by method
// and path, Alipay by API name.
func (e *poEnv) wechatCalls(method, path string) int {
	n := 0
	for _, c := range e.fakes.WeChat.Calls() {
		if c.Method == method && c.Path == path {
			n++
		}
	}
	return n
}

func (e *poEnv) alipayCalls(api string) int {
	n := 0
	for _, c := range e.fakes.Alipay.Calls() {
		if c.Method == api {
			n++
		}
	}
	return n
}

const (
	transferBills  = "/v3/fund-app/mch-transfer/transfer-bills"
	alipayTransfer = "alipay.fund.trans.uni.transfer"
)
