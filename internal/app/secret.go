package app

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// devSecretFile holds the server secret generated for a development
// install that was given none, so signed cookies and sealed data survive
// restarts. Production refuses to start without FENXIAO_SECRET.
const devSecretFile = "secret"

// ensureSecret fills an empty Config.Secret outside production from the
// data directory, creating it on first start.
func (a *App) ensureSecret() error {
	if a.Config.Secret != "" || a.Config.IsProduction() {
		return nil
	}
	path := filepath.Join(a.Config.DataDir, devSecretFile)
	b, err := os.ReadFile(path)
	if err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		a.Config.Secret = strings.TrimSpace(string(b))
		return nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if err := os.MkdirAll(a.Config.DataDir, 0o750); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	secret := rand.Text() + rand.Text() // 52 base32 characters, 260 bits
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	a.Log.Warn("no FENXIAO_SECRET set: generated a development secret", "file", path)
	a.Config.Secret = secret
	return nil
}
