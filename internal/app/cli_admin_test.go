package app_test

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fenxiao/internal/app"
	"fenxiao/internal/shop/adminauth"
)

func TestAdminCLI(t *testing.T) {
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "cli.db")
	t.Setenv("FENXIAO_DATA_DIR", t.TempDir())
	t.Setenv("FENXIAO_LOG_LEVEL", "error")
	t.Setenv("FENXIAO_DATABASE_URL", dbURL)
	run := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := app.Main(args, &out, &errOut)
		return code, out.String(), errOut.String()
	}
	steps := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"create super", []string{"admin", "create", "--username", "Boss", "--password", "boss-password-1", "--role", "super"}, 0, `created super admin "boss"`, ""},
		{"create operator by default", []string{"admin", "create", "--username", "ops", "--password", "ops-password-1"}, 0, `created operator admin "ops"`, ""},
		{"duplicate username", []string{"admin", "create", "--username", "boss", "--password", "boss-password-2"}, 1, "", "already exists"},
		{"short password", []string{"admin", "create", "--username", "kid", "--password", "short"}, 1, "", "--password must be at least 10 characters"},
		{"missing password", []string{"admin", "create", "--username", "kid"}, 1, "", "--password is required"},
		{"unknown role", []string{"admin", "create", "--username", "kid", "--password", "kids-password", "--role", "owner"}, 1, "", "--role must be one of: super, operator"},
		{"bad username", []string{"admin", "create", "--username", "a b", "--password", "kids-password"}, 1, "", "--username must be"},
		{"missing username", []string{"admin", "reset-password"}, 1, "", "--username is required"},
		{"unknown user", []string{"admin", "reset-password", "--username", "ghost"}, 1, "", `no admin is called "ghost"`},
		{"weak reset password", []string{"admin", "reset-password", "--username", "ops", "--password", "short"}, 1, "", "--password must be at least"},
		{"unknown subcommand", []string{"admin", "promote"}, 1, "", "unknown admin subcommand"},
		{"no subcommand", []string{"admin"}, 1, "", "usage: fenxiao admin"},
		{"reset with a chosen password, flag for the database", []string{"admin", "reset-password", "--username", "ops", "--password", "new-ops-password", "--database-url", dbURL}, 0, "must choose a new password", ""},
	}
	for _, s := range steps {
		code, out, errOut := run(s.args...)
		if code != s.wantCode || !strings.Contains(out, s.wantOut) || !strings.Contains(errOut, s.wantErr) {
			t.Fatalf("%s: exit %d (want %d)\nstdout: %s\nstderr: %s", s.name, code, s.wantCode, out, errOut)
		}
	}

	code, out, errOut := run("admin", "reset-password", "--username", "boss")
	m := regexp.MustCompile(`password: (\S+)`).FindStringSubmatch(out)
	if code != 0 || m == nil || len(m[1]) < 16 {
		t.Fatalf("generated reset: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if strings.Contains(errOut, m[1]) {
		t.Fatal("the generated password reached the log")
	}

	// The accounts are real: the passwords work and must be changed.
	var logs bytes.Buffer
	a := newApp(t, dbURL, &logs)
	for user, pw := range map[string]string{"boss": m[1], "ops": "new-ops-password"} {
		ad, err := a.Admins.Login(context.Background(), adminauth.Credentials{Username: user, Password: pw, IP: "192.0.2.9"})
		if err != nil {
			t.Fatalf("%s: %v", user, err)
		}
		if !ad.MustChangePassword {
			t.Fatalf("%s need not change the CLI-set password", user)
		}
	}
	if _, err := a.Admins.Login(context.Background(), adminauth.Credentials{Username: "boss", Password: "boss-password-1", IP: "192.0.2.9"}); err == nil {
		t.Fatal("the old password still works after a reset")
	}
	var n int64
	a.DB.Gorm.Table("audit_log").Where("actor_name = ? AND action IN ?", "cli", []string{"admin.create", "admin.reset_password"}).Count(&n)
	if n != 4 {
		t.Fatalf("%d CLI audit entries, want 4 (2 creates, 2 resets)", n)
	}
}
