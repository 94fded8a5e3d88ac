package app

import (
	"fenxiao/internal/shop/cart"
	"fenxiao/internal/shop/order"
)

// wireOrders builds the cart, the order service with its background jobs,
// and payments (wire_payments.go).
func (a *App) wireOrders() error {
	a.Cart = cart.NewService(a.DB.Gorm)
	a.Orders = order.NewService(a.DB.Gorm, order.Deps{Addresses: a.Members, Jobs: a.Jobs, Cart: a.Cart})
	order.RegisterJobs(a.Jobs, a.Orders)
	if err := a.wirePayments(); err != nil {
		return err
	}
	a.Metrics.RegisterStates("fenxiao_orders", "Orders by status.", a.Orders.CountByStatus)
	a.Metrics.RegisterStates("fenxiao_payments", "Payment attempts by status.", a.Payments.CountByStatus)
	return nil
}
