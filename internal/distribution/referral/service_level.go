package referral

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/money"
)

// ThresholdKind is what a level is earned by. Deliberately there is no
// "people recruited" kind: rewards come from sales, never from recruiting.
type ThresholdKind string

const (
	ThresholdSales      ThresholdKind = "sales"      // cumulative attributed sales, fen
	ThresholdCommission ThresholdKind = "commission" // settled commission, fen
)

// Level is a distributor level with its commission rates.
type Level struct {
	ID            int64         `json:"id"`
	Name          string        `json:"name"`
	Rank          int           `json:"rank"`
	Tier1RateBP   money.BP      `json:"tier1_rate_bp" gorm:"column:tier1_rate_bp"`
	Tier2RateBP   money.BP      `json:"tier2_rate_bp" gorm:"column:tier2_rate_bp"`
	ThresholdKind ThresholdKind `json:"threshold_kind"`
	ThresholdFen  money.Fen     `json:"threshold_fen"`
	CreatedAt     time.Time     `json:"created_at"`
	UpdatedAt     time.Time     `json:"updated_at"`
}

// TableName binds Level to its table.
func (Level) TableName() string { return "distributor_levels" }

// LevelInput creates or replaces a level.
type LevelInput struct {
	Name          string        `json:"name"`
	Rank          int           `json:"rank"`
	Tier1RateBP   money.BP      `json:"tier1_rate_bp"`
	Tier2RateBP   money.BP      `json:"tier2_rate_bp"`
	ThresholdKind ThresholdKind `json:"threshold_kind"`
	ThresholdFen  money.Fen     `json:"threshold_fen"`
}

// CheckTierRates applies the rule for a tier-1 and tier-2 rate pair, a
// level's here and the default pair of the commission settings: each 0 to
// 10000 basis points and, when f holds no problem yet, both together at
// most 10000. Problems go into f under tier1_rate_bp and tier2_rate_bp.
func CheckTierRates(f map[string]string, tier1, tier2 money.BP) {
	if tier1 < 0 || tier1 > money.FullRate {
		f["tier1_rate_bp"] = "must be 0 to 10000 basis points"
	}
	if tier2 < 0 || tier2 > money.FullRate {
		f["tier2_rate_bp"] = "must be 0 to 10000 basis points"
	}
	if len(f) == 0 && tier1+tier2 > money.FullRate {
		f["tier2_rate_bp"] = "tier1_rate_bp + tier2_rate_bp must be at most 10000"
	}
}

func (in *LevelInput) validate() error {
	in.Name = strings.TrimSpace(in.Name)
	f := map[string]string{}
	if n := utf8.RuneCountInString(in.Name); n == 0 || n > 32 {
		f["name"] = "is required, at most 32 characters"
	}
	if in.Rank < 1 || in.Rank > 1000 {
		f["rank"] = "must be 1 to 1000 (higher is better)"
	}
	CheckTierRates(f, in.Tier1RateBP, in.Tier2RateBP)
	if in.ThresholdKind != ThresholdSales && in.ThresholdKind != ThresholdCommission {
		f["threshold_kind"] = "must be sales or commission"
	}
	if in.ThresholdFen < 0 {
		f["threshold_fen"] = "must be at least 0"
	}
	if len(f) > 0 {
		e := apperr.Invalid("some fields are not valid")
		e.Fields = f
		return e
	}
	return nil
}

// Levels lists levels by rank.
func (s *Service) Levels(ctx context.Context) ([]Level, error) {
	out := []Level{}
	if err := s.db.WithContext(ctx).Order("rank, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list levels: %w", err)
	}
	return out, nil
}

// CreateLevel adds a level. Audited. Errors: invalid, conflict (level_taken).
func (s *Service) CreateLevel(ctx context.Context, by audit.Actor, in LevelInput) (*Level, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	now := s.now()
	l := Level{Name: in.Name, Rank: in.Rank, Tier1RateBP: in.Tier1RateBP, Tier2RateBP: in.Tier2RateBP,
		ThresholdKind: in.ThresholdKind, ThresholdFen: in.ThresholdFen, CreatedAt: now, UpdatedAt: now}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&l).Error; err != nil {
			return levelWriteError(err)
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "distributor_level.create", TargetType: "distributor_level", TargetID: l.ID, After: l})
	})
	if err != nil {
		return nil, err
	}
	return &l, nil
}

