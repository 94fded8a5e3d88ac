package app

import (
	"fenxiao/internal/cart"
	"fenxiao/internal/order"
)

func (a *App) wireOrders() error {
	a.Cart = cart.NewService(a.DB.Gorm)
	a.Orders = order.NewService(a.DB.Gorm)
	return nil
}
