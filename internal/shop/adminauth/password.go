package adminauth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"fenxiao/internal/platform/apperr"
)

// Password policy. Length is what matters for a login password; composition
// rules only push people towards predictable patterns.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 128
	// generatedLength is the length of passwords Fenxiao makes up itself
	// (first start, resets): about 115 bits from a 55-symbol alphabet.
	generatedLength = 20
)

// HashCost is the argon2id cost of new password hashes. It is stored in
// every hash, so raising it later keeps old hashes valid.
type HashCost struct {
	Time      uint32 // passes
	MemoryKiB uint32
}

// DefaultHashCost is OWASP's recommendation: 19 MiB, 2 passes (1 lane).
var DefaultHashCost = HashCost{Time: 2, MemoryKiB: 19 * 1024}

const (
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// CheckPasswordPolicy reports whether pw may be used as a password; field
// names the input field in the error. Errors: invalid.
func CheckPasswordPolicy(field, pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLength:
		return apperr.InvalidField(field, fmt.Sprintf("must be at least %d characters", MinPasswordLength)).WithReason("weak_password")
	case n > MaxPasswordLength:
		return apperr.InvalidField(field, fmt.Sprintf("must be at most %d characters", MaxPasswordLength))
	case strings.TrimSpace(pw) == "":
		return apperr.InvalidField(field, "must not be blank").WithReason("weak_password")
	}
	return nil
}

// HashPassword returns an argon2id hash of DefaultHashCost in the PHC
// string format ($argon2id$v=19$m=..,t=..,p=..$salt$key), with a fresh
// random salt.
func HashPassword(pw string) (string, error) { return DefaultHashCost.Hash(pw) }

// Hash returns an argon2id hash of pw at cost c (see HashPassword).
func (c HashCost) Hash(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, c.Time, c.MemoryKiB, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, c.MemoryKiB, c.Time, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches hash, comparing in constant
// time. A malformed hash never matches.
func VerifyPassword(hash, pw string) bool {
	p, err := parseHash(hash)
	if err != nil {
		return false
	}
	key := argon2.IDKey([]byte(pw), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1
}

type argonHash struct {
	time, memory uint32
	threads      uint8
	salt, key    []byte
}

var errBadHash = errors.New("malformed password hash")

func parseHash(hash string) (argonHash, error) {
	var p argonHash
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, errBadHash
	}
	// Bound the parameters so a tampered row cannot make a login burn the
	// machine.
	if p.time == 0 || p.time > 10 || p.memory == 0 || p.memory > 1<<20 || p.threads == 0 || p.threads > 16 {
		return p, errBadHash
	}
	var err error
	b64 := base64.RawStdEncoding
	if p.salt, err = b64.DecodeString(parts[4]); err != nil || len(p.salt) < 8 {
		return p, errBadHash
	}
	if p.key, err = b64.DecodeString(parts[5]); err != nil || len(p.key) < 16 {
		return p, errBadHash
	}
	return p, nil
}

// dummyHash is verified against when the username does not exist, so an
// unknown user costs the same time as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, err := HashPassword("fenxiao-no-such-admin-placeholder")
	if err != nil {
		panic(err)
	}
	return h
})

// passwordAlphabet leaves out look-alikes (0/O, 1/l/I) so a printed
// password can be typed reliably.
const passwordAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random password from crypto/rand.
func GeneratePassword() (string, error) {
	var b strings.Builder
	max := big.NewInt(int64(len(passwordAlphabet)))
	for i := 0; i < generatedLength; i++ {
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", fmt.Errorf("generate password: %w", err)
		}
		b.WriteByte(passwordAlphabet[n.Int64()])
	}
	return b.String(), nil
}
