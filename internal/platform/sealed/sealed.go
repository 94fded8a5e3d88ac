// Package sealed encrypts small secrets for storage (payout account
// numbers, real names, payment credentials) with keys derived from the
// server secret, and computes keyed digests for looking them up without
// decrypting.
//
// Format: "v1." + base64url(nonce || AES-256-GCM ciphertext). The purpose
// string is both the key-derivation label and the GCM additional data, so
// a value sealed for one column cannot be opened as another.
package sealed

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

const prefix = "v1."

// ErrOpen is returned for a value that is not a sealed value of this box
// (tampered, another purpose, or another server secret).
var ErrOpen = errors.New("sealed value cannot be opened with this key")

// Box seals values for one purpose.
type Box struct {
	purpose string
	aead    cipher.AEAD
	macKey  []byte
}

// New derives the box for purpose from the server secret.
func New(secret, purpose string) (*Box, error) {
	encKey, err := hkdf.Key(sha256.New, []byte(secret), nil, "fenxiao/"+purpose+"/enc", 32)
	if err != nil {
		return nil, fmt.Errorf("derive key: %w", err)
	}
	macKey, err := hkdf.Key(sha256.New, []byte(secret), nil, "fenxiao/"+purpose+"/mac", 32)
	if err != nil {
		return nil, fmt.Errorf("derive mac key: %w", err)
	}
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, fmt.Errorf("aes: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("gcm: %w", err)
	}
	return &Box{purpose: purpose, aead: aead, macKey: macKey}, nil
}

// Seal encrypts plain; the empty string stays empty (nothing to hide).
func (b *Box) Seal(plain string) string {
	if plain == "" {
		return ""
	}
	nonce := make([]byte, b.aead.NonceSize())
	rand.Read(nonce) // crypto/rand.Read never fails (Go 1.24+)
	out := b.aead.Seal(nonce, nonce, []byte(plain), []byte(b.purpose))
	return prefix + base64.RawURLEncoding.EncodeToString(out)
}

// Open decrypts a value from Seal. Errors: ErrOpen.
func (b *Box) Open(sealed string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	raw, ok := strings.CutPrefix(sealed, prefix)
	if !ok {
		return "", ErrOpen
	}
	data, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil || len(data) < b.aead.NonceSize()+b.aead.Overhead() {
		return "", ErrOpen
	}
	n := b.aead.NonceSize()
	plain, err := b.aead.Open(nil, data[:n], data[n:], []byte(b.purpose))
	if err != nil {
		return "", ErrOpen
	}
	return string(plain), nil
}

// IsSealed reports whether s looks like a sealed value (for migrating
// values stored before encryption).
func IsSealed(s string) bool { return strings.HasPrefix(s, prefix) }

// Digest is a keyed hash of plain (hex HMAC-SHA256): equal inputs give
// equal digests, so duplicates can be found without storing the value.
func (b *Box) Digest(plain string) string {
	m := hmac.New(sha256.New, b.macKey)
	m.Write([]byte(plain))
	return hex.EncodeToString(m.Sum(nil))
}
