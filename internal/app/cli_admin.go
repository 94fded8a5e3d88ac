package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/audit"
	"fenxiao/internal/shop/adminauth"
)

// cliActor signs the audit entries of changes made from the command line.
var cliActor = audit.Actor{Username: "cli", Role: "system"}

func runAdmin(ctx context.Context, env cliEnv, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: fenxiao admin create|reset-password [flags] (see fenxiao admin create -h)")
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("admin "+sub, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	username := fs.String("username", "", "the admin's username")
	password := fs.String("password", "", fmt.Sprintf("password (at least %d characters)", adminauth.MinPasswordLength))
	var role *string
	switch sub {
	case "create":
		role = fs.String("role", string(adminauth.RoleOperator), "super or operator")
	case "reset-password":
		fs.Lookup("password").Usage += "; omitted: a random one is generated and printed"
	default:
		return fmt.Errorf("unknown admin subcommand %q (create, reset-password)", sub)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *username == "" {
		return errors.New("--username is required")
	}
	a, err := New(ctx, env.cfg, env.log)
	if err != nil {
		return err
	}
	defer a.Close()
	if sub == "create" {
		return cliErr(createAdmin(ctx, a, env.stdout, *username, *password, adminauth.Role(*role)))
	}
	return cliErr(resetAdminPassword(ctx, a, env.stdout, *username, *password))
}

// createAdmin makes an account that must choose its own password at first
// login: the one given here has been typed into a shell.
func createAdmin(ctx context.Context, a *App, out io.Writer, username, password string, role adminauth.Role) error {
	if password == "" {
		return errors.New("--password is required")
	}
	ad, err := a.Admins.Create(ctx, cliActor, adminauth.NewAdmin{Username: username, Password: password, Role: role, MustChangePassword: true})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "created %s admin %q (id %d); they must choose a new password at first login\n", ad.Role, ad.Username, ad.ID)
	return nil
}

func resetAdminPassword(ctx context.Context, a *App, out io.Writer, username, password string) error {
	ad, err := a.Admins.ByUsername(ctx, username)
	if err != nil {
		return err
	}
	ad, generated, err := a.Admins.ResetPassword(ctx, cliActor, ad.ID, password)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "password of %q reset; their sessions have ended and the lockout is lifted.\n", ad.Username)
	if generated != "" {
		fmt.Fprintf(out, "\n    username: %s\n    password: %s\n\nThis password is shown only once. ", ad.Username, generated)
	}
	fmt.Fprintln(out, "They must choose a new password at next login.")
	return nil
}

// cliErr words domain errors for a terminal: field errors name the flag.
func cliErr(err error) error {
	e, ok := apperr.As(err)
	if !ok {
		return err
	}
	if e.Code != apperr.CodeInvalid || len(e.Fields) == 0 {
		return errors.New(e.Message)
	}
	var parts []string
	for f, msg := range e.Fields {
		parts = append(parts, "--"+f+" "+msg)
	}
	sort.Strings(parts)
	return errors.New(strings.Join(parts, "; "))
}
