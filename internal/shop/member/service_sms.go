package member

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

const purposeLogin = "login"

// CodeSent tells the client how long the code lives and when it may ask again.
type CodeSent struct {
	ExpiresIn   int `json:"expires_in"`
	ResendAfter int `json:"resend_after"`
}

// RequestCode sends a fresh 6-digit code to phone. Earlier unused codes of
// the phone stop working. Errors: invalid (field phone), rate_limited
// (sms_ip_limit, sms_cooldown, sms_daily_limit), unavailable (no SMS provider).
func (s *Service) RequestCode(ctx context.Context, phone, ip string) (*CodeSent, error) {
	phone, err := normalizeMobile("phone", phone)
	if err != nil {
		return nil, err
	}
	if s.sms == nil {
		return nil, apperr.Unavailable("SMS login is not available: no SMS provider is configured").WithReason("sms_unavailable")
	}
	p := s.smsPolicy()
	if err := s.checkSendLimits(ctx, p, phone, ip); err != nil {
		return nil, err
	}
	code, err := randomCode()
	if err != nil {
		return nil, err
	}
	now := s.now()
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Model(&smsCode{}).Where("phone = ? AND used_at IS NULL", phone).Update("used_at", now).Error; err != nil {
			return fmt.Errorf("retire old codes: %w", err)
		}
		c := smsCode{Phone: phone, CodeHash: s.hashCode(phone, code), Purpose: purposeLogin,
			ExpiresAt: now.Add(p.CodeTTL), CreatedAt: now}
		if err := tx.Create(&c).Error; err != nil {
			return fmt.Errorf("store code: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	body := fmt.Sprintf("【分销商城】验证码 %s，%d 分钟内有效。请勿告诉他人。", code, int(p.CodeTTL.Minutes()))
	if err := s.sms.Send(ctx, phone, body); err != nil {
		return nil, err
	}
	return &CodeSent{ExpiresIn: int(p.CodeTTL.Seconds()), ResendAfter: int(p.Cooldown.Seconds())}, nil
}

// checkSendLimits applies the per-IP limit first, so cycling through phone
// numbers from one address is bounded, then the per-phone limits, so one
// number cannot be bombarded from many addresses.
func (s *Service) checkSendLimits(ctx context.Context, p SMSPolicy, phone, ip string) error {
	key := s.limiterKey(phone)
	checks := []struct {
		key    string
		limit  int
		window time.Duration
		reason string
		msg    string
	}{
		{"sms:ip:" + ip, p.PerIPHour, time.Hour, "sms_ip_limit", "too many code requests from your network; try again later"},
		{"sms:cool:" + key, 1, p.Cooldown, "sms_cooldown", "a code was just sent to this number; wait before asking again"},
		{"sms:day:" + key, p.PerPhoneDay, 24 * time.Hour, "sms_daily_limit", "this number has received too many codes today; try again tomorrow"},
	}
	for _, c := range checks {
		if c.window <= 0 || c.limit <= 0 {
			continue
		}
		ok, retry, err := s.limiter.Allow(ctx, c.key, c.limit, c.window)
		if err != nil {
			return fmt.Errorf("sms rate limit: %w", err)
		}
		if !ok {
			return apperr.RateLimited(int(math.Ceil(max(retry, time.Second).Seconds())), "%s", c.msg).WithReason(c.reason)
		}
	}
	return nil
}

// ResetSMSLimits forgets the send counters of phone and ip (test fixtures,
// and support staff helping a locked-out customer).
func (s *Service) ResetSMSLimits(ctx context.Context, phone, ip string) error {
	key := s.limiterKey(phone)
	for _, k := range []string{"sms:ip:" + ip, "sms:cool:" + key, "sms:day:" + key} {
		if err := s.limiter.Reset(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

func randomCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("random code: %w", err)
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

var codeRe = regexp.MustCompile(`^\d{6}$`)

// checkCode spends one attempt of the phone's current code and compares it.
// The attempt is recorded before comparing and outside any caller
// transaction, so concurrent guesses cannot exceed MaxAttempts and a failed
// login still counts. It returns the code's id for consumeCode.
// Errors: invalid (field code; reasons code_expired, code_locked, code_wrong).
func (s *Service) checkCode(ctx context.Context, phone, code string) (int64, error) {
	if !codeRe.MatchString(code) {
		return 0, apperr.InvalidField("code", "must be the 6 digits we sent")
	}
	p := s.smsPolicy()
	c, err := database.TakeOrNil[smsCode](s.db.WithContext(ctx).Where("phone = ? AND used_at IS NULL", phone).Order("id DESC"), "load code")
	if err != nil {
		return 0, err
	}
	if c == nil || !c.ExpiresAt.After(s.now()) {
		return 0, codeError("code_expired", "this code has expired or was already used; request a new one")
	}
	res := s.db.WithContext(ctx).Exec("UPDATE sms_codes SET attempts = attempts + 1 WHERE id = ? AND used_at IS NULL AND attempts < ?", c.ID, p.MaxAttempts)
	if res.Error != nil {
		return 0, fmt.Errorf("count code attempt: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return 0, codeError("code_locked", "too many wrong attempts; request a new code")
	}
	if !hmac.Equal([]byte(s.hashCode(phone, code)), []byte(c.CodeHash)) {
		left := p.MaxAttempts - c.Attempts - 1
		if left <= 0 {
			return 0, codeError("code_locked", "wrong code, and no attempts are left; request a new code")
		}
		return 0, codeError("code_wrong", fmt.Sprintf("wrong code; %d attempts left", left))
	}
	return c.ID, nil
}

// consumeCode marks the code used inside the caller's transaction, so the
// code is spent only if the login or link it authorises commits.
func (s *Service) consumeCode(tx *gorm.DB, id int64) error {
	res := tx.Model(&smsCode{}).Where("id = ? AND used_at IS NULL", id).Update("used_at", s.now())
	if res.Error != nil {
		return fmt.Errorf("use code: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return codeError("code_expired", "this code was already used; request a new one")
	}
	return nil
}

func codeError(reason, msg string) error {
	return apperr.InvalidField("code", msg).WithReason(reason)
}
