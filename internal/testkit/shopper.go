package testkit

import (
	"net/http"
	"regexp"
	"testing"

	"fenxiao/internal/shop/member"
)

// NewShopper creates an active shopper directly through the service and
// returns its id. An empty phone makes an account without one.
func (a *App) NewShopper(t testing.TB, phone string) int64 {
	t.Helper()
	sh, err := a.Members.CreateWithPhone(Ctx(), phone)
	if err != nil {
		t.Fatalf("create shopper %s: %v", member.MaskPhone(phone), err)
	}
	return sh.ID
}

var smsCodeRe = regexp.MustCompile(`\d{6}`)

// LatestSMSCode reads the newest code the development SMS sender kept for
// phone, straight from the dev inbox table.
func (a *App) LatestSMSCode(t testing.TB, phone string) string {
	t.Helper()
	var m member.DevMessage
	if err := a.DB.Gorm.Where("phone = ?", phone).Order("id DESC").Take(&m).Error; err != nil {
		t.Fatalf("no SMS in the dev inbox for %s: %v", member.MaskPhone(phone), err)
	}
	code := smsCodeRe.FindString(m.Body)
	if code == "" {
		t.Fatalf("no code in SMS %q", m.Body)
	}
	return code
}

// ShopperClient returns a client logged in as the shopper with phone
// (created on first login) through the real SMS flow: request a code, read
// it from the dev inbox, log in. The SMS rate-limit counters of the phone
// and of 127.0.0.1 are reset before and after, so fixtures neither trip
// over nor eat into the limits a test checks.
func (a *App) ShopperClient(t testing.TB, phone string) *Client {
	t.Helper()
	a.resetSMSLimits(t, phone)
	c := a.Client()
	c.Do("POST", "/api/shop/auth/sms-code", map[string]string{"phone": phone}).Expect(http.StatusOK)
	code := a.LatestSMSCode(t, phone)
	c.Do("POST", "/api/shop/auth/sms-login", map[string]string{"phone": phone, "code": code}).Expect(http.StatusOK)
	a.resetSMSLimits(t, phone)
	return c
}

func (a *App) resetSMSLimits(t testing.TB, phone string) {
	t.Helper()
	if err := a.Members.ResetSMSLimits(Ctx(), phone, "127.0.0.1"); err != nil {
		t.Fatalf("reset sms limits: %v", err)
	}
}
