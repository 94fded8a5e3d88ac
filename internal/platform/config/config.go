// Package config holds Fenxiao's one Config: defaults, then FENXIAO_* env
// vars, then command-line flags. Secrets may come from a file named by the
// matching *_FILE variable so they stay out of process listings.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Env is the deployment mode.
type Env string

const (
	Development Env = "development"
	Production  Env = "production"
)

// Config is everything the binary can be told.
type Config struct {
	Addr        string
	DataDir     string
	DatabaseURL string
	BaseURL     string
	Secret      string
	Env         Env
	RedisURL    string
	LogLevel    string
	// TrustedProxies lists the reverse proxies (IPs or CIDRs, comma separated)
	// whose X-Forwarded-For is believed. Empty means the peer address is the
	// client: otherwise anyone could dodge per-IP rate limits with a header.
	TrustedProxies string
	// SandboxPayments enables the labelled fake payment provider used by the
	// demo. It is on by default in development and refused in production.
	SandboxPayments bool
	WeChat          WeChat
	WeChatPay       WeChatPay
	Alipay          Alipay
	// PaymentHTTPClient, when set, carries every call to WeChat Pay and
	// Alipay (tests point it at the local fake gateways). Not a setting.
	PaymentHTTPClient *http.Client
	// CheapPasswordHashes makes new admin password hashes cost almost
	// nothing (tests create and log in hundreds of admins). Not a setting:
	// no flag or variable reaches it, and production mode refuses it.
	CheapPasswordHashes bool
}

// WeChatPay holds the merchant's WeChat Pay v3 credentials; the provider
// is on when MchID is set. Keys may be given inline or with *_FILE.
type WeChatPay struct {
	MchID, AppID, CertSerial, PrivateKey, APIv3Key, PublicKeyID, PublicKey string
}

// Alipay holds the app's Alipay credentials; the provider is on when
// AppID is set. Gateway overrides the gateway URL (Alipay's sandbox).
type Alipay struct {
	AppID, PrivateKey, PublicKey, Gateway string
}

// WeChat holds the official-account credentials for web authorization.
// APIBase is only overridden by tests (a local fake of the OAuth endpoints).
type WeChat struct {
	AppID     string
	AppSecret string
	APIBase   string
	OpenBase  string
}

