package credentials_test

import (
	"errors"
	"strings"
	"testing"

	"fenxiao/internal/payment/credentials"
	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/config"
	"fenxiao/internal/testkit"
)

// stop closes an app before the test ends, so the next one can open the
// same database (SQLite allows one process at a time).
func stop(a *testkit.App) {
	a.Server.Close()
	a.Close()
}

// Credentials saved in the admin take effect at the next start: the app
// started with them and nothing in the environment runs WeChat Pay and
// Alipay against the (fake) gateways, which check our signatures and sign
// their answers with the keys entered.
func TestNextStartRunsWithStoredCredentials(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		f, opt, env := fakeEnv(t)
		ctx := testkit.Ctx()
		first := testkit.NewApp(t, dbURL, storedOnly(opt))
		if first.WeChatPay != nil || first.Alipay != nil {
			t.Fatal("providers running without credentials")
		}
		by, password := superAdmin(t, first)
		if _, err := first.PaymentCredentials.SaveWeChatPay(ctx, by, wechatInput(env, password)); err != nil {
			t.Fatal(err)
		}
		view, err := first.PaymentCredentials.SaveAlipay(ctx, by, alipayInput(env, password))
		if err != nil {
			t.Fatal(err)
		}
		if view.WeChatPay.Enabled || !view.WeChatPay.RestartRequired || view.Alipay.Enabled || !view.Alipay.RestartRequired {
			t.Fatalf("before the restart: %+v", view)
		}
		stop(first)

		second := testkit.NewApp(t, dbURL, storedOnly(opt))
		if second.WeChatPay == nil || second.Alipay == nil || second.WeChatPayID.MchID != testkit.FakeWeChatMchID ||
			second.WeChatPayID.AppID != testkit.FakeWeChatAppID {
			t.Fatalf("stored credentials not used at start: %v %v %+v", second.WeChatPay, second.Alipay, second.WeChatPayID)
		}
		payload, err := second.WeChatPay.Prepay(ctx, wechatpay.PrepayRequest{Method: wechatpay.MethodNative, OutTradeNo: "CRED00000001",
			Description: "stored credentials", Amount: 100})
		if err != nil || payload["code_url"] == nil {
			t.Fatalf("WeChat Pay with stored credentials: %v, %v", payload, err)
		}
		if _, ok := f.WeChat.Trade("CRED00000001"); !ok {
			t.Fatal("the WeChat Pay fake has no trade")
		}
		if _, err := second.Alipay.TradeQuery(ctx, "CRED00000002"); !errors.Is(err, alipay.ErrTradeNotExist) {
			t.Fatalf("Alipay with stored credentials: %v, want a verified trade-not-exist answer", err)
		}
		view, err = second.PaymentCredentials.View(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []credentials.Status{view.WeChatPay.Status, view.Alipay.Status} {
			if !st.Enabled || st.RestartRequired || st.Source != credentials.SourceSettings || st.Problem != "" {
				t.Fatalf("after the restart: %+v", st)
			}
		}

		// Deleting them stops nothing now; the next start goes without.
		by, password = superAdmin(t, second)
		if view, err = second.PaymentCredentials.Clear(ctx, by, credentials.ProviderAlipay, password); err != nil {
			t.Fatal(err)
		}
		if st := view.Alipay.Status; !st.Enabled || !st.RestartRequired || st.Source != credentials.SourceNone {
			t.Fatalf("after clear: %+v", st)
		}
		stop(second)

		// Another server secret cannot open them: the app still starts, the
		// provider is off and the admin is told why.
		third := testkit.NewApp(t, dbURL, storedOnly(opt), func(c *config.Config) { c.Secret = strings.Repeat("z", 40) })
		if third.WeChatPay != nil || third.Alipay != nil {
			t.Fatal("providers running with credentials sealed under another secret")
		}
		view, err = third.PaymentCredentials.View(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if w := view.WeChatPay; w.Enabled || !strings.Contains(w.Problem, "server secret") || w.MchID != testkit.FakeWeChatMchID || w.PrivateKey.Set {
			t.Fatalf("credentials under another secret: %+v", w)
		}
	})
}

// Per provider, the environment wins: WeChat Pay from FENXIAO_WECHATPAY_*
// is read-only and the stored WeChat Pay credentials are ignored, while
// Alipay, not in the environment, runs with the stored ones.
func TestEnvironmentWinsPerProvider(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		_, opt, env := fakeEnv(t)
		ctx := testkit.Ctx()
		first := testkit.NewApp(t, dbURL, storedOnly(opt))
		by, password := superAdmin(t, first)
		stored := wechatInput(env, password)
		stored.MchID = "1900000999"
		if _, err := first.PaymentCredentials.SaveWeChatPay(ctx, by, stored); err != nil {
			t.Fatal(err)
		}
		if _, err := first.PaymentCredentials.SaveAlipay(ctx, by, alipayInput(env, password)); err != nil {
			t.Fatal(err)
		}
		stop(first)

		wechatFromEnv := func(c *config.Config) { opt(c); c.Alipay = config.Alipay{Gateway: c.Alipay.Gateway} }
		a := testkit.NewApp(t, dbURL, wechatFromEnv)
		if a.WeChatPayID.MchID != testkit.FakeWeChatMchID || a.Alipay == nil {
			t.Fatalf("running %+v, alipay %v", a.WeChatPayID, a.Alipay)
		}
		by, password = superAdmin(t, a)
		_, err := a.PaymentCredentials.SaveWeChatPay(ctx, by, wechatInput(env, password))
		if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeConflict || e.Reason != "from_environment" {
			t.Fatalf("saving WeChat Pay configured by the environment: %v", err)
		}
		view, err := a.PaymentCredentials.View(ctx)
		if err != nil {
			t.Fatal(err)
		}
		w := view.WeChatPay
		if w.Source != credentials.SourceEnvironment || !w.ReadOnly || !w.Enabled || !w.StoredIgnored || w.RestartRequired ||
			w.MchID != testkit.FakeWeChatMchID || !w.PrivateKey.Set || w.PrivateKey.Value != "" || !w.APIv3Key.Set {
			t.Fatalf("WeChat Pay from the environment: %+v", w)
		}
		if al := view.Alipay; al.Source != credentials.SourceSettings || !al.Enabled || al.ReadOnly || al.RestartRequired {
			t.Fatalf("Alipay from settings: %+v", al)
		}
	})
}
