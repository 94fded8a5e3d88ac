package credentials_test

import (
	"encoding/json"
	"strings"
	"testing"

	"fenxiao/internal/payment/credentials"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/testkit"
)

// Saved credentials are sealed in the database, come back masked, keep
// stored secrets when a later save leaves them empty, and are audited
// without secrets.
func TestSavedCredentialsAreSealedMaskedAndAudited(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a, env, by, password := storedOnlyApp(t, dbURL)
		svc, ctx := a.PaymentCredentials, testkit.Ctx()
		saveBoth(t, a, env, by, password)
		for _, p := range []string{credentials.ProviderWeChatPay, credentials.ProviderAlipay} {
			raw := storedRow(t, a, p)
			assertNoSecrets(t, p+" row", raw, env)
			if !strings.Contains(raw, "\nv1.") {
				t.Fatalf("%s secrets are not sealed: %.200s", p, raw)
			}
		}

		view, err := svc.View(ctx)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(view)
		assertNoSecrets(t, "view", string(b), env)
		w := view.WeChatPay
		if w.Source != credentials.SourceSettings || w.ReadOnly || w.Enabled || !w.RestartRequired || w.MchID != testkit.FakeWeChatMchID ||
			w.CertSerial != testkit.FakeWeChatSerial || w.PublicKeyID != testkit.FakePublicKeyID || !w.PrivateKey.Set ||
			len(w.PrivateKey.Fingerprint) != 8 || w.PrivateKey.Value != "" || !w.APIv3Key.Set || w.APIv3Key.Value != "" ||
			w.PublicKey.Value == "" || w.UpdatedBy != by.ID {
			t.Fatalf("WeChat Pay view = %+v", w)
		}
		if al := view.Alipay; al.Source != credentials.SourceSettings || al.AppID != testkit.FakeAlipayAppID || !al.PrivateKey.Set ||
			al.PrivateKey.Value != "" || al.PublicKey.Value == "" || !al.RestartRequired {
			t.Fatalf("Alipay view = %+v", al)
		}

		// Secrets left empty keep the stored ones; ids are replaced.
		in := wechatInput(env, password)
		in.PrivateKey, in.APIv3Key, in.MchID = "", "", "1900000110"
		again, err := svc.SaveWeChatPay(ctx, by, in)
		if err != nil {
			t.Fatalf("save without secrets: %v", err)
		}
		if g := again.WeChatPay; g.MchID != "1900000110" || g.PrivateKey != w.PrivateKey || g.APIv3Key != w.APIv3Key {
			t.Fatalf("after a save without secrets: %+v, want the keys of %+v", g, w)
		}

		var entries []struct{ Action, BeforeJSON, AfterJSON, Note string }
		a.DB.Gorm.Raw("SELECT action, before_json, after_json, note FROM audit_log WHERE target_type = 'payment_credentials' ORDER BY id").Scan(&entries)
		if len(entries) != 3 || entries[0].Note != "wechatpay" || entries[1].Note != "alipay" {
			t.Fatalf("audit entries = %+v", entries)
		}
		for _, e := range entries {
			assertNoSecrets(t, "audit entry", e.BeforeJSON+e.AfterJSON, env)
		}
		if !strings.Contains(entries[2].BeforeJSON, testkit.FakeWeChatMchID) || !strings.Contains(entries[2].AfterJSON, "1900000110") ||
			!strings.Contains(entries[2].AfterJSON, w.APIv3Key.Fingerprint) {
			t.Fatalf("audit entry lacks before/after ids or fingerprints: %+v", entries[2])
		}
	})
}

// A wrong password changes nothing and is not audited.
func TestWrongPasswordIsForbidden(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a, env, by, password := storedOnlyApp(t, dbURL)
		svc, ctx := a.PaymentCredentials, testkit.Ctx()
		if _, err := svc.SaveAlipay(ctx, by, alipayInput(env, password)); err != nil {
			t.Fatal(err)
		}
		before := storedRow(t, a, credentials.ProviderAlipay)
		checks := map[string]error{}
		_, checks["save WeChat Pay"] = svc.SaveWeChatPay(ctx, by, wechatInput(env, password+"x"))
		_, checks["save Alipay"] = svc.SaveAlipay(ctx, by, alipayInput(env, "wrong"))
		_, checks["clear"] = svc.Clear(ctx, by, credentials.ProviderAlipay, "wrong")
		for what, err := range checks {
			if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeForbidden || e.Reason != "password_mismatch" {
				t.Errorf("%s with a wrong password: %v", what, err)
			}
		}
		if storedRow(t, a, credentials.ProviderWeChatPay) != "" || storedRow(t, a, credentials.ProviderAlipay) != before {
			t.Fatal("a wrong password changed stored credentials")
		}
		var n int64
		a.DB.Gorm.Raw("SELECT COUNT(*) FROM audit_log WHERE target_type = 'payment_credentials'").Scan(&n)
		if n != 1 {
			t.Fatalf("%d audit entries, want only the first save", n)
		}
	})
}

// Clearing deletes the stored row (audited) and 404s when nothing is stored.
func TestClear(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		a, env, by, password := storedOnlyApp(t, dbURL)
		svc, ctx := a.PaymentCredentials, testkit.Ctx()
		if _, err := svc.SaveWeChatPay(ctx, by, wechatInput(env, password)); err != nil {
			t.Fatal(err)
		}
		view, err := svc.Clear(ctx, by, credentials.ProviderWeChatPay, password)
		if err != nil {
			t.Fatal(err)
		}
		if w := view.WeChatPay; w.Source != credentials.SourceNone || w.PrivateKey.Set || w.MchID != "" || storedRow(t, a, "wechatpay") != "" {
			t.Fatalf("after clear: %+v", w)
		}
		for _, p := range []string{credentials.ProviderWeChatPay, credentials.ProviderAlipay, "paypal"} {
			if _, err := svc.Clear(ctx, by, p, password); !apperr.Is(err, apperr.CodeNotFound) {
				t.Errorf("clear %s with nothing stored: %v", p, err)
			}
		}
		var n int64
		a.DB.Gorm.Raw("SELECT COUNT(*) FROM audit_log WHERE action = 'payment_credentials.clear' AND note = 'wechatpay'").Scan(&n)
		if n != 1 {
			t.Fatalf("%d clear audit entries", n)
		}
	})
}
