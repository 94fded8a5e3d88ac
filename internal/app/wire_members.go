package app

import (
	"fenxiao/internal/platform/wechat"
	"fenxiao/internal/shop/member"
)

// wireMembers builds the shopper accounts service. Outside production SMS
// codes go to the dev inbox; in production SMS login stays unavailable
// until a real provider is wired here behind member.SMSSender. WeChat login
// is enabled when an AppID and AppSecret are configured.
func (a *App) wireMembers() error {
	opts := []member.Option{
		member.WithLogger(a.Log), member.WithLimiter(a.Limiter),
		member.WithSecret(a.Config.Secret), member.WithBaseURL(a.Config.BaseURL),
	}
	if !a.Config.IsProduction() {
		opts = append(opts, member.WithSMS(member.NewDevSender(a.DB.Gorm, a.Log)))
	}
	if wc := a.Config.WeChat; wc.AppID != "" && wc.AppSecret != "" {
		opts = append(opts, member.WithWeChat(wechat.New(wechat.Config{
			AppID: wc.AppID, AppSecret: wc.AppSecret, APIBase: wc.APIBase, OpenBase: wc.OpenBase})))
	}
	a.Members = member.NewService(a.DB.Gorm, opts...)
	return nil
}
