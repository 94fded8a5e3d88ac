package app_test

import (
	"bytes"
	"context"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"

	"fenxiao/internal/app"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/config"
	"fenxiao/internal/shop/adminauth"
	"fenxiao/internal/testkit"
)

func newApp(t *testing.T, dbURL string, logs *bytes.Buffer) *app.App {
	t.Helper()
	cfg := config.Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), DatabaseURL: dbURL, BaseURL: "http://shop.test",
		Secret: "test-secret-test-secret-test-secret!!", Env: config.Development, LogLevel: "info"}
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewJSONHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	return a
}

var printedPassword = regexp.MustCompile(`password: (\S+)`)

func TestFirstStartCreatesOneSuperAdminOnce(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		var logs, out bytes.Buffer
		a := newApp(t, dbURL, &logs)
		ctx := context.Background()
		if err := a.OnFirstStart(ctx, &out); err != nil {
			t.Fatal(err)
		}
		m := printedPassword.FindStringSubmatch(out.String())
		if m == nil || !strings.Contains(out.String(), "username: admin") {
			t.Fatalf("first start printed %q", out.String())
		}
		password := m[1]
		if len(password) < 16 {
			t.Fatalf("initial password %q is too short", password)
		}
		if strings.Contains(logs.String(), password) {
			t.Fatal("the initial password reached the log")
		}
		if !strings.Contains(logs.String(), "initial super admin created") {
			t.Fatalf("no log line about the initial admin: %s", logs.String())
		}

		ad, err := a.Admins.Login(ctx, adminauth.Credentials{Username: "admin", Password: password, IP: "192.0.2.1"})
		if err != nil {
			t.Fatalf("log in with the printed password: %v", err)
		}
		if !ad.IsSuper() || !ad.MustChangePassword {
			t.Fatalf("initial admin %+v: want super with a pending password change", ad)
		}

		// Later starts (this instance or a new one) print nothing.
		out.Reset()
		if err := a.OnFirstStart(ctx, &out); err != nil || out.Len() != 0 {
			t.Fatalf("second start printed %q (%v)", out.String(), err)
		}
		if err := newApp(t, dbURL, &logs).OnFirstStart(ctx, &out); err != nil || out.Len() != 0 {
			t.Fatalf("restart printed %q (%v)", out.String(), err)
		}
	})
}

// Two instances starting together on one database create one admin and
// print one password.
func TestFirstStartIsConcurrencySafe(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		var logs bytes.Buffer
		apps := []*app.App{newApp(t, dbURL, &logs), newApp(t, dbURL, &logs), newApp(t, dbURL, &logs)}
		outs := make([]bytes.Buffer, len(apps))
		errs := make([]error, len(apps))
		var wg sync.WaitGroup
		for i, a := range apps {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = a.OnFirstStart(context.Background(), &outs[i])
			}()
		}
		wg.Wait()
		printed := 0
		for i := range apps {
			if errs[i] != nil {
				t.Fatalf("instance %d: %v", i, errs[i])
			}
			if outs[i].Len() > 0 {
				printed++
			}
		}
		var n int64
		apps[0].DB.Gorm.Table("admin_users").Count(&n)
		if printed != 1 || n != 1 {
			t.Fatalf("%d instances printed a password, %d admins exist; want 1 and 1", printed, n)
		}
	})
}

// Tests hash admin passwords cheaply; a production app refuses to, and an
// app built without the test switch hashes at the full argon2id cost.
func TestCheapPasswordHashesAreForTestsOnly(t *testing.T) {
	t.Parallel()
	cfg := config.Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), DatabaseURL: testkit.FreshDatabaseURL(t, "sqlite"),
		BaseURL: "https://shop.test", Secret: "test-secret-test-secret-test-secret!!", Env: config.Production,
		CheapPasswordHashes: true}
	if a, err := app.New(context.Background(), cfg, slog.New(slog.DiscardHandler)); err == nil {
		a.Close()
		t.Fatal("a production app started with cheap password hashes")
	}
	a := newApp(t, testkit.FreshDatabaseURL(t, "sqlite"), &bytes.Buffer{})
	if _, err := a.Admins.Create(context.Background(), audit.Actor{Username: "test", Role: "system"}, adminauth.NewAdmin{Username: "full-cost",
		Password: "a-long-enough-password", Role: adminauth.RoleOperator}); err != nil {
		t.Fatal(err)
	}
	var hash string
	a.DB.Gorm.Raw("SELECT password_hash FROM admin_users WHERE username = 'full-cost'").Scan(&hash)
	if !strings.Contains(hash, "$m=19456,t=2,") {
		t.Fatalf("hash %q is not at the default cost", hash)
	}
}
