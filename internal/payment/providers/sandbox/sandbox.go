// Package sandbox is a clearly labelled fake payment provider for demos and
// development: no money moves. The shopper "pays" by calling the
// sandbox-confirm endpoint named in the payload. It is wired only when
// FENXIAO_SANDBOX_PAYMENTS is on, which production configuration refuses.
package sandbox

import (
	"context"

	"fenxiao/internal/payment"
)

// Name is the provider and method name.
const Name = "sandbox"

// Provider is the sandbox provider.
type Provider struct{}

// New returns the sandbox provider.
func New() *Provider { return &Provider{} }

// Name implements payment.Provider.
func (*Provider) Name() string { return Name }

// Methods implements payment.Provider.
func (*Provider) Methods() []payment.Method {
	return []payment.Method{{Method: Name, Provider: Name, Label: "沙箱支付（演示用，不扣款） / Sandbox (demo, no real money)", Sandbox: true}}
}

// Create implements payment.Provider: the payload says loudly that this is
// the sandbox and where to confirm.
func (*Provider) Create(_ context.Context, a payment.Attempt) (payment.Payload, error) {
	return payment.Payload{
		"provider":     Name,
		"sandbox":      true,
		"notice":       "SANDBOX: no real money moves. Confirm to simulate a successful payment.",
		"out_trade_no": a.OutTradeNo,
		"amount":       a.Amount,
		"confirm_url":  "/api/shop/payments/" + a.OutTradeNo + "/sandbox-confirm",
	}, nil
}
