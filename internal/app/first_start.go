package app

import (
	"context"
	"fmt"
	"io"

	"fenxiao/internal/shop/adminauth"
)

// OnFirstStart prepares a brand-new installation: when there is no admin
// at all it creates the super admin "admin" with a random password and
// prints the credentials once to out (the console of whoever started the
// server). The log only says that it happened: passwords never reach logs.
// Later starts, and an instance that lost the race to a concurrent one,
// print nothing.
func (a *App) OnFirstStart(ctx context.Context, out io.Writer) error {
	password, created, err := a.Admins.EnsureInitialAdmin(ctx)
	if err != nil || !created {
		return err
	}
	a.Log.Info("initial super admin created; its one-time password was printed to the console",
		"username", adminauth.InitialUsername)
	_, err = fmt.Fprintf(out, `
==================================================================
  Fenxiao: your first super admin account has been created

      username: %s
      password: %s

  Log in at %s/admin — you will be asked to choose a new password.
  This password is shown only this once; store it safely now.
  Lost it? Run: fenxiao admin reset-password --username %s
==================================================================

`, adminauth.InitialUsername, password, a.Config.BaseURL, adminauth.InitialUsername)
	return err
}
