package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"text/tabwriter"
)

func runJobs(ctx context.Context, env cliEnv, args []string) error {
	a, err := New(ctx, env.cfg, env.log)
	if err != nil {
		return err
	}
	defer a.Close()
	sub := "list"
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "list":
		fs := flag.NewFlagSet("jobs list", flag.ContinueOnError)
		limit := fs.Int("limit", 50, "how many jobs to show")
		if err := fs.Parse(args); err != nil {
			return err
		}
		list, err := a.Jobs.List(ctx, *limit)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tKIND\tSTATE\tATTEMPT\tSCHEDULED\tARGS")
		for _, j := range list {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\n", j.ID, j.Kind, j.State, j.Attempt, j.ScheduledAt.Format("2006-01-02 15:04:05"), j.Args)
		}
		return tw.Flush()
	case "periodic":
		for _, n := range a.Jobs.PeriodicNames() {
			fmt.Fprintln(env.stdout, n)
		}
		return nil
	case "run":
		if len(args) != 1 {
			return errors.New("usage: fenxiao jobs run NAME (see `fenxiao jobs periodic`)")
		}
		summary, err := a.Jobs.RunPeriodic(ctx, args[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "%s: %s\n", args[0], summary)
		return nil
	default:
		return fmt.Errorf("unknown jobs subcommand %q (list, periodic, run)", sub)
	}
}
