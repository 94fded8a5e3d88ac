package app

import "fenxiao/internal/platform/wechat"

// wechatJSSDK signs JS-SDK configs for the H5 share menu with the official
// account of web login (FENXIAO_WECHAT_APP_ID/APP_SECRET). Its access
// token and jsapi_ticket are kept in this process's memory until shortly
// before they expire (wechat.Tickets); each process of a deployment keeps
// its own, which stable_token makes safe. Without an AppID and AppSecret
// every request answers wechat_not_configured.
func (a *App) wechatJSSDK() *wechat.JSSDK {
	wc := a.Config.WeChat
	if wc.AppID == "" || wc.AppSecret == "" {
		return wechat.NewJSSDK(nil, a.Config.BaseURL, a.Log)
	}
	c := wechat.New(wechat.Config{AppID: wc.AppID, AppSecret: wc.AppSecret, APIBase: wc.APIBase, OpenBase: wc.OpenBase})
	return wechat.NewJSSDK(wechat.NewTickets(c), a.Config.BaseURL, a.Log)
}
