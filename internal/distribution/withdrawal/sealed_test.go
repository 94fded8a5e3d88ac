package withdrawal_test

import (
	"strings"
	"testing"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/testkit"
)

// Payout account numbers and names never sit in the database in plain
// text, yet a payout can still read them and duplicates are still found.
func TestPayoutAccountsAreSealedAtRest(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		d := a.DistributorUnder(t, "")
		ctx := testkit.Ctx()
		inputs := []withdrawal.AccountInput{
			{Kind: withdrawal.KindAlipay, Account: "13812348000", RealName: "张三"},
			{Kind: withdrawal.KindAlipay, Account: "Zhang.San.Long.Email.Address@Example-Company.com", RealName: "欧阳娜娜娜娜"},
			{Kind: withdrawal.KindBank, Account: "4111 1111 1111 1111", RealName: "李四", BankName: "工商银行"},
		}
		for _, in := range inputs {
			acct, err := a.Withdrawals.AddAccount(ctx, d.ShopperID, in)
			if err != nil {
				t.Fatalf("add %+v: %v", in, err)
			}
			var raw struct{ Account, RealName, AccountDigest string }
			a.DB.Gorm.Raw("SELECT account, real_name, account_digest FROM payout_accounts WHERE id = ?", acct.ID).Scan(&raw)
			plainAccount := strings.ToLower(strings.ReplaceAll(in.Account, " ", ""))
			if strings.Contains(strings.ToLower(raw.Account), plainAccount[:8]) || strings.Contains(raw.RealName, in.RealName) || raw.AccountDigest == "" {
				t.Fatalf("stored in plain text: %+v", raw)
			}
			target, err := a.Withdrawals.PayoutTarget(ctx, withdrawal.Withdrawal{PayoutAccountID: acct.ID, DistributorID: d.ID})
			if err != nil {
				t.Fatal(err)
			}
			if target.Account != plainAccount || target.RealName != in.RealName || target.Kind != in.Kind {
				t.Fatalf("payout target = %+v, want %s / %s", target, plainAccount, in.RealName)
			}
			if _, err := a.Withdrawals.AddAccount(ctx, d.ShopperID, in); err == nil || !strings.Contains(err.Error(), "exists already") {
				t.Fatalf("duplicate of a sealed account accepted: %v", err)
			}
		}
		// Another distributor's account is not a payout target of this one.
		other := a.DistributorUnder(t, "")
		if _, err := a.Withdrawals.PayoutTarget(ctx, withdrawal.Withdrawal{PayoutAccountID: 1, DistributorID: other.ID}); err == nil {
			t.Fatal("opened another distributor's account")
		}
	})
}

// Accounts stored in plain text by an older version are sealed on start,
// once.
func TestLegacyPlainAccountsAreSealedOnStart(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a := testkit.NewApp(t, dbURL)
		d := a.DistributorUnder(t, "")
		err := a.DB.Gorm.Exec(`INSERT INTO payout_accounts (distributor_id, kind, account, real_name, bank_name, masked, created_at)
			VALUES (?, 'alipay', '13812348000', '张三', '', '支付宝 138****8000 张*', ?)`, d.ID, database.Now()).Error
		if err != nil {
			t.Fatal(err)
		}
		if n, err := a.Withdrawals.SealLegacy(testkit.Ctx()); err != nil || n != 1 {
			t.Fatalf("seal legacy = %d, %v; want 1", n, err)
		}
		if n, err := a.Withdrawals.SealLegacy(testkit.Ctx()); err != nil || n != 0 {
			t.Fatalf("second run sealed %d, %v; want 0", n, err)
		}
		var raw struct {
			ID                int64
			Account, RealName string
		}
		a.DB.Gorm.Raw("SELECT id, account, real_name FROM payout_accounts").Scan(&raw)
		if strings.Contains(raw.Account, "13812348000") || strings.Contains(raw.RealName, "张三") {
			t.Fatalf("legacy row still plain: %+v", raw)
		}
		target, err := a.Withdrawals.PayoutTarget(testkit.Ctx(), withdrawal.Withdrawal{PayoutAccountID: raw.ID, DistributorID: d.ID})
		if err != nil || target.Account != "13812348000" || target.RealName != "张三" {
			t.Fatalf("target = %+v, %v", target, err)
		}
		_, err = a.Withdrawals.AddAccount(testkit.Ctx(), d.ShopperID, withdrawal.AccountInput{Kind: withdrawal.KindAlipay, Account: "13812348000", RealName: "张三"})
		if err == nil {
			t.Fatal("duplicate of a legacy account accepted")
		}
	})
}
