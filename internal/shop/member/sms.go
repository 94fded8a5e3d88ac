package member

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/page"
)

// SMSSender delivers a text message. A real provider (Aliyun, Tencent
// Cloud...) implements it; errors it returns reach the client as they are
// when they are *apperr.Error, and as a logged 500 otherwise.
type SMSSender interface {
	Send(ctx context.Context, phone, body string) error
}

// DevSender is the development stand-in for an SMS provider: it delivers
// nothing, keeps the message in dev_sms_inbox for the admin dev inbox and
// logs it with the phone masked. Never wire it in production.
type DevSender struct {
	db  *gorm.DB
	log *slog.Logger
}

// NewDevSender returns a DevSender.
func NewDevSender(db *gorm.DB, log *slog.Logger) *DevSender { return &DevSender{db: db, log: log} }

// Send implements SMSSender.
func (d *DevSender) Send(ctx context.Context, phone, body string) error {
	m := DevMessage{Phone: phone, Body: body, CreatedAt: database.Now()}
	if err := d.db.WithContext(ctx).Create(&m).Error; err != nil {
		return fmt.Errorf("store dev sms: %w", err)
	}
	// Development only: the body (with its code) is logged so a developer
	// can log in without an SMS provider. Production never uses DevSender.
	d.log.InfoContext(ctx, "dev sms (not delivered; development only)", "phone", MaskPhone(phone), "body", body)
	return nil
}

// DevInbox lists messages the DevSender kept, newest first, optionally for
// one phone. The HTTP layer only exposes it outside production.
func (s *Service) DevInbox(ctx context.Context, phone string, p page.Request) (page.Result[DevMessage], error) {
	q := s.db.WithContext(ctx).Model(&DevMessage{})
	if phone != "" {
		q = q.Where("phone = ?", phone)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return page.Result[DevMessage]{}, fmt.Errorf("count dev inbox: %w", err)
	}
	var items []DevMessage
	if err := q.Order("id DESC").Offset(p.Offset()).Limit(p.Limit()).Find(&items).Error; err != nil {
		return page.Result[DevMessage]{}, fmt.Errorf("list dev inbox: %w", err)
	}
	return page.NewResult(p, items, total), nil
}

// SMSPolicy bounds one-time codes.
type SMSPolicy struct {
	CodeTTL     time.Duration // how long a code is valid
	MaxAttempts int           // verification attempts per code, counting the right one
	Cooldown    time.Duration // minimum gap between two codes to one phone
	PerPhoneDay int           // codes per phone per 24 hours
	PerIPHour   int           // code requests per client IP per hour
}

// DefaultSMSPolicy is 5 minutes, 5 attempts, 1 code per 60 s and 10 per
// day per phone, 20 requests per hour per IP.
func DefaultSMSPolicy() SMSPolicy {
	return SMSPolicy{CodeTTL: 5 * time.Minute, MaxAttempts: 5, Cooldown: 60 * time.Second, PerPhoneDay: 10, PerIPHour: 20}
}

// SetSMSPolicy replaces the policy (tests tighten or loosen it).
func (s *Service) SetSMSPolicy(p SMSPolicy) { s.policy.Store(&p) }

func (s *Service) smsPolicy() SMSPolicy { return *s.policy.Load() }

// hashCode binds a code to its phone so a hash is useless for any other
// number, and keys it with the server secret so a database leak does not
// allow brute-forcing the 10^6 possible codes offline.
func (s *Service) hashCode(phone, code string) string {
	msg := []byte("sms:" + phone + ":" + code)
	if s.key == nil {
		sum := sha256.Sum256(msg)
		return hex.EncodeToString(sum[:])
	}
	m := hmac.New(sha256.New, s.key)
	m.Write(msg)
	return hex.EncodeToString(m.Sum(nil))
}

// limiterKey names a phone in rate-limit keys without writing the number
// itself to Redis.
func (s *Service) limiterKey(phone string) string {
	return s.hashCode(phone, "limit")[:32]
}
