package testkit

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"fenxiao/internal/platform/audit"
	"fenxiao/internal/shop/adminauth"
)

var adminSeq atomic.Int64

// NewAdmin creates an active admin of the given role directly through the
// service, with a random password and no pending password change.
func (a *App) NewAdmin(t testing.TB, role adminauth.Role) (id int64, username, password string) {
	t.Helper()
	username = fmt.Sprintf("%s%d", role, adminSeq.Add(1))
	password, err := adminauth.GeneratePassword()
	if err != nil {
		t.Fatal(err)
	}
	ad, err := a.Admins.Create(Ctx(), audit.Actor{Username: "testkit", Role: "system"},
		adminauth.NewAdmin{Username: username, Password: password, Role: role})
	if err != nil {
		t.Fatalf("create %s admin: %v", role, err)
	}
	return ad.ID, ad.Username, password
}

// AdminClient returns a client logged in as a fresh admin of the given role
// through the real login endpoint (its CSRF token is set).
func (a *App) AdminClient(t testing.TB, role adminauth.Role) *Client {
	t.Helper()
	_, username, password := a.NewAdmin(t, role)
	return a.LoginAdmin(t, username, password)
}

// LoginAdmin logs username in through POST /api/admin/login and returns
// the client. The login rate limit is reset afterwards so tests may log in
// many admins from 127.0.0.1.
func (a *App) LoginAdmin(t testing.TB, username, password string) *Client {
	t.Helper()
	c := a.Client()
	c.t = t
	c.Do(http.MethodPost, "/api/admin/login", map[string]string{"username": username, "password": password}).Expect(http.StatusOK)
	if c.CSRF == "" {
		t.Fatal("login returned no csrf_token")
	}
	if err := a.Admins.ResetLoginThrottle(Ctx(), "127.0.0.1", username); err != nil {
		t.Fatalf("reset login throttle: %v", err)
	}
	return c
}
