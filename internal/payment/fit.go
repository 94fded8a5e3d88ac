package payment

import "strings"

// Client is what decides which payment methods fit: where the shopper is
// paying from.
type Client struct {
	InWeChat  bool // WeChat's in-app browser (user agent MicroMessenger)
	Mobile    bool
	HasOpenID bool // a WeChat identity under the paying app: JSAPI needs it
}

// ClientFromUserAgent reads the environment from a User-Agent header.
func ClientFromUserAgent(ua string, hasOpenID bool) Client {
	l := strings.ToLower(ua)
	mobile := strings.Contains(l, "mobile") || strings.Contains(l, "android") || strings.Contains(l, "iphone")
	return Client{InWeChat: strings.Contains(l, "micromessenger"), Mobile: mobile, HasOpenID: hasOpenID}
}

// fits reports whether a method can work in c: inside WeChat only WeChat
// JSAPI works (Alipay pages are blocked there) and needs the openid;
// mobile browsers use WeChat H5 and Alipay WAP; desktops scan a WeChat
// Native QR code or use Alipay's page. The sandbox fits everywhere.
func fits(method string, c Client) bool {
	switch method {
	case "wechat_jsapi":
		return c.InWeChat && c.HasOpenID
	case "wechat_h5", "alipay_wap":
		return !c.InWeChat && c.Mobile
	case "wechat_native", "alipay_page":
		return !c.InWeChat && !c.Mobile
	default:
		return true
	}
}
