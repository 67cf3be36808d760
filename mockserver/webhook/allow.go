package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// allowFlag is the command-line flag that widens the host allowlist; errors
// name it so that a user knows what to change.
const allowFlag = "--webhook-allow-hosts"

// defaultAllowHosts are the hosts deliveries may go to unless configured:
// loopback only.
var defaultAllowHosts = []string{"localhost", "127.0.0.0/8", "::1"}

// allowlist decides which hosts deliveries may go to.
type allowlist struct {
	any      bool
	names    map[string]bool
	prefixes []netip.Prefix
}

// newAllowlist parses entries: host names, IP addresses, CIDR prefixes, or
// "*" for any host. Empty means loopback only.
func newAllowlist(entries []string) (allowlist, error) {
	if len(entries) == 0 {
		entries = defaultAllowHosts
	}
	a := allowlist{names: map[string]bool{}}
	for _, e := range entries {
		e = strings.ToLower(strings.TrimSpace(e))
		switch {
		case e == "":
			continue
		case e == "*":
			a.any = true
		case strings.Contains(e, "/"):
			p, err := netip.ParsePrefix(e)
			if err != nil {
				return allowlist{}, fmt.Errorf("webhook: allowed host %q: %w", e, err)
			}
			a.prefixes = append(a.prefixes, p.Masked())
		default:
			if ip, err := netip.ParseAddr(strings.Trim(e, "[]")); err == nil {
				a.prefixes = append(a.prefixes, netip.PrefixFrom(ip.Unmap(), ip.Unmap().BitLen()))
				continue
			}
			a.names[e] = true
		}
	}
	return a, nil
}

// host reports whether a URL's host (a name or an IP literal) is allowed.
func (a allowlist) host(h string) bool {
	h = strings.ToLower(strings.Trim(h, "[]"))
	if a.any || a.names[h] {
		return true
	}
	ip, err := netip.ParseAddr(h)
	if err != nil {
		return false
	}
	return a.ip(ip)
}

func (a allowlist) ip(ip netip.Addr) bool {
	if a.any {
		return true
	}
	ip = ip.Unmap()
	for _, p := range a.prefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// checkURL explains why raw cannot receive deliveries, or returns nil.
func (a allowlist) checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" {
		return errors.New("The url must be a valid http or https URL.")
	}
	if u.User != nil {
		return errors.New("The url must not carry credentials.")
	}
	if !a.host(u.Hostname()) {
		return fmt.Errorf("The url host %s is not allowed: this mock delivers webhooks only to the hosts of its %s flag (loopback by default); start it with %s=%s to allow it.",
			u.Hostname(), allowFlag, allowFlag, u.Hostname())
	}
	return nil
}

// newClient returns the delivery client: no proxy from the environment, no
// redirects followed (a 3xx answer is a failed attempt), each connection
// checked against the allowlist again when it is dialled, and "localhost"
// connecting only to a loopback address.
func newClient(a allowlist, timeout time.Duration, workers int) *http.Client {
	dialer := &net.Dialer{Timeout: timeout}
	tr := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			if !a.host(host) {
				return nil, fmt.Errorf("host %s is not allowed (%s)", host, allowFlag)
			}
			d := *dialer
			d.Control = func(_, address string, _ syscall.RawConn) error {
				ap, err := netip.ParseAddrPort(address)
				if err != nil {
					return err
				}
				if strings.EqualFold(host, "localhost") && !ap.Addr().IsLoopback() {
					return fmt.Errorf("localhost resolved to %s, not a loopback address", ap.Addr())
				}
				return nil
			}
			return d.DialContext(ctx, network, addr)
		},
		MaxIdleConnsPerHost:   workers,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
	}
	return &http.Client{
		Transport: tr,
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}
