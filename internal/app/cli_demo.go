package app

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"fenxiao/internal/app/demo"
)

func runDemo(ctx context.Context, env cliEnv, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	ifEmpty := fs.Bool("if-empty", false, "do nothing when the store already has products")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if env.cfg.IsProduction() {
		return errors.New("demo data is refused in production mode: it creates fake shoppers and orders")
	}
	if !env.cfg.SandboxPayments {
		return errors.New("demo data needs the sandbox payment provider (FENXIAO_SANDBOX_PAYMENTS=true)")
	}
	a, err := New(ctx, env.cfg, env.log)
	if err != nil {
		return err
	}
	defer a.Close()
	sum, err := a.LoadDemo(ctx, *ifEmpty)
	if err != nil {
		return err
	}
	if sum == nil {
		fmt.Fprintln(env.stdout, "demo: the store already has products; nothing loaded")
		return nil
	}
	fmt.Fprintf(env.stdout, "demo: loaded %s\n", sum)
	return nil
}

// LoadDemo loads the demo store; with ifEmpty it returns nil, nil when the
// store already has products.
func (a *App) LoadDemo(ctx context.Context, ifEmpty bool) (*demo.Summary, error) {
	if ifEmpty {
		has, err := demo.HasData(ctx, a.Catalog)
		if err != nil || has {
			return nil, err
		}
	}
	sum, err := demo.Load(ctx, demo.Services{Catalog: a.Catalog, Media: a.Media, Members: a.Members, Orders: a.Orders, Payments: a.Payments, Referral: a.Referral})
	if err != nil {
		return nil, err
	}
	return &sum, nil
}