// ProxyList returns TrustedProxies as a list.
func (c Config) ProxyList() []string {
	var out []string
	for _, p := range strings.Split(c.TrustedProxies, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// IsProduction reports whether production rules apply.
func (c Config) IsProduction() bool { return c.Env == Production }

// SQLitePath is the database file path when DatabaseURL is sqlite.
func (c Config) SQLitePath() string { return strings.TrimPrefix(c.DatabaseURL, "sqlite:") }

type spec struct {
	name, env, usage string
	str              *string
	boolean          *bool
	def              string
	secret           bool
}

func (c *Config) specs() []spec {
	return []spec{
		{name: "addr", env: "FENXIAO_ADDR", str: &c.Addr, def: ":8080", usage: "HTTP listen address"},
		{name: "data-dir", env: "FENXIAO_DATA_DIR", str: &c.DataDir, def: "./data", usage: "directory for the SQLite database and uploads"},
		{name: "database-url", env: "FENXIAO_DATABASE_URL", str: &c.DatabaseURL, usage: "sqlite:<path> (default <data-dir>/fenxiao.db) or postgres://..."},
		{name: "base-url", env: "FENXIAO_BASE_URL", str: &c.BaseURL, def: "http://localhost:8080", usage: "public URL of the store, used in links, QR codes and callbacks"},
		{name: "secret", env: "FENXIAO_SECRET", str: &c.Secret, secret: true, usage: "server secret for signed cookies and encryption at rest (at least 32 characters)"},
		{name: "env", env: "FENXIAO_ENV", def: string(Development), usage: "development or production"},
		{name: "redis-url", env: "FENXIAO_REDIS_URL", str: &c.RedisURL, usage: "optional redis://... for leaderboards and rate limits"},
		{name: "trusted-proxies", env: "FENXIAO_TRUSTED_PROXIES", str: &c.TrustedProxies, usage: "comma-separated IPs/CIDRs of reverse proxies whose X-Forwarded-For is trusted (default none)"},
		{name: "log-level", env: "FENXIAO_LOG_LEVEL", str: &c.LogLevel, def: "info", usage: "debug, info, warn or error"},
		{name: "sandbox-payments", env: "FENXIAO_SANDBOX_PAYMENTS", boolean: &c.SandboxPayments, usage: "enable the demo sandbox payment provider (default: on in development; refused in production)"},
		{name: "wechat-app-id", env: "FENXIAO_WECHAT_APP_ID", str: &c.WeChat.AppID, usage: "WeChat official account AppID for web authorization"},
		{name: "wechat-app-secret", env: "FENXIAO_WECHAT_APP_SECRET", str: &c.WeChat.AppSecret, secret: true, usage: "WeChat official account AppSecret"},
		{name: "wechat-api-base", env: "FENXIAO_WECHAT_API_BASE", str: &c.WeChat.APIBase, def: "https://api.weixin.qq.com", usage: "WeChat API base URL (tests only)"},
		{name: "wechatpay-mchid", env: "FENXIAO_WECHATPAY_MCHID", str: &c.WeChatPay.MchID, usage: "WeChat Pay merchant id (turns WeChat Pay on)"},
		{name: "wechatpay-appid", env: "FENXIAO_WECHATPAY_APPID", str: &c.WeChatPay.AppID, usage: "AppID paying through WeChat Pay (default: FENXIAO_WECHAT_APP_ID)"},
		{name: "wechatpay-cert-serial", env: "FENXIAO_WECHATPAY_CERT_SERIAL", str: &c.WeChatPay.CertSerial, usage: "serial number of the merchant API certificate"},
		{name: "wechatpay-private-key", env: "FENXIAO_WECHATPAY_PRIVATE_KEY", str: &c.WeChatPay.PrivateKey, secret: true, usage: "merchant API private key PEM (apiclient_key.pem)"},
		{name: "wechatpay-apiv3-key", env: "FENXIAO_WECHATPAY_APIV3_KEY", str: &c.WeChatPay.APIv3Key, secret: true, usage: "APIv3 key (32 bytes) that decrypts notifications"},
		{name: "wechatpay-public-key-id", env: "FENXIAO_WECHATPAY_PUBLIC_KEY_ID", str: &c.WeChatPay.PublicKeyID, usage: "WeChat Pay public key id (PUB_KEY_ID_...)"},
		{name: "wechatpay-public-key", env: "FENXIAO_WECHATPAY_PUBLIC_KEY", str: &c.WeChatPay.PublicKey, secret: true, usage: "WeChat Pay public key PEM (pub_key.pem)"},
		{name: "alipay-app-id", env: "FENXIAO_ALIPAY_APP_ID", str: &c.Alipay.AppID, usage: "Alipay app id (turns Alipay on)"},
		{name: "alipay-private-key", env: "FENXIAO_ALIPAY_PRIVATE_KEY", str: &c.Alipay.PrivateKey, secret: true, usage: "Alipay app private key (PEM or base64)"},
		{name: "alipay-public-key", env: "FENXIAO_ALIPAY_PUBLIC_KEY", str: &c.Alipay.PublicKey, secret: true, usage: "Alipay public key (PEM or base64)"},
		{name: "alipay-gateway", env: "FENXIAO_ALIPAY_GATEWAY", str: &c.Alipay.Gateway, usage: "Alipay gateway URL override (for Alipay's sandbox)"},
		{name: "wechat-open-base", env: "FENXIAO_WECHAT_OPEN_BASE", str: &c.WeChat.OpenBase, def: "https://open.weixin.qq.com", usage: "WeChat authorize page base URL (tests only)"},
	}
}

// Load builds a Config from env (via getenv) and then args (flags).
func Load(args []string, getenv func(string) string) (Config, error) {
	var c Config
	var env string
	fs := flag.NewFlagSet("fenxiao", flag.ContinueOnError)
	sandboxSet := false
	for _, s := range c.specs() {
		val, err := lookup(s, getenv)
		if err != nil {
			return c, err
		}
		switch {
		case s.name == "env":
			fs.StringVar(&env, s.name, firstNonEmpty(val, s.def), s.usage)
		case s.boolean != nil:
			b := false
			if val != "" {
				if b, err = strconv.ParseBool(val); err != nil {
					return c, fmt.Errorf("%s: %q is not true or false", s.env, val)
				}
				sandboxSet = true
			}
			fs.BoolVar(s.boolean, s.name, b, s.usage)
		default:
			fs.StringVar(s.str, s.name, firstNonEmpty(val, s.def), s.usage)
		}
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "sandbox-payments" {
			sandboxSet = true
		}
	})
	c.Env = Env(env)
	if c.Env != Development && c.Env != Production {
		return c, fmt.Errorf("FENXIAO_ENV: %q must be development or production", env)
	}
	if !sandboxSet {
		c.SandboxPayments = c.Env == Development
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = "sqlite:" + filepath.Join(c.DataDir, "fenxiao.db")
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	return c, c.Validate()
}

func lookup(s spec, getenv func(string) string) (string, error) {
	if s.secret {
		if path := getenv(s.env + "_FILE"); path != "" {
			b, err := os.ReadFile(path)
			if err != nil {
				return "", fmt.Errorf("%s_FILE: %w", s.env, err)
			}
			return strings.TrimSpace(string(b)), nil
		}
	}
	return getenv(s.env), nil
}

// Validate checks settings; in production it refuses anything insecure and
// names every problem at once.
func (c Config) Validate() error {
	var problems []string
	if c.Secret != "" && len(c.Secret) < 32 {
		problems = append(problems, "FENXIAO_SECRET must be at least 32 characters")
	}
	for _, p := range c.ProxyList() {
		if net.ParseIP(p) == nil {
			if _, _, err := net.ParseCIDR(p); err != nil {
				problems = append(problems, fmt.Sprintf("FENXIAO_TRUSTED_PROXIES: %q is not an IP address or CIDR", p))
			}
		}
	}
	if c.IsProduction() {
		if c.Secret == "" {
			problems = append(problems, "FENXIAO_SECRET (or FENXIAO_SECRET_FILE) is required in production: it signs cookies and encrypts stored credentials")
		}
		if c.SandboxPayments {
			problems = append(problems, "FENXIAO_SANDBOX_PAYMENTS must be off in production: the sandbox marks orders paid without real money")
		}
		if c.CheapPasswordHashes {
			problems = append(problems, "cheap password hashes are for tests only")
		}
		if !strings.HasPrefix(c.BaseURL, "https://") {
			problems = append(problems, fmt.Sprintf("FENXIAO_BASE_URL must be https:// in production (got %q): session cookies and payment callbacks need TLS", c.BaseURL))
		}
	}
	if len(problems) > 0 {
		return errors.New("insecure or invalid configuration:\n  - " + strings.Join(problems, "\n  - "))
	}
	return nil
}

// Usage lists every setting with its env var and flag, for --help and the README.
func Usage() string {
	var b strings.Builder
	var c Config
	for _, s := range c.specs() {
		fmt.Fprintf(&b, "  --%-20s %-28s %s", s.name, s.env, s.usage)
		if s.def != "" {
			fmt.Fprintf(&b, " (default %s)", s.def)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
