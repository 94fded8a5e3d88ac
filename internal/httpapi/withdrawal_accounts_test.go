package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/shop/member"
	"fenxiao/internal/testkit"
)

// Payout accounts are validated, masked in every response (shop and admin)
// and deleted softly; bad input stores nothing.
func TestWithdrawalPayoutAccounts(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWdEnv(t, dbURL)
		c := e.d.C
		for _, tc := range []struct {
			name string
			body any
		}{
			{"unknown kind", map[string]string{"kind": "paypal", "account": "a@b.cn", "real_name": "张三"}},
			{"alipay without name", map[string]string{"kind": "alipay", "account": "13812348000"}},
			{"alipay bad account", map[string]string{"kind": "alipay", "account": "12345", "real_name": "张三"}},
			{"bank bad luhn", map[string]string{"kind": "bank", "account": "4111111111111112", "real_name": "李四", "bank_name": "招商银行"}},
			{"bank too short", map[string]string{"kind": "bank", "account": "4242", "real_name": "李四", "bank_name": "招商银行"}},
			{"bank without bank name", map[string]string{"kind": "bank", "account": "4111111111111111", "real_name": "李四"}},
			{"wechat not linked", map[string]string{"kind": "wechat"}},
			{"wechat with account", map[string]string{"kind": "wechat", "account": "x"}},
			{"unknown field", map[string]string{"kind": "alipay", "account": "a@b.cn", "real_name": "张三", "openid": "o"}},
		} {
			if r := c.Do("POST", "/api/shop/distributor/payout-accounts", tc.body); r.Status != http.StatusBadRequest {
				t.Fatalf("%s: got %d %s, want 400", tc.name, r.Status, r.Body)
			}
		}
		var bank, mail withdrawal.Account
		c.Do("POST", "/api/shop/distributor/payout-accounts", map[string]string{"kind": "bank", "account": "4111 1111 1111 1111",
			"real_name": "李小四", "bank_name": "招商银行"}).Expect(http.StatusOK).JSON(&bank)
		c.Do("POST", "/api/shop/distributor/payout-accounts", map[string]string{"kind": "alipay", "account": "Alice@Example.com",
			"real_name": "欧阳娜娜"}).Expect(http.StatusOK).JSON(&mail)
		expectError(t, c.Do("POST", "/api/shop/distributor/payout-accounts", map[string]string{"kind": "alipay", "account": "13812348000", "real_name": "张三"}),
			409, "conflict", "duplicate_account")
		for want, got := range map[string]string{
			"招商银行 **** **** **** 1111 李**": bank.Masked,
			"支付宝 a***@example.com 欧***":    mail.Masked,
		} {
			if got != want {
				t.Fatalf("masked %q, want %q", got, want)
			}
		}
		list := c.Do("GET", "/api/shop/distributor/payout-accounts", nil).Expect(http.StatusOK)
		assertMasked(t, string(list.Body))
		if !strings.Contains(string(list.Body), "138****8000 张*") {
			t.Fatalf("alipay phone not masked as expected: %s", list.Body)
		}

		e.a.FundDistributor(t, e.d.ID, 1000)
		w := e.requestOK(t, 200)
		assertMasked(t, string(e.admin.Do("GET", "/api/admin/withdrawals?status=pending&distributor_id="+fmt.Sprint(e.d.ID), nil).Expect(http.StatusOK).Body))
		assertMasked(t, string(e.admin.Do("GET", fmt.Sprintf("/api/admin/withdrawals/%d", w.ID), nil).Expect(http.StatusOK).Body))
		expectError(t, e.admin.Do("GET", "/api/admin/withdrawals?status=bogus", nil), 400, "invalid", "")

		c.Do("DELETE", fmt.Sprintf("/api/shop/distributor/payout-accounts/%d", e.account), nil).Expect(http.StatusOK)
		expectError(t, c.Do("DELETE", fmt.Sprintf("/api/shop/distributor/payout-accounts/%d", e.account), nil), 404, "not_found", "")
		expectError(t, e.request(200), 404, "not_found", "")
		var after []withdrawal.Account
		c.Do("GET", "/api/shop/distributor/payout-accounts", nil).Expect(http.StatusOK).JSON(&after)
		if len(after) != 2 {
			t.Fatalf("%d accounts after delete, want 2", len(after))
		}
		var old withdrawal.Withdrawal
		e.admin.Do("GET", fmt.Sprintf("/api/admin/withdrawals/%d", w.ID), nil).Expect(http.StatusOK).JSON(&old)
		if old.PayoutMasked != "支付宝 138****8000 张*" {
			t.Fatalf("snapshot %q lost after delete", old.PayoutMasked)
		}
	})
}

func assertMasked(t *testing.T, body string) {
	t.Helper()
	for _, secret := range []string{"13812348000", "4111111111111111", "张三", "李小四", "alice@example.com", "欧阳娜娜"} {
		if strings.Contains(body, secret) {
			t.Fatalf("response leaks %q: %s", secret, body)
		}
	}
}

// A wechat account pays the linked WeChat: the openid never leaves the
// server, the display is the masked nickname.
func TestWithdrawalWeChatAccount(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		e := newWdEnv(t, dbURL)
		e.a.DB.Gorm.Model(&member.Shopper{}).Where("id = ?", e.d.ShopperID).Update("nickname", "小明同学")
		id := member.WeChatIdentity{ShopperID: e.d.ShopperID, AppID: "wxapp", OpenID: "oSECRETopenid123", CreatedAt: time.Now().UTC()}
		if err := e.a.DB.Gorm.Create(&id).Error; err != nil {
			t.Fatal(err)
		}
		r := e.d.C.Do("POST", "/api/shop/distributor/payout-accounts", map[string]string{"kind": "wechat"}).Expect(http.StatusOK)
		var acc withdrawal.Account
		r.JSON(&acc)
		if acc.Kind != withdrawal.KindWeChat || acc.Masked != "微信零钱 小***" || strings.Contains(string(r.Body), "oSECRET") {
			t.Fatalf("wechat account %s", r.Body)
		}
		expectError(t, e.d.C.Do("POST", "/api/shop/distributor/payout-accounts", map[string]string{"kind": "wechat"}), 409, "conflict", "duplicate_account")
	})
}
