// Package session keeps login sessions for shoppers and admins. A session is
// identified by a random bearer token carried in an HttpOnly cookie; only
// the token's SHA-256 is stored. Each session has its own CSRF token that
// every state-changing request must echo in the X-CSRF-Token header.
//
// Tables: sessions.
package session

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// Kind separates shopper sessions from admin sessions: a token of one kind
// is never accepted on the other surface.
type Kind string

const (
	KindShop  Kind = "shop"
	KindAdmin Kind = "admin"
)

// Session is a stored login.
type Session struct {
	TokenHash string `gorm:"primaryKey"`
	Kind      Kind
	SubjectID int64
	CSRFToken string `gorm:"column:csrf_token"`
	IP        string
	UserAgent string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// TableName binds Session to its table.
func (Session) TableName() string { return "sessions" }

// Service creates, finds and revokes sessions.
type Service struct {
	db  *gorm.DB
	ttl map[Kind]time.Duration
}

// NewService returns a Service; shop sessions last 30 days, admin sessions 12 hours.
func NewService(db *gorm.DB) *Service {
	return &Service{db: db, ttl: map[Kind]time.Duration{KindShop: 30 * 24 * time.Hour, KindAdmin: 12 * time.Hour}}
}

// Create starts a session for subjectID and returns the bearer token.
func (s *Service) Create(ctx context.Context, kind Kind, subjectID int64, ip, userAgent string) (string, *Session, error) {
	token, err := RandomToken(32)
	if err != nil {
		return "", nil, err
	}
	csrf, err := RandomToken(24)
	if err != nil {
		return "", nil, err
	}
	now := database.Now()
	sess := &Session{TokenHash: hashToken(token), Kind: kind, SubjectID: subjectID, CSRFToken: csrf,
		IP: ip, UserAgent: cleanUserAgent(userAgent), CreatedAt: now, ExpiresAt: now.Add(s.ttl[kind])}
	if err := s.db.WithContext(ctx).Create(sess).Error; err != nil {
		return "", nil, fmt.Errorf("create session: %w", err)
	}
	return token, sess, nil
}

// cleanUserAgent makes the client-sent header storable: PostgreSQL refuses
// invalid UTF-8, so bad bytes are dropped and the value is cut to 255 bytes
// on a character boundary (never inside a multi-byte character).
func cleanUserAgent(ua string) string {
	ua = strings.ToValidUTF8(ua, "")
	if len(ua) <= 255 {
		return ua
	}
	cut := 255
	for cut > 0 && !utf8.RuneStart(ua[cut]) {
		cut--
	}
	return ua[:cut]
}

// Lookup finds the live session of the given kind for token.
// Errors: unauthenticated when missing, expired or of another kind.
func (s *Service) Lookup(ctx context.Context, kind Kind, token string) (*Session, error) {
	if token == "" {
		return nil, apperr.Unauthenticated("please log in")
	}
	q := s.db.WithContext(ctx).Where("token_hash = ? AND kind = ?", hashToken(token), kind)
	sess, err := database.Take[Session](q, apperr.Unauthenticated("your session has ended, please log in again"), "lookup session")
	if err != nil {
		return nil, err
	}
	if !sess.ExpiresAt.After(database.Now()) {
		return nil, apperr.Unauthenticated("your session has expired, please log in again")
	}
	return sess, nil
}

// CheckCSRF compares the presented CSRF token with the session's in constant time.
func (sess *Session) CheckCSRF(presented string) bool {
	return presented != "" && subtle.ConstantTimeCompare([]byte(presented), []byte(sess.CSRFToken)) == 1
}

// Revoke ends the session behind token.
func (s *Service) Revoke(ctx context.Context, token string) error {
	return s.db.WithContext(ctx).Where("token_hash = ?", hashToken(token)).Delete(&Session{}).Error
}

// RevokeSubject ends every session of a subject (after a ban, a password
// change or a deletion). It takes the caller's tx so the revocation commits
// with the change that caused it.
func RevokeSubject(ctx context.Context, tx *gorm.DB, kind Kind, subjectID int64) error {
	return tx.WithContext(ctx).Where("kind = ? AND subject_id = ?", kind, subjectID).Delete(&Session{}).Error
}

// PurgeExpired deletes expired sessions and returns how many.
func (s *Service) PurgeExpired(ctx context.Context) (int64, error) {
	res := s.db.WithContext(ctx).Where("expires_at <= ?", database.Now()).Delete(&Session{})
	return res.RowsAffected, res.Error
}

// RandomToken returns n random bytes, URL-safe base64 encoded.
func RandomToken(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
