package referral

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/page"
	"fenxiao/internal/shop/member"
)

// AdminDistributor is a distributor row on admin screens; the phone is
// always masked.
type AdminDistributor struct {
	ID         int64     `json:"id"`
	ShopperID  int64     `json:"shopper_id"`
	Nickname   string    `json:"nickname"`
	AvatarURL  string    `json:"avatar_url"`
	Phone      string    `json:"phone"`
	InviteCode string    `json:"invite_code"`
	ParentID   *int64    `json:"parent_id"`
	Status     Status    `json:"status"`
	LevelID    *int64    `json:"level_id"`
	ShopTitle  string    `json:"shop_title"`
	JoinedAt   time.Time `json:"joined_at"`
}

// AdminDetail is one distributor with its parent, its team (distributors
// whose parent it is) and the binding changes involving it.
type AdminDetail struct {
	AdminDistributor
	Parent     *AdminDistributor  `json:"parent"`
	Team       []AdminDistributor `json:"team"`
	BuyerCount int64              `json:"buyer_count"`
	History    []HistoryEntry     `json:"binding_history"`
}

// AdminFilter narrows the distributor list. Phone is a full number (the
// list shows it masked); nickname matches any part.
type AdminFilter struct {
	Nickname string `form:"nickname" json:"nickname"`
	Phone    string `form:"phone" json:"phone"`
	Code     string `form:"code" json:"code"`
	Status   Status `form:"status" json:"status"`
	ParentID int64  `form:"parent_id" json:"parent_id"`
	LevelID  int64  `form:"level_id" json:"level_id"`
}

type adminRow struct {
	Distributor
	Nickname  string
	AvatarURL string
	Phone     *string
}

func (r adminRow) view() AdminDistributor {
	v := AdminDistributor{ID: r.ID, ShopperID: r.ShopperID, Nickname: r.Nickname, AvatarURL: r.AvatarURL,
		InviteCode: r.InviteCode, ParentID: r.ParentID, Status: r.Status, LevelID: r.LevelID, ShopTitle: r.ShopTitle, JoinedAt: r.JoinedAt}
	if r.Phone != nil {
		v.Phone = member.MaskPhone(*r.Phone)
	}
	return v
}

const adminSelect = "distributors.*, shoppers.nickname, shoppers.avatar_url, shoppers.phone"

func adminQuery(db *gorm.DB) *gorm.DB {
	return db.Table("distributors").Joins("JOIN shoppers ON shoppers.id = distributors.shopper_id")
}

// List searches distributors, newest first. Errors: invalid (phone, status).
func (s *Service) List(ctx context.Context, f AdminFilter, p page.Request) (page.Result[AdminDistributor], error) {
	q, err := s.filtered(ctx, f)
	if err != nil {
		return page.Result[AdminDistributor]{}, err
	}
	var total int64
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return page.Result[AdminDistributor]{}, fmt.Errorf("count distributors: %w", err)
	}
	var rows []adminRow
	if err := q.Select(adminSelect).Order("distributors.id DESC").Offset(p.Offset()).Limit(p.Limit()).Scan(&rows).Error; err != nil {
		return page.Result[AdminDistributor]{}, fmt.Errorf("list distributors: %w", err)
	}
	return page.NewResult(p, views(rows), total), nil
}

// Count is how many distributors match f. Errors: invalid.
func (s *Service) Count(ctx context.Context, f AdminFilter) (int64, error) {
	q, err := s.filtered(ctx, f)
	if err != nil {
		return 0, err
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count distributors: %w", err)
	}
	return n, nil
}

// Walk is one cursor window of the distributors matching f, newest first
// (for exports). Errors: invalid.
func (s *Service) Walk(ctx context.Context, f AdminFilter, c page.Cursor) ([]AdminDistributor, error) {
	q, err := s.filtered(ctx, f)
	if err != nil {
		return nil, err
	}
	cond, args, limit := c.Window("distributors.id")
	var rows []adminRow
	if err := q.Select(adminSelect).Where(cond, args...).Order("distributors.id DESC").Limit(limit).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("walk distributors: %w", err)
	}
	return views(rows), nil
}

// filtered is the distributor query narrowed by f, shared by the list, the
// count and the export walk so they always agree.
func (s *Service) filtered(ctx context.Context, f AdminFilter) (*gorm.DB, error) {
	q := adminQuery(s.db.WithContext(ctx))
	if f.Phone = strings.TrimSpace(f.Phone); f.Phone != "" {
		if !member.ValidMobile(f.Phone) {
			return nil, apperr.InvalidField("phone", "must be a full mobile number")
		}
		q = q.Where("shoppers.phone = ?", f.Phone)
	}
	if f.Nickname = strings.TrimSpace(f.Nickname); f.Nickname != "" {
		q = q.Where(`LOWER(shoppers.nickname) LIKE ? ESCAPE '\'`, database.ContainsPattern(f.Nickname))
	}
	if f.Code != "" {
		q = q.Where("distributors.invite_code = ?", NormalizeCode(f.Code))
	}
	switch f.Status {
	case "":
	case StatusActive, StatusFrozen, StatusRemoved:
		q = q.Where("distributors.status = ?", f.Status)
	default:
		return nil, apperr.InvalidField("status", "must be active, frozen or removed")
	}
	if f.ParentID != 0 {
		q = q.Where("distributors.parent_id = ?", f.ParentID)
	}
	if f.LevelID != 0 {
		q = q.Where("distributors.level_id = ?", f.LevelID)
	}
	return q, nil
}

func views(rows []adminRow) []AdminDistributor {
	out := make([]AdminDistributor, len(rows))
	for i, r := range rows {
		out[i] = r.view()
	}
	return out
}

// Detail is one distributor for admins (team and history capped at the
// 100 most recent). Errors: not_found.
func (s *Service) Detail(ctx context.Context, id int64) (*AdminDetail, error) {
	db := s.db.WithContext(ctx)
	var rows []adminRow
	if err := adminQuery(db).Select(adminSelect).Where("distributors.id = ?", id).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("load distributor %d: %w", id, err)
	}
	if len(rows) == 0 {
		return nil, apperr.NotFound("no such distributor")
	}
	out := &AdminDetail{AdminDistributor: rows[0].view()}
	if pid := rows[0].ParentID; pid != nil {
		var parent []adminRow
		if err := adminQuery(db).Select(adminSelect).Where("distributors.id = ?", *pid).Scan(&parent).Error; err != nil {
			return nil, fmt.Errorf("load parent: %w", err)
		}
		if len(parent) == 1 {
			v := parent[0].view()
			out.Parent = &v
		}
	}
	var team []adminRow
	if err := adminQuery(db).Select(adminSelect).Where("distributors.parent_id = ?", id).Order("distributors.id DESC").Limit(100).Scan(&team).Error; err != nil {
		return nil, fmt.Errorf("load team: %w", err)
	}
	out.Team = views(team)
	if err := db.Model(&Binding{}).Where("distributor_id = ?", id).Count(&out.BuyerCount).Error; err != nil {
		return nil, fmt.Errorf("count buyers: %w", err)
	}
	out.History = []HistoryEntry{}
	if err := db.Where("new_distributor_id = ? OR previous_distributor_id = ?", id, id).Order("id DESC").Limit(100).Find(&out.History).Error; err != nil {
		return nil, fmt.Errorf("load history: %w", err)
	}
	return out, nil
}
