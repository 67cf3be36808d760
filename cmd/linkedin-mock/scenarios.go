package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// runCheckScenario checks scenario files as the server would load them and
// reports every problem with file:line:key; it fails if any file is broken.
func runCheckScenario(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, "linkedin-mock: check-scenario needs at least one FILE\n"+topUsage)
		return &usageError{errors.New("check-scenario: no files")}
	}
	reg, err := scenarios.Builtin()
	if err != nil {
		return err
	}
	failed := 0
	for _, path := range args {
		name, err := reg.AddFile(path)
		if err != nil {
			failed++
			fmt.Fprintln(stderr, err)
			continue
		}
		fmt.Fprintf(stdout, "%s: ok (scenario %q)\n", path, name)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d scenario files have errors", failed, len(args))
	}
	return nil
}

// runListScenarios prints every scenario's name and description.
func runListScenarios(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("list-scenarios", pflag.ContinueOnError)
	dir := fs.String("scenarios-dir", "", "directory of extra scenario files (*.yaml)")
	if err := parseFlags(fs, args, getenv, stdout, stderr); err != nil {
		if errors.Is(err, errHelp) {
			return nil
		}
		return err
	}
	reg, err := scenarios.Builtin()
	if err != nil {
		return err
	}
	if *dir != "" {
		if err := reg.AddDir(*dir); err != nil {
			return err
		}
	}
	for _, name := range reg.Names() {
		fmt.Fprintf(stdout, "%-20s %s\n", name, reg.Describe(name))
	}
	return nil
}
