package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// usageError is a bad command line: its message and the usage were already
// printed, and the process exits 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }

// run is the whole program: main only wires the process to it, and tests call
// it directly. args excludes the program name.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && args[0] == "--version" {
		cmd, args = "version", args[1:]
	} else if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return runServe(ctx, args, getenv, stdout, stderr)
	case "check-scenario":
		return runCheckScenario(args, stdout, stderr)
	case "list-scenarios":
		return runListScenarios(args, getenv, stdout, stderr)
	case "verify":
		return runVerify(ctx, args, getenv, stdout, stderr)
	case "version":
		if len(args) > 0 {
			return extraArgs("version", args, stderr)
		}
		fmt.Fprintln(stdout, versionLine())
		return nil
	case "help":
		fmt.Fprint(stdout, topUsage)
		return nil
	}
	err := fmt.Errorf("unknown command %q (commands: %s; a scenario is chosen with --scenario %s)",
		cmd, strings.Join(commands, ", "), cmd)
	fmt.Fprintf(stderr, "linkedin-mock: %v\n%s", err, topUsage)
	return &usageError{err}
}

// commands are the first words run understands.
var commands = []string{"serve", "check-scenario", "list-scenarios", "verify", "version", "help"}

// extraArgs refuses positional arguments a command does not take, so that
// `linkedin-mock serve no-recruiter` or an unquoted `--scenario a, b` fails
// instead of serving something else.
func extraArgs(cmd string, args []string, stderr io.Writer) error {
	err := fmt.Errorf("%s takes no arguments, got %q (commands: %s; a scenario is chosen with --scenario NAME, a list as --scenario a,b)",
		cmd, strings.Join(args, " "), strings.Join(commands, ", "))
	fmt.Fprintf(stderr, "linkedin-mock: %v\n%s", err, topUsage)
	return &usageError{err}
}

const topUsage = `Usage:
  linkedin-mock [serve] [flags]           serve both mock APIs (default)
  linkedin-mock check-scenario FILE...    check scenario files strictly; exit 1 on error
  linkedin-mock list-scenarios [flags]    print the scenarios' names and descriptions
  linkedin-mock verify [flags]            check a server (real or mock) against a vendor's spec; exit 1 on failure
  linkedin-mock version                   print the module version and VCS revision (also --version)
Run "linkedin-mock serve --help" for the flags.
`

// envName is the environment variable that sets a flag: --max-body-bytes is
// LINKEDIN_MOCK_MAX_BODY_BYTES.
func envName(flag string) string {
	return "LINKEDIN_MOCK_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// parseFlags applies LINKEDIN_MOCK_* variables, then the command line (which
// wins). A bad flag or variable prints one line and the usage, and returns a
// usageError; so does a positional argument (no command takes one);
// --help prints the usage and returns errHelp.
func parseFlags(fs *pflag.FlagSet, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs.SetOutput(io.Discard)
	fs.VisitAll(func(f *pflag.Flag) {
		f.Usage += fmt.Sprintf(" (env %s)", envName(f.Name))
	})
	var envErr error
	fs.VisitAll(func(f *pflag.Flag) {
		if v := getenv(envName(f.Name)); v != "" && envErr == nil {
			if err := fs.Set(f.Name, v); err != nil {
				envErr = fmt.Errorf("%s=%q: %w", envName(f.Name), v, err)
			}
		}
	})
	err := envErr
	if err == nil {
		err = fs.Parse(args)
	}
	if errors.Is(err, pflag.ErrHelp) {
		fmt.Fprintf(stdout, "Usage of linkedin-mock %s:\n%s", fs.Name(), fs.FlagUsages())
		return errHelp
	}
	if err != nil {
		fmt.Fprintf(stderr, "linkedin-mock: %v\nUsage of linkedin-mock %s:\n%s", err, fs.Name(), fs.FlagUsages())
		return &usageError{err}
	}
	if fs.NArg() > 0 {
		return extraArgs(fs.Name(), fs.Args(), stderr)
	}
	return nil
}

// errHelp ends the program successfully after --help.
var errHelp = errors.New("help shown")
