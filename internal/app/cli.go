package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"fenxiao/internal/platform/config"
)

// command is one `fenxiao <name>` subcommand. run gets the remaining args
// after global configuration flags have been parsed.
type command struct {
	summary string
	run     func(ctx context.Context, env cliEnv, args []string) error
}

// cliEnv is what every command gets.
type cliEnv struct {
	cfg    config.Config
	log    *slog.Logger
	stdout io.Writer
	stderr io.Writer
}

// commands are the subcommands by name; each runs from its cli_*.go file.
func commands() map[string]command {
	return map[string]command{
		"serve":       {summary: "run the store (default)", run: runServe},
		"migrate":     {summary: "apply database migrations and exit", run: runMigrate},
		"demo":        {summary: "load demo data: categories, products, shoppers and orders in every state [--if-empty]", run: runDemo},
		"admin":       {summary: "manage admin accounts: admin create --username U --password P [--role super|operator] | admin reset-password --username U [--password P]", run: runAdmin},
		"jobs":        {summary: "list background jobs, or run a periodic job now: jobs list | jobs periodic | jobs run NAME", run: runJobs},
		"ledger":      {summary: "ledger check: verify every entry balances and cached balances equal the fold over entries", run: runLedger},
		"openapi":     {summary: "print the API's OpenAPI document (the web apps generate their types from it)", run: runOpenAPI},
		"healthcheck": {summary: "exit 0 when the local server answers /readyz (for container health checks)", run: runHealthcheck},
	}
}

// Main runs the CLI and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "help" || name == "-h" || name == "--help" {
		usage(stdout)
		return 0
	}
	cmd, ok := commands()[name]
	if !ok {
		fmt.Fprintf(stderr, "fenxiao: unknown command %q\n\n", name)
		usage(stderr)
		return 2
	}
	cfgArgs, rest := splitConfigArgs(args)
	cfg, err := config.Load(cfgArgs, os.Getenv)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return 0
		}
		fmt.Fprintf(stderr, "fenxiao: %v\n", err)
		return 2
	}
	log := NewLogger(stderr, cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := cmd.run(ctx, cliEnv{cfg: cfg, log: log, stdout: stdout, stderr: stderr}, rest); err != nil {
		fmt.Fprintf(stderr, "fenxiao %s: %v\n", name, err)
		return 1
	}
	return 0
}

// splitConfigArgs separates global configuration flags (--addr, --env, ...)
// from a command's own arguments, so both can be given in any order.
func splitConfigArgs(args []string) (cfgArgs, rest []string) {
	known := map[string]bool{}
	for _, line := range strings.Split(config.Usage(), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			known[strings.TrimPrefix(f[0], "--")] = true
		}
	}
	for i := 0; i < len(args); i++ {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if !strings.HasPrefix(args[i], "-") || !known[name] {
			rest = append(rest, args[i])
			continue
		}
		cfgArgs = append(cfgArgs, args[i])
		if !hasValue && name != "sandbox-payments" && i+1 < len(args) {
			cfgArgs = append(cfgArgs, args[i+1])
			i++
		}
	}
	return cfgArgs, rest
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Fenxiao 分销 — two-tier distribution storefront\n\nUsage: fenxiao [command] [flags]\n\nCommands:")
	all := commands()
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-16s %s\n", n, all[n].summary)
	}
	fmt.Fprintf(w, "\nConfiguration (flag, env var):\n%s", config.Usage())
}

// NewLogger returns the JSON logger all output goes through.
func NewLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}

func runServe(ctx context.Context, env cliEnv, _ []string) error {
	a, err := New(ctx, env.cfg, env.log)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.OnFirstStart(ctx, env.stdout); err != nil {
		return err
	}
	return a.Run(ctx)
}

func runMigrate(ctx context.Context, env cliEnv, _ []string) error {
	a, err := New(ctx, env.cfg, env.log)
	if err != nil {
		return err
	}
	defer a.Close()
	versions, err := a.DB.AppliedMigrations(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "database is at migration %s (%d applied)\n", versions[len(versions)-1], len(versions))
	return nil
}
