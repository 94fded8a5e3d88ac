package payment

import (
	"reflect"
	"testing"
)

func TestMethodsFitWhereTheShopperPays(t *testing.T) {
	t.Parallel()
	const (
		weChatUA  = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.47"
		mobileUA  = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
		desktopUA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
	)
	all := []string{"sandbox", "wechat_jsapi", "wechat_h5", "wechat_native", "alipay_wap", "alipay_page"}
	tests := []struct {
		name   string
		ua     string
		openID bool
		want   []string
	}{
		{"inside WeChat with an openid", weChatUA, true, []string{"sandbox", "wechat_jsapi"}},
		{"inside WeChat without an openid", weChatUA, false, []string{"sandbox"}},
		{"mobile browser", mobileUA, false, []string{"sandbox", "wechat_h5", "alipay_wap"}},
		{"desktop browser", desktopUA, true, []string{"sandbox", "wechat_native", "alipay_page"}},
		{"no user agent", "", false, []string{"sandbox", "wechat_native", "alipay_page"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ClientFromUserAgent(tt.ua, tt.openID)
			var got []string
			for _, m := range all {
				if fits(m, c) {
					got = append(got, m)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("methods = %v, want %v", got, tt.want)
			}
		})
	}
}
