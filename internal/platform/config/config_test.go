package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadDefaults(t *testing.T) {
	t.Parallel()
	c, err := Load(nil, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DataDir != "./data" || c.Env != Development || !c.SandboxPayments {
		t.Fatalf("unexpected defaults: %+v", c)
	}
	if c.DatabaseURL != "sqlite:data/fenxiao.db" {
		t.Fatalf("database url = %q", c.DatabaseURL)
	}
}

func TestFlagsOverrideEnv(t *testing.T) {
	t.Parallel()
	c, err := Load([]string{"--addr", ":9000"}, env(map[string]string{"FENXIAO_ADDR": ":7000", "FENXIAO_DATA_DIR": "/tmp/x"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9000" || c.DataDir != "/tmp/x" {
		t.Fatalf("got %+v", c)
	}
}

func TestSecretFromFile(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(p, []byte(strings.Repeat("s", 40)+"\n"), 0o600)
	c, err := Load(nil, env(map[string]string{"FENXIAO_SECRET_FILE": p}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Secret != strings.Repeat("s", 40) {
		t.Fatalf("secret = %q", c.Secret)
	}
}

func TestProductionRefusesInsecureSettings(t *testing.T) {
	t.Parallel()
	secret := strings.Repeat("k", 40)
	tests := []struct {
		name    string
		env     map[string]string
		wantErr []string
	}{
		{"everything missing", map[string]string{"FENXIAO_ENV": "production"},
			[]string{"FENXIAO_SECRET", "FENXIAO_BASE_URL must be https"}},
		{"sandbox on", map[string]string{"FENXIAO_ENV": "production", "FENXIAO_SECRET": secret,
			"FENXIAO_BASE_URL": "https://shop.example.com", "FENXIAO_SANDBOX_PAYMENTS": "true"},
			[]string{"FENXIAO_SANDBOX_PAYMENTS must be off"}},
		{"plain http", map[string]string{"FENXIAO_ENV": "production", "FENXIAO_SECRET": secret,
			"FENXIAO_BASE_URL": "http://shop.example.com"}, []string{"https://"}},
		{"short secret", map[string]string{"FENXIAO_SECRET": "short"}, []string{"at least 32"}},
		{"bad env", map[string]string{"FENXIAO_ENV": "staging"}, []string{"development or production"}},
		{"secure", map[string]string{"FENXIAO_ENV": "production", "FENXIAO_SECRET": secret,
			"FENXIAO_BASE_URL": "https://shop.example.com"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(nil, env(tt.env))
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if c.SandboxPayments {
					t.Fatal("sandbox must default off in production")
				}
				return
			}
			if err == nil {
				t.Fatal("expected an error")
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestTrustedProxies(t *testing.T) {
	t.Parallel()
	c, err := Load(nil, env(map[string]string{"FENXIAO_TRUSTED_PROXIES": "10.0.0.1, 192.168.0.0/16"}))
	if err != nil || len(c.ProxyList()) != 2 {
		t.Fatalf("proxies %v %v", c.ProxyList(), err)
	}
	if _, err := Load(nil, env(map[string]string{"FENXIAO_TRUSTED_PROXIES": "not-an-ip"})); err == nil || !strings.Contains(err.Error(), "not an IP") {
		t.Fatalf("want an error, got %v", err)
	}
}
