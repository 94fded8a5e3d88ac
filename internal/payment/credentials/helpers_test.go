package credentials_test

import (
	"strings"
	"testing"

	"fenxiao/internal/payment/credentials"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/config"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

// fakeEnv starts the payment fakes and returns them with the environment
// credentials their app option would set, so tests can enter the same
// (valid, generated) keys through the admin instead.
func fakeEnv(t *testing.T) (*testkit.PayFakes, testkit.Option, config.Config) {
	t.Helper()
	f, opt := testkit.NewPayFakes(t)
	var c config.Config
	opt(&c)
	return f, opt, c
}

// storedOnly is opt with no payment credentials in the environment: the
// fakes' gateway and HTTP client stay, so stored credentials reach them.
func storedOnly(opt testkit.Option) testkit.Option {
	return func(c *config.Config) {
		opt(c)
		c.WeChatPay = config.WeChatPay{}
		c.Alipay = config.Alipay{Gateway: c.Alipay.Gateway}
	}
}

// storedOnlyApp is an app on the fakes' gateways whose credentials can
// only be entered through the admin, the credentials the fakes accept, and
// a super admin (with its password) to enter them.
func storedOnlyApp(t *testing.T, dbURL string) (*testkit.App, config.Config, audit.Actor, string) {
	t.Helper()
	_, opt, env := fakeEnv(t)
	a := testkit.NewApp(t, dbURL, storedOnly(opt))
	by, password := superAdmin(t, a)
	return a, env, by, password
}

// saveBoth saves the credentials the fakes accept for both providers.
func saveBoth(t *testing.T, a *testkit.App, env config.Config, by audit.Actor, password string) {
	t.Helper()
	if _, err := a.PaymentCredentials.SaveWeChatPay(testkit.Ctx(), by, wechatInput(env, password)); err != nil {
		t.Fatalf("save WeChat Pay: %v", err)
	}
	if _, err := a.PaymentCredentials.SaveAlipay(testkit.Ctx(), by, alipayInput(env, password)); err != nil {
		t.Fatalf("save Alipay: %v", err)
	}
}

func wechatInput(c config.Config, password string) credentials.WeChatPayInput {
	w := c.WeChatPay
	return credentials.WeChatPayInput{Password: password, WeChatPay: credentials.WeChatPay{MchID: w.MchID, AppID: testkit.FakeWeChatAppID,
		CertSerial: w.CertSerial, PrivateKey: w.PrivateKey, APIv3Key: w.APIv3Key, PublicKeyID: w.PublicKeyID, PublicKey: w.PublicKey}}
}

func alipayInput(c config.Config, password string) credentials.AlipayInput {
	return credentials.AlipayInput{Password: password, Alipay: credentials.Alipay{AppID: c.Alipay.AppID,
		PrivateKey: c.Alipay.PrivateKey, PublicKey: c.Alipay.PublicKey}}
}

// superAdmin is a super admin as the HTTP layer would name it, with its password.
func superAdmin(t *testing.T, a *testkit.App) (audit.Actor, string) {
	t.Helper()
	id, name, password := a.NewAdmin(t, adminauth.RoleSuper)
	return audit.Actor{ID: id, Username: name, Role: string(adminauth.RoleSuper), IP: "127.0.0.1"}, password
}

// storedRow is the raw row of provider, "" when none.
func storedRow(t *testing.T, a *testkit.App, provider string) string {
	t.Helper()
	var raw struct{ PublicJSON, Secrets string }
	if err := a.DB.Gorm.Raw("SELECT public_json, secrets FROM payment_credentials WHERE provider = ?", provider).Scan(&raw).Error; err != nil {
		t.Fatal(err)
	}
	if raw.PublicJSON == "" {
		return ""
	}
	return raw.PublicJSON + "\n" + raw.Secrets
}

// secretLines are recognisable pieces of the secrets in c: a line from
// the middle of each private key and the APIv3 key.
func secretLines(c config.Config) []string {
	out := []string{c.WeChatPay.APIv3Key}
	for _, pemText := range []string{c.WeChatPay.PrivateKey, c.Alipay.PrivateKey} {
		lines := strings.Split(strings.TrimSpace(pemText), "\n")
		out = append(out, lines[len(lines)/2])
	}
	return out
}

func assertNoSecrets(t *testing.T, where, text string, c config.Config) {
	t.Helper()
	for _, s := range secretLines(c) {
		if strings.Contains(text, s) {
			t.Fatalf("%s contains a secret (%.12s...): %.300s", where, s, text)
		}
	}
}
