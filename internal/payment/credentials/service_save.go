package credentials

import (
	"context"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
)

// SaveWeChatPay replaces the stored WeChat Pay credentials; a secret left
// empty keeps the stored one. They are checked by building the client the
// next start builds (nothing is stored when that fails), then the admin's
// password is re-checked. Audited without secrets; takes effect at the
// next start. Errors: conflict (from_environment), invalid (field
// messages), forbidden (password_mismatch), rate_limited.
func (s *Service) SaveWeChatPay(ctx context.Context, by audit.Actor, in WeChatPayInput) (*Settings, error) {
	if s.env.WeChatPay != nil {
		return nil, fromEnvironment("WeChat Pay", "FENXIAO_WECHATPAY_MCHID")
	}
	w := in.WeChatPay
	w.normalize()
	var old WeChatPay
	before, err := s.keepSecrets(ctx, ProviderWeChatPay, &old, &w)
	if err != nil {
		return nil, err
	}
	if err := s.deploy.checkWeChatPay(ctx, &w, in.MerchantCert); err != nil {
		return nil, err
	}
	var beforeAudit any
	if before {
		beforeAudit = s.auditWeChatPay(old)
	}
	return s.save(ctx, by, ProviderWeChatPay, in.Password, &w, beforeAudit, s.auditWeChatPay(w))
}

// SaveAlipay replaces the stored Alipay credentials; an empty private key
// keeps the stored one. Checked, password-checked, audited and applied as
// SaveWeChatPay. Errors: conflict (from_environment), invalid (field
// messages), forbidden (password_mismatch), rate_limited.
func (s *Service) SaveAlipay(ctx context.Context, by audit.Actor, in AlipayInput) (*Settings, error) {
	if s.env.Alipay != nil {
		return nil, fromEnvironment("Alipay", "FENXIAO_ALIPAY_APP_ID")
	}
	a := in.Alipay
	a.normalize()
	var old Alipay
	before, err := s.keepSecrets(ctx, ProviderAlipay, &old, &a)
	if err != nil {
		return nil, err
	}
	if err := s.deploy.checkAlipay(a); err != nil {
		return nil, err
	}
	var beforeAudit any
	if before {
		beforeAudit = s.auditAlipay(old)
	}
	return s.save(ctx, by, ProviderAlipay, in.Password, &a, beforeAudit, s.auditAlipay(a))
}

// Clear deletes a provider's stored credentials after the admin re-enters
// its password; the provider stops at the next start unless the
// environment configures it. Audited. Errors: not_found (unknown
// provider; not_stored), forbidden (password_mismatch), rate_limited.
func (s *Service) Clear(ctx context.Context, by audit.Actor, provider, password string) (*Settings, error) {
	var before any
	switch provider {
	case ProviderWeChatPay:
		var w WeChatPay
		ok, err := s.keepSecrets(ctx, provider, &w, &WeChatPay{})
		if err != nil || !ok {
			return nil, notStored(err)
		}
		before = s.auditWeChatPay(w)
	case ProviderAlipay:
		var a Alipay
		ok, err := s.keepSecrets(ctx, provider, &a, &Alipay{})
		if err != nil || !ok {
			return nil, notStored(err)
		}
		before = s.auditAlipay(a)
	default:
		return nil, apperr.NotFound("no payment provider %q (wechatpay or alipay)", provider)
	}
	if err := s.passwords.VerifyPassword(ctx, by.ID, password); err != nil {
		return nil, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		deleted, err := deleteRow(ctx, tx, provider)
		if err != nil || !deleted {
			return notStored(err)
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "payment_credentials.clear", TargetType: "payment_credentials",
			Note: provider, Before: before})
	})
	if err != nil {
		return nil, err
	}
	return s.View(ctx)
}

// keepSecrets opens the stored credentials into old and copies each stored
// secret into next where next leaves it empty. It reports whether
// credentials were stored; ones that no longer open keep nothing.
func (s *Service) keepSecrets(ctx context.Context, provider string, old, next secretHolder) (bool, error) {
	r, err := loadRow(ctx, s.db, provider)
	if err != nil || r == nil {
		return false, err
	}
	if decode(s.boxes[provider], r, old) != nil {
		return true, nil
	}
	stored := old.secrets()
	for i, f := range next.secrets() {
		if *f.ptr == "" {
			*f.ptr = *stored[i].ptr
		}
	}
	return true, nil
}

// save re-checks the password, then stores c (sealing its secrets) and
// the audit entry in one transaction. c is consumed.
func (s *Service) save(ctx context.Context, by audit.Actor, provider, password string, c secretHolder, before, after any) (*Settings, error) {
	if err := s.passwords.VerifyPassword(ctx, by.ID, password); err != nil {
		return nil, err
	}
	pub, sec, err := encode(s.boxes[provider], c)
	if err != nil {
		return nil, err
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r := row{Provider: provider, PublicJSON: pub, Secrets: sec, UpdatedBy: by.ID, UpdatedAt: database.Now()}
		if err := saveRow(ctx, tx, r); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "payment_credentials.save", TargetType: "payment_credentials",
			Note: provider, Before: before, After: after})
	})
	if err != nil {
		return nil, err
	}
	return s.View(ctx)
}

func fromEnvironment(name, env string) error {
	return apperr.Conflict("%s is configured by the environment (%s and its siblings): change it there", name, env).
		WithReason("from_environment")
}

func notStored(err error) error {
	if err != nil {
		return err
	}
	return apperr.NotFound("no credentials are stored for this provider").WithReason("not_stored")
}