// UpdateLevel replaces a level. Audited. Errors: invalid, not_found,
// conflict (level_taken).
func (s *Service) UpdateLevel(ctx context.Context, by audit.Actor, id int64, in LevelInput) (*Level, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	var out Level
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := findLevel(tx, id)
		if err != nil {
			return err
		}
		out = *before
		out.Name, out.Rank, out.Tier1RateBP, out.Tier2RateBP = in.Name, in.Rank, in.Tier1RateBP, in.Tier2RateBP
		out.ThresholdKind, out.ThresholdFen, out.UpdatedAt = in.ThresholdKind, in.ThresholdFen, s.now()
		if err := tx.Save(&out).Error; err != nil {
			return levelWriteError(err)
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "distributor_level.update", TargetType: "distributor_level", TargetID: id, Before: before, After: out})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteLevel deletes a level no distributor holds. Audited.
// Errors: not_found, conflict (level_in_use).
func (s *Service) DeleteLevel(ctx context.Context, by audit.Actor, id int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := findLevel(tx, id)
		if err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&Distributor{}).Where("level_id = ?", id).Count(&n).Error; err != nil {
			return fmt.Errorf("count level holders: %w", err)
		}
		if n > 0 {
			return apperr.Conflict("%d distributors hold this level", n).WithReason("level_in_use")
		}
		if err := tx.Delete(&Level{}, id).Error; err != nil {
			return fmt.Errorf("delete level: %w", err)
		}
		return audit.Record(ctx, tx, by, audit.Change{Action: "distributor_level.delete", TargetType: "distributor_level", TargetID: id, Before: before})
	})
}

func findLevel(tx *gorm.DB, id int64) (*Level, error) {
	var l Level
	err := tx.Where("id = ?", id).Take(&l).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.NotFound("no such level")
	}
	if err != nil {
		return nil, fmt.Errorf("load level %d: %w", id, err)
	}
	return &l, nil
}

func levelWriteError(err error) error {
	if database.IsUniqueViolation(err) {
		return apperr.Conflict("another level has this name or rank").WithReason("level_taken")
	}
	return fmt.Errorf("write level: %w", err)
}

// BestLevel picks the highest-ranked level the figures qualify for (nil
// when none does).
func BestLevel(levels []Level, attributedSales, settledCommission money.Fen) *Level {
	var best *Level
	for i := range levels {
		l := &levels[i]
		have := attributedSales
		if l.ThresholdKind == ThresholdCommission {
			have = settledCommission
		}
		if have >= l.ThresholdFen && (best == nil || l.Rank > best.Rank) {
			best = l
		}
	}
	return best
}

// EvaluateLevel sets a distributor's level to the highest one its
// cumulative attributed sales or settled commission reach, in the caller's
// transaction, and returns it (nil: no level). Errors: not_found.
func (s *Service) EvaluateLevel(ctx context.Context, tx *gorm.DB, distributorID int64, attributedSales, settledCommission money.Fen) (*Level, error) {
	tx = tx.WithContext(ctx)
	if _, err := findDistributor(tx, distributorID); err != nil {
		return nil, err
	}
	var levels []Level
	if err := tx.Find(&levels).Error; err != nil {
		return nil, fmt.Errorf("load levels: %w", err)
	}
	best := BestLevel(levels, attributedSales, settledCommission)
	var levelID *int64
	if best != nil {
		levelID = &best.ID
	}
	if err := tx.Model(&Distributor{}).Where("id = ?", distributorID).Updates(map[string]any{"level_id": levelID, "updated_at": s.now()}).Error; err != nil {
		return nil, fmt.Errorf("set level: %w", err)
	}
	return best, nil
}
