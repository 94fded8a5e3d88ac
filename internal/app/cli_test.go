package app

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestCLI(t *testing.T) {
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "cli.db")
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{name: "help lists commands and settings", args: []string{"help"}, wantOut: "FENXIAO_DATABASE_URL"},
		{name: "unknown command", args: []string{"frobnicate"}, wantCode: 2, wantErr: "unknown command"},
		{name: "migrate with a flag after the command", args: []string{"migrate", "--database-url", dbURL}, wantOut: "database is at migration"},
		{name: "periodic jobs are listed", args: []string{"jobs", "periodic", "--database-url", dbURL}},
		{name: "unknown periodic job", args: []string{"jobs", "run", "nope", "--database-url", dbURL}, wantCode: 1, wantErr: "no periodic job"},
		{name: "production refuses insecure settings", args: []string{"serve"}, env: map[string]string{"FENXIAO_ENV": "production"},
			wantCode: 2, wantErr: "FENXIAO_SECRET"},
		{name: "ledger check on an empty ledger", args: []string{"ledger", "check", "--database-url", dbURL}},
		{name: "ledger needs a subcommand", args: []string{"ledger", "--database-url", dbURL}, wantCode: 1, wantErr: "usage: fenxiao ledger check"},
		{name: "bad database url", args: []string{"migrate", "--database-url", "mysql://x"}, wantCode: 1, wantErr: "unsupported url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FENXIAO_DATA_DIR", t.TempDir())
			t.Setenv("FENXIAO_LOG_LEVEL", "error")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var out, errOut bytes.Buffer
			code := Main(tt.args, &out, &errOut)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out.String(), errOut.String())
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("stdout %q lacks %q", out.String(), tt.wantOut)
			}
			if !strings.Contains(errOut.String(), tt.wantErr) {
				t.Errorf("stderr %q lacks %q", errOut.String(), tt.wantErr)
			}
		})
	}
}

func TestSplitConfigArgs(t *testing.T) {
	t.Parallel()
	cfg, rest := splitConfigArgs([]string{"create", "--username", "bob", "--addr", ":9", "--env=production", "--sandbox-payments", "-x"})
	if strings.Join(cfg, " ") != "--addr :9 --env=production --sandbox-payments" {
		t.Fatalf("config args %q", cfg)
	}
	if strings.Join(rest, " ") != "create --username bob -x" {
		t.Fatalf("rest %q", rest)
	}
}
