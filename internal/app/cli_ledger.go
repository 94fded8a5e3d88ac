package app

import (
	"context"
	"errors"
	"fmt"

	"fenxiao/internal/distribution/ledger"
)

func runLedger(ctx context.Context, env cliEnv, args []string) error {
	if len(args) != 1 || args[0] != "check" {
		return errors.New("usage: fenxiao ledger check")
	}
	a, err := New(ctx, env.cfg, env.log)
	if err != nil {
		return err
	}
	defer a.Close()
	report, err := ledger.Check(ctx, a.DB.Gorm)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, report.String())
	if !report.OK() {
		return errors.New("the ledger does not balance (see above)")
	}
	return nil
}
