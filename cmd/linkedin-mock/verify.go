package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/linkedin-mock/linkedin-mock/openapi/verify"
)

// verifyConfig is everything `verify` reads from flags and the environment.
type verifyConfig struct {
	cfg    verify.Config
	format string
}

func verifyFlags(c *verifyConfig) *pflag.FlagSet {
	fs := pflag.NewFlagSet("verify", pflag.ContinueOnError)
	fs.StringVar(&c.cfg.Vendor, "vendor", "", "API to verify: "+strings.Join(verify.Vendors(), " or "))
	fs.StringVar(&c.cfg.BaseURL, "base-url", "", "the server's base URL, vendor base path included, e.g. http://127.0.0.1:8080/api/v1")
	fs.StringVar(&c.cfg.APIKey, "api-key", "", "API key to send (never printed; prefer the environment variable)")
	fs.BoolVar(&c.cfg.AllowWrites, "allow-writes", false, "also send the operations that change state, built from the spec's examples")
	fs.StringVar(&c.format, "format", "text", "report format: text or json")
	fs.DurationVar(&c.cfg.Timeout, "timeout", 10*time.Second, "time allowed for each request")
	fs.DurationVar(&c.cfg.MaxRetryWait, "max-retry-wait", 30*time.Second, "longest wait a 429's Retry-After gets before the one retry")
	return fs
}

// runVerify checks a server against a vendor's spec and prints the report;
// it fails (exit 1) when any operation fails.
func runVerify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var c verifyConfig
	fs := verifyFlags(&c)
	if err := parseFlags(fs, args, getenv, stdout, stderr); err != nil {
		if errors.Is(err, errHelp) {
			return nil
		}
		return err
	}
	if err := c.check(); err != nil {
		fmt.Fprintf(stderr, "linkedin-mock: %v\nUsage of linkedin-mock verify:\n%s", err, fs.FlagUsages())
		return &usageError{err}
	}
	rep, err := verify.Run(ctx, c.cfg)
	if err != nil {
		return err
	}
	if c.format == "json" {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		return err
	}
	if !rep.OK() {
		return fmt.Errorf("verify: %d of %d operations failed", rep.Failed, len(rep.Results))
	}
	return nil
}

// check rejects what flags cannot, without echoing the key.
func (c *verifyConfig) check() error {
	switch {
	case !slices.Contains(verify.Vendors(), c.cfg.Vendor):
		return fmt.Errorf("--vendor %q: want %s", c.cfg.Vendor, strings.Join(verify.Vendors(), " or "))
	case c.cfg.BaseURL == "":
		return errors.New("--base-url is required")
	case c.cfg.APIKey == "":
		return fmt.Errorf("--api-key (or %s) is required", envName("api-key"))
	case c.format != "text" && c.format != "json":
		return fmt.Errorf("--format %q: want text or json", c.format)
	}
	return nil
}
