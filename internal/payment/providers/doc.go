// Package providers adapts the WeChat Pay and Alipay clients (subpackages
// wechatpay and alipay; sandbox is the labelled demo provider) to what the
// domains ask of a payment provider: payment.Provider (query, close),
// payment.Refunder, withdrawal.Payout, and the conversions of verified
// provider messages into domain values. It holds no HTTP handlers: the
// notification receivers live in internal/httpapi (pay_notify.go).
package providers
