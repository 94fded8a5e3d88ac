package app

import (
	"fenxiao/internal/cart"
	"fenxiao/internal/order"
	"fenxiao/internal/payment"
	"fenxiao/internal/payment/sandbox"
)

// wireOrders builds the cart, the order service with its background jobs,
// and payments. The sandbox provider exists only when SandboxPayments is on
// (configuration refuses it in production).
func (a *App) wireOrders() error {
	a.Cart = cart.NewService(a.DB.Gorm)
	a.Orders = order.NewService(a.DB.Gorm, order.Deps{Addresses: a.Members, Jobs: a.Jobs, Cart: a.Cart})
	order.RegisterJobs(a.Jobs, a.Orders)
	var providers []payment.Provider
	if a.Config.SandboxPayments {
		providers = append(providers, sandbox.New())
	}
	a.Payments = payment.NewService(a.DB.Gorm, a.Orders, providers...)
	a.Metrics.RegisterStates("fenxiao_orders", "Orders by status.", a.Orders.CountByStatus)
	a.Metrics.RegisterStates("fenxiao_payments", "Payment attempts by status.", a.Payments.CountByStatus)
	return nil
}
