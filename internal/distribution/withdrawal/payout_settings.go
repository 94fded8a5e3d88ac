package withdrawal

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/platform/settings"
)

// PayoutSettingsKey is the settings row of provider payouts.
const PayoutSettingsKey = "withdrawal_payout"

// SceneReport is one transfer_scene_report_infos entry WeChat requires for
// the transfer scene, e.g. {"岗位类型", "推广员"}.
type SceneReport struct {
	Type    string `json:"info_type"`
	Content string `json:"info_content"`
}

// PayoutSettings are the merchant's settings for provider payouts.
type PayoutSettings struct {
	// WeChatSceneID is the transfer scene registered with WeChat Pay (for
	// commissions usually "1005", 佣金报酬). Empty: WeChat accounts are paid
	// manually even when WeChat Pay is configured.
	WeChatSceneID string `json:"wechat_scene_id"`
	// WeChatSceneReports are the report infos the scene requires.
	WeChatSceneReports []SceneReport `json:"wechat_scene_reports"`
	// WeChatPerception is how the payee sees it ("劳务报酬"); optional.
	WeChatPerception string `json:"wechat_user_recv_perception"`
	// Remark is the transfer remark (WeChat) and bill title (Alipay).
	Remark string `json:"remark"`
}

// DefaultPayoutSettings: no WeChat scene yet; the report infos scene 1005
// asks for; remark 佣金提现.
func DefaultPayoutSettings() PayoutSettings {
	return PayoutSettings{WeChatSceneReports: []SceneReport{{Type: "岗位类型", Content: "推广员"}, {Type: "报酬说明", Content: "推广佣金"}},
		Remark: "佣金提现"}
}

func (st *PayoutSettings) normalize() error {
	st.WeChatSceneID = strings.TrimSpace(st.WeChatSceneID)
	st.WeChatPerception = strings.TrimSpace(st.WeChatPerception)
	st.Remark = strings.TrimSpace(st.Remark)
	for i := range st.WeChatSceneReports {
		r := &st.WeChatSceneReports[i]
		r.Type, r.Content = strings.TrimSpace(r.Type), strings.TrimSpace(r.Content)
		if !plainText(r.Type, 1, 15) || !plainText(r.Content, 1, 32) {
			return apperr.InvalidField("wechat_scene_reports", "each needs info_type (1-15 characters) and info_content (1-32 characters)")
		}
	}
	switch {
	case len(st.WeChatSceneID) > 16 || strings.ContainsFunc(st.WeChatSceneID, func(r rune) bool { return r < '0' || r > '9' }):
		return apperr.InvalidField("wechat_scene_id", "must be the digits of a transfer scene registered with WeChat Pay, or empty")
	case st.WeChatSceneID != "" && len(st.WeChatSceneReports) == 0:
		return apperr.InvalidField("wechat_scene_reports", "the transfer scene needs its report infos")
	case len(st.WeChatSceneReports) > 5:
		return apperr.InvalidField("wechat_scene_reports", "at most 5")
	case st.WeChatPerception != "" && !plainText(st.WeChatPerception, 1, 16):
		return apperr.InvalidField("wechat_user_recv_perception", "at most 16 characters")
	case !plainText(st.Remark, 1, 32):
		return apperr.InvalidField("remark", "is required (at most 32 characters)")
	}
	return nil
}

func plainText(s string, least, most int) bool {
	n := utf8.RuneCountInString(s)
	return n >= least && n <= most && !strings.ContainsFunc(s, unicode.IsControl)
}

func loadPayoutSettings(ctx context.Context, db *gorm.DB) (PayoutSettings, error) {
	st := DefaultPayoutSettings()
	return st, settings.Load(ctx, db, PayoutSettingsKey, &st)
}

// PayoutSettings returns the provider payout settings with their defaults.
func (s *Service) PayoutSettings(ctx context.Context) (PayoutSettings, error) {
	return loadPayoutSettings(ctx, s.db.WithContext(ctx))
}

// SavePayoutSettings replaces the provider payout settings. Audited.
// Errors: invalid.
func (s *Service) SavePayoutSettings(ctx context.Context, by audit.Actor, in PayoutSettings) (PayoutSettings, error) {
	if err := in.normalize(); err != nil {
		return in, err
	}
	if in.WeChatSceneReports == nil {
		in.WeChatSceneReports = []SceneReport{}
	}
	return in, settings.Replace(ctx, s.db, by, "withdrawal.payout_settings", PayoutSettingsKey, in, loadPayoutSettings)
}
