package referral

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"gorm.io/gorm"

	"fenxiao/internal/distribution/leaderboard"
	"fenxiao/internal/distribution/notify"
	"fenxiao/internal/shop/member"
)

// Notifier stores an in-app notification in the caller's transaction
// (notify.Service).
type Notifier interface {
	Notify(ctx context.Context, tx *gorm.DB, ns ...notify.Notification) error
}

// Recorder counts a leaderboard event in the caller's transaction
// (leaderboard.Board).
type Recorder interface {
	Record(ctx context.Context, tx *gorm.DB, evs ...leaderboard.Event) error
}

func (s *Service) notify(ctx context.Context, tx *gorm.DB, n notify.Notification) error {
	if s.notifier == nil {
		return nil
	}
	if err := s.notifier.Notify(ctx, tx, n); err != nil {
		return fmt.Errorf("notify %s: %w", n.Kind, err)
	}
	return nil
}

// joined tells a new distributor it was accepted (approval, auto join or
// designation alike) and tells its parent, if any, about the new team
// member. Recruiting earns nothing: this is a notification only.
func (s *Service) joined(ctx context.Context, tx *gorm.DB, d *Distributor) error {
	key := fmt.Sprintf("application_approved:%d", d.ID)
	err := s.notify(ctx, tx, notify.Notification{RecipientShopperID: d.ShopperID, Kind: notify.KindApplicationApproved,
		Title: "你已成为分销员", Body: fmt.Sprintf("邀请码 %s，分享你的店铺链接即可开始推广", d.InviteCode),
		Data: map[string]any{"distributor_id": d.ID, "invite_code": d.InviteCode}, DedupeKey: &key})
	if err != nil || d.ParentID == nil {
		return err
	}
	parent, err := findDistributor(tx, *d.ParentID)
	if err != nil {
		return err
	}
	name, err := s.displayName(ctx, tx, d.ShopperID)
	if err != nil {
		return err
	}
	key = fmt.Sprintf("new_team_member:%d", d.ID)
	return s.notify(ctx, tx, notify.Notification{RecipientShopperID: parent.ShopperID, Kind: notify.KindNewTeamMember,
		Title: "团队新成员", Body: fmt.Sprintf("%s 加入了你的团队", name),
		Data: map[string]any{"distributor_id": d.ID, "member": name}, DedupeKey: &key})
}

// rejected tells the applicant why its application was turned down.
func (s *Service) rejected(ctx context.Context, tx *gorm.DB, a *Application) error {
	key := fmt.Sprintf("application_rejected:%d", a.ID)
	return s.notify(ctx, tx, notify.Notification{RecipientShopperID: a.ShopperID, Kind: notify.KindApplicationRejected,
		Title: "分销员申请未通过", Body: "原因：" + a.RejectReason,
		Data: map[string]any{"application_id": a.ID, "reason": a.RejectReason}, DedupeKey: &key})
}

// newCustomer tells d that shopperID is now bound to it and counts the
// buyer on the new_customers leaderboard.
//
// The metric counts customers a distributor brought in, never current
// customers: a binding that moves away is not subtracted. A buyer counts at
// most once per distributor, ever (key new_customer:<distributor>:<buyer>),
// so last-touch ping-pong between two distributors cannot inflate either
// count, and the notification is deduped on the same key.
func (s *Service) newCustomer(ctx context.Context, tx *gorm.DB, d *Distributor, shopperID int64, at time.Time) error {
	key := fmt.Sprintf("new_customer:%d:%d", d.ID, shopperID)
	if s.board != nil {
		ev := leaderboard.Event{DistributorID: d.ID, Metric: leaderboard.MetricNewCustomers, Amount: 1, At: at, Key: key}
		if err := s.board.Record(ctx, tx, ev); err != nil {
			return fmt.Errorf("record new customer: %w", err)
		}
	}
	if s.notifier == nil {
		return nil
	}
	name, err := s.displayName(ctx, tx, shopperID)
	if err != nil {
		return err
	}
	return s.notify(ctx, tx, notify.Notification{RecipientShopperID: d.ShopperID, Kind: notify.KindNewCustomer,
		Title: "新客户", Body: fmt.Sprintf("%s 成为了你的客户", name),
		Data: map[string]any{"buyer": name}, DedupeKey: &key})
}

// displayName is how a shopper is shown to a distributor: its nickname, or
// its masked phone. Phone numbers typed into a nickname are masked too.
func (s *Service) displayName(ctx context.Context, tx *gorm.DB, shopperID int64) (string, error) {
	sh, err := s.shoppers.Shopper(ctx, tx, shopperID)
	if err != nil {
		return "", err
	}
	if sh.Nickname != "" {
		return digitsRe.ReplaceAllStringFunc(sh.Nickname, member.MaskPhone), nil
	}
	if sh.Phone != nil {
		return member.MaskPhone(*sh.Phone), nil
	}
	return fmt.Sprintf("顾客 #%d", shopperID), nil
}

// digitsRe finds runs of 7+ digits (phone-like) inside a nickname.
var digitsRe = regexp.MustCompile(`\d{7,}`)
