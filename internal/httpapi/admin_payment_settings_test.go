package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"fenxiao/internal/platform/config"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

// Super admins enter payment credentials over HTTP: secrets never come
// back (GET, PUT answers, audit log), a bad key is a 400 naming the field,
// a wrong password a 403, operators get 403, and the answer says the
// change needs a restart.
func TestPaymentSettingsAPI(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		_, opt := testkit.NewPayFakes(t)
		var env config.Config
		opt(&env)
		a := testkit.NewApp(t, dbURL, func(c *config.Config) { opt(c); c.WeChatPay = config.WeChatPay{} })
		_, name, password := a.NewAdmin(t, adminauth.RoleSuper)
		super := a.LoginAdmin(t, name, password)
		operator := a.AdminClient(t, adminauth.RoleOperator)
		w := env.WeChatPay
		body := map[string]any{"password": password, "mch_id": w.MchID, "app_id": testkit.FakeWeChatAppID, "cert_serial": w.CertSerial,
			"private_key": w.PrivateKey, "apiv3_key": w.APIv3Key, "public_key_id": w.PublicKeyID, "public_key": w.PublicKey}
		secrets := []string{w.APIv3Key, strings.Split(w.PrivateKey, "\n")[5], strings.Split(env.Alipay.PrivateKey, "\n")[5]}
		noSecrets := func(where string, b []byte) {
			t.Helper()
			for _, s := range secrets {
				if strings.Contains(string(b), s) {
					t.Fatalf("%s shows a secret: %.300s", where, b)
				}
			}
		}

		operator.Do("GET", "/api/admin/settings/payments", nil).Expect(http.StatusForbidden)
		operator.Do("PUT", "/api/admin/settings/payments/wechatpay", body).Expect(http.StatusForbidden)

		bad := map[string]any{}
		for k, v := range body {
			bad[k] = v
		}
		bad["apiv3_key"] = strings.Repeat("k", 31)
		r := super.Do("PUT", "/api/admin/settings/payments/wechatpay", bad).Expect(http.StatusBadRequest)
		if !strings.Contains(string(r.Body), `"apiv3_key"`) {
			t.Fatalf("31-byte APIv3 key: %s", r.Body)
		}
		bad["apiv3_key"], bad["private_key"] = w.APIv3Key, "-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----"
		if r = super.Do("PUT", "/api/admin/settings/payments/wechatpay", bad).Expect(http.StatusBadRequest); !strings.Contains(string(r.Body), `"private_key"`) {
			t.Fatalf("bad PEM: %s", r.Body)
		}
		bad["private_key"], bad["password"] = w.PrivateKey, password+"x"
		if r = super.Do("PUT", "/api/admin/settings/payments/wechatpay", bad).Expect(http.StatusForbidden); r.ErrorReason() != "password_mismatch" {
			t.Fatalf("wrong password: %s", r.Body)
		}
		r = super.Do("GET", "/api/admin/settings/payments", nil).Expect(http.StatusOK)
		if !strings.Contains(string(r.Body), `"wechatpay":{"provider":"wechatpay","source":"none"`) {
			t.Fatalf("refused saves stored something: %s", r.Body)
		}

		r = super.Do("PUT", "/api/admin/settings/payments/wechatpay", body).Expect(http.StatusOK)
		noSecrets("PUT answer", r.Body)
		if !strings.Contains(string(r.Body), `"source":"settings","read_only":false,"enabled":false,"restart_required":true`) ||
			!strings.Contains(string(r.Body), `"mch_id":"`+w.MchID+`"`) {
			t.Fatalf("PUT answer: %s", r.Body)
		}
		r = super.Do("GET", "/api/admin/settings/payments", nil).Expect(http.StatusOK)
		noSecrets("GET", r.Body)
		if !strings.Contains(string(r.Body), `"apiv3_key":{"set":true,"fingerprint":"`) ||
			!strings.Contains(string(r.Body), `"alipay":{"provider":"alipay","source":"environment","read_only":true,"enabled":true`) {
			t.Fatalf("GET: %s", r.Body)
		}
		r = super.Do("PUT", "/api/admin/settings/payments/alipay", map[string]any{"password": password, "app_id": "2021000000000009",
			"private_key": env.Alipay.PrivateKey, "public_key": env.Alipay.PublicKey}).Expect(http.StatusConflict)
		if r.ErrorReason() != "from_environment" {
			t.Fatalf("Alipay from the environment: %s", r.Body)
		}

		super.Do("DELETE", "/api/admin/settings/payments/wechatpay", map[string]any{"password": "wrong"}).Expect(http.StatusForbidden)
		super.Do("DELETE", "/api/admin/settings/payments/wechatpay", map[string]any{"password": password}).Expect(http.StatusOK)
		super.Do("DELETE", "/api/admin/settings/payments/wechatpay", map[string]any{"password": password}).Expect(http.StatusNotFound)

		r = super.Do("GET", "/api/admin/audit-log?target_type=payment_credentials", nil).Expect(http.StatusOK)
		noSecrets("audit log", r.Body)
		if !strings.Contains(string(r.Body), "payment_credentials.save") || !strings.Contains(string(r.Body), "payment_credentials.clear") {
			t.Fatalf("audit log: %s", r.Body)
		}
	})
}
