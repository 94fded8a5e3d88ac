package referral

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/settings"
	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/member"
)

// Catalog is what referral reads of the catalogue (catalog.Service) for
// distributors' shops and share posters.
type Catalog interface {
	ShopItemsOf(ctx context.Context, ids []int64, limit int) ([]catalog.ShopItem, error)
	LiveProductIDs(ctx context.Context, tx *gorm.DB, ids []int64) ([]int64, error)
	OnShelfProduct(ctx context.Context, id int64) (*catalog.Product, bool, error)
}

// Shoppers is what referral reads of shoppers (member.Service), on tx:
// names and status for cards, notifications and designations.
type Shoppers interface {
	Shopper(ctx context.Context, tx *gorm.DB, id int64) (*member.Shopper, error)
}

// Service manages distributors, applications, bindings and levels.
type Service struct {
	db       *gorm.DB
	products Catalog
	shoppers Shoppers
	clock    atomic.Pointer[func() time.Time]
	// notifier and board receive the events of events.go; nil means no
	// notifications / leaderboard counts.
	notifier Notifier
	board    Recorder
}

// NewService returns a Service on db that reads products and shoppers
// through their owners. Approvals, rejections, new team members and new
// customers notify through n and count on board, in the same transaction
// as the change; either may be nil, and then that kind of event is not
// emitted.
func NewService(db *gorm.DB, products Catalog, shoppers Shoppers, n Notifier, board Recorder) *Service {
	s := &Service{db: db, products: products, shoppers: shoppers, notifier: n, board: board}
	s.SetClock(database.Now)
	return s
}

// SetClock replaces the clock used for stored timestamps and the re-bind
// window (tests move time forward with it).
func (s *Service) SetClock(now func() time.Time) { s.clock.Store(&now) }

func (s *Service) now() time.Time { return (*s.clock.Load())().UTC().Truncate(time.Microsecond) }

// Settings keys.
const (
	ProgramKey = "referral"
	BindingKey = "binding"
)

// JoinMode says how shoppers become distributors.
type JoinMode string

const (
	JoinAuto       JoinMode = "auto"       // applying makes you a distributor at once
	JoinReview     JoinMode = "review"     // an admin approves each application
	JoinDesignated JoinMode = "designated" // only admins designate distributors
)

// ProgramSettings is the "referral" setting.
type ProgramSettings struct {
	JoinMode JoinMode `json:"join_mode"`
}

// BindMode says when a bound buyer may move to another distributor.
type BindMode string

const (
	BindFirstTouch BindMode = "first_touch"       // the first binding is permanent
	BindAfterDays  BindMode = "rebind_after_days" // after Days without a purchase
	BindLastTouch  BindMode = "last_touch"        // every visit re-binds
)

// BindingSettings is the "binding" setting.
type BindingSettings struct {
	Mode BindMode `json:"mode"`
	Days int      `json:"days"`
	// LockOnFirstPaid freezes a binding at the buyer's first paid order;
	// only an admin can change it after that.
	LockOnFirstPaid bool `json:"lock_on_first_paid"`
}

// AllSettings is both settings, as the admin edits them.
type AllSettings struct {
	Program ProgramSettings `json:"program"`
	Binding BindingSettings `json:"binding"`
}

func loadSettings(ctx context.Context, db *gorm.DB) (AllSettings, error) {
	out := AllSettings{Program: ProgramSettings{JoinMode: JoinReview}, Binding: BindingSettings{Mode: BindFirstTouch, Days: 30}}
	if err := settings.Load(ctx, db, ProgramKey, &out.Program); err != nil {
		return out, err
	}
	return out, settings.Load(ctx, db, BindingKey, &out.Binding)
}

// Settings returns the program and binding settings with their defaults.
func (s *Service) Settings(ctx context.Context) (AllSettings, error) {
	return loadSettings(ctx, s.db.WithContext(ctx))
}

// SaveSettings replaces both settings. Audited. Errors: invalid.
func (s *Service) SaveSettings(ctx context.Context, by audit.Actor, in AllSettings) (AllSettings, error) {
	switch in.Program.JoinMode {
	case JoinAuto, JoinReview, JoinDesignated:
	default:
		return in, apperr.InvalidField("program.join_mode", "must be auto, review or designated")
	}
	switch in.Binding.Mode {
	case BindFirstTouch, BindLastTouch:
	case BindAfterDays:
		if in.Binding.Days < 1 || in.Binding.Days > 3650 {
			return in, apperr.InvalidField("binding.days", "must be 1 to 3650 with rebind_after_days")
		}
	default:
		return in, apperr.InvalidField("binding.mode", "must be first_touch, rebind_after_days or last_touch")
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		if err := settings.Save(ctx, tx, ProgramKey, in.Program); err != nil {
			return err
		}
		if err := settings.Save(ctx, tx, BindingKey, in.Binding); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "referral.settings", TargetType: "settings", Before: before, After: in})
	})
	return in, err
}

// codeAlphabet leaves out 0/O, 1/I/L so codes survive being read aloud.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

const codeLen = 7

func randomCode() (string, error) {
	b := make([]byte, codeLen)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random invite code: %w", err)
	}
	for i := range b {
		// 256 % 31 bias is negligible for an invite code.
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b), nil
}

// NormalizeCode upper-cases and trims a code a shopper typed.
func NormalizeCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// newInviteCode picks a code nobody has, retrying on collision.
func newInviteCode(tx *gorm.DB) (string, error) {
	for range 10 {
		code, err := randomCode()
		if err != nil {
			return "", err
		}
		var n int64
		if err := tx.Model(&Distributor{}).Where("invite_code = ?", code).Count(&n).Error; err != nil {
			return "", fmt.Errorf("check invite code: %w", err)
		}
		if n == 0 {
			return code, nil
		}
	}
	return "", fmt.Errorf("no free invite code after 10 tries")
}
