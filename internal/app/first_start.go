package app

import (
	"context"
	"io"
)

// OnFirstStart prepares a brand-new installation: it creates the first super
// admin and prints its one-time password. Filled in by the admin domain.
func (a *App) OnFirstStart(ctx context.Context, out io.Writer) error { return nil }
