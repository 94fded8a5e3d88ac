package credentials

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"sync"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/sealed"
)

// Env is the credentials the environment (FENXIAO_* variables and
// *_FILE files) gives; nil for a provider it does not configure.
type Env struct {
	WeChatPay *WeChatPay
	Alipay    *Alipay
}

// Passwords re-checks an admin's own password (adminauth.Service).
type Passwords interface {
	VerifyPassword(ctx context.Context, adminID int64, password string) error
}

// Options builds a Service.
type Options struct {
	// Secret is the server secret the stored secrets are sealed with.
	Secret     string
	Deployment Deployment
	Env        Env
	Passwords  Passwords
}

// Service stores the credentials entered in the admin and picks, at start,
// the credentials each provider runs with.
type Service struct {
	db        *gorm.DB
	deploy    Deployment
	env       Env
	passwords Passwords
	boxes     map[string]*sealed.Box
	marks     *sealed.Box // fingerprints and change digests

	mu      sync.Mutex
	started map[string]startState
}

// startState is what a provider started with in this process.
type startState struct {
	enabled bool
	digest  string // of the stored credentials read at start; "" when none
	problem string
}

// NewService returns a Service. Each provider's secrets are sealed under
// their own purpose, so one provider's sealed value cannot be opened as
// the other's.
func NewService(db *gorm.DB, o Options) (*Service, error) {
	s := &Service{db: db, deploy: o.Deployment, env: o.Env, passwords: o.Passwords,
		boxes: map[string]*sealed.Box{}, started: map[string]startState{}}
	for _, p := range []string{ProviderWeChatPay, ProviderAlipay} {
		b, err := sealed.New(o.Secret, "payment_credentials/"+p)
		if err != nil {
			return nil, err
		}
		s.boxes[p] = b
	}
	marks, err := sealed.New(o.Secret, "payment_credentials/fingerprint")
	if err != nil {
		return nil, err
	}
	s.marks = marks
	return s, nil
}

// Deployment returns what provider clients are built with.
func (s *Service) Deployment() Deployment { return s.deploy }

// Active is what the providers run with at this start; nil means off.
type Active struct {
	WeChatPay *WeChatPay
	Alipay    *Alipay
	// Problems names, by provider, stored credentials that cannot be used
	// (the provider stays off; the admin sees the same text).
	Problems map[string]string
}

// Start picks the credentials of this start: the environment's where it
// configures a provider, otherwise the stored ones when they open and
// build a client. Call it once, when the app is wired; what it picked is
// what later answers compare with for restart_required.
func (s *Service) Start(ctx context.Context) (Active, error) {
	act := Active{Problems: map[string]string{}}
	if s.env.WeChatPay != nil {
		w := *s.env.WeChatPay
		act.WeChatPay = &w
		s.setStarted(ProviderWeChatPay, startState{enabled: true})
	} else {
		var w WeChatPay
		ok, err := s.startStored(ctx, ProviderWeChatPay, &w, func() error { return s.deploy.checkWeChatPay(ctx, &w, "") }, act.Problems)
		if err != nil {
			return act, err
		}
		if ok {
			act.WeChatPay = &w
		}
	}
	if s.env.Alipay != nil {
		a := *s.env.Alipay
		act.Alipay = &a
		s.setStarted(ProviderAlipay, startState{enabled: true})
	} else {
		var a Alipay
		ok, err := s.startStored(ctx, ProviderAlipay, &a, func() error { return s.deploy.checkAlipay(a) }, act.Problems)
		if err != nil {
			return act, err
		}
		if ok {
			act.Alipay = &a
		}
	}
	return act, nil
}

// startStored opens provider's stored credentials into dst and checks
// them; a problem turns the provider off instead of failing the start, so
// the admin can still sign in and enter them again.
func (s *Service) startStored(ctx context.Context, provider string, dst secretHolder, check func() error, problems map[string]string) (bool, error) {
	r, err := loadRow(ctx, s.db, provider)
	if err != nil || r == nil {
		s.setStarted(provider, startState{})
		return false, err
	}
	if err := decode(s.boxes[provider], r, dst); err != nil {
		problems[provider] = openProblem(err)
		s.setStarted(provider, startState{problem: problems[provider]})
		return false, nil
	}
	st := startState{enabled: true, digest: s.digest(provider, dst)}
	if err := check(); err != nil {
		st.enabled, st.problem = false, "the stored credentials are not usable: "+describe(err)
		problems[provider] = st.problem
	}
	s.setStarted(provider, st)
	return st.enabled, nil
}

func openProblem(err error) string {
	if errors.Is(err, sealed.ErrOpen) {
		return "the stored credentials cannot be opened with this server secret (was FENXIAO_SECRET changed?): enter them again"
	}
	return "the stored credentials cannot be read: enter them again"
}

// describe is an error as an admin reads it: the message and, for an
// invalid error, what is wrong with each field.
func describe(err error) string {
	e, ok := apperr.As(err)
	if !ok {
		return err.Error()
	}
	var parts []string
	for f, msg := range e.Fields {
		parts = append(parts, f+" "+msg)
	}
	sort.Strings(parts)
	if len(parts) == 0 {
		return e.Message
	}
	return e.Message + ": " + strings.Join(parts, "; ")
}

func (s *Service) setStarted(provider string, st startState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.started[provider] = st
}

func (s *Service) startedAs(provider string) startState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.started[provider]
}

// digest identifies a full credential set (secrets included) without
// revealing it, to tell whether the stored set changed since the start.
func (s *Service) digest(provider string, c secretHolder) string {
	b, _ := json.Marshal(c) // plain strings: cannot fail
	return s.marks.Digest(provider + "\x00" + string(b))
}

// fingerprint shows that a key is set and which one, without revealing it.
func (s *Service) fingerprint(v string) string {
	if v == "" {
		return ""
	}
	d := s.marks.Digest(v)
	return d[len(d)-8:]
}
