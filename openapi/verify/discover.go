package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// discovery finds real identifiers by asking the server's list endpoints
// (the profile's sources), once per kind and once per URL.
type discovery struct {
	r *runner
	// found holds the identifiers of each kind asked for; why says why a
	// kind has none.
	found map[string][]string
	why   map[string]string
	// busy marks kinds being resolved, to stop a circular profile.
	busy map[string]bool
	// answers caches the source answers by URL: several kinds may come from
	// one endpoint.
	answers map[string]*exchange
}

func newDiscovery(r *runner) *discovery {
	return &discovery{r: r, found: map[string][]string{}, why: map[string]string{},
		busy: map[string]bool{}, answers: map[string]*exchange{}}
}

// resolve returns the identifiers of a kind, or none and the reason.
func (d *discovery) resolve(ctx context.Context, kind string) ([]string, string) {
	if v, ok := d.found[kind]; ok {
		return v, d.why[kind]
	}
	if d.busy[kind] {
		return nil, "circular discovery of " + kind
	}
	src, ok := d.r.prof.sources[kind]
	if !ok {
		return nil, fmt.Sprintf("verify knows no list endpoint that names a %s", kindName(kind))
	}
	d.busy[kind] = true
	vals, why := d.fetch(ctx, src)
	delete(d.busy, kind)
	d.found[kind], d.why[kind] = vals, why
	return vals, why
}

// kindName words a kind for a reason: "CampaignId" stays, "" is "value".
func kindName(kind string) string {
	if kind == "" {
		return "value"
	}
	return kind
}

// fetch asks a source for identifiers, trying up to maxUpstream values of
// the kind its own path needs.
func (d *discovery) fetch(ctx context.Context, src source) ([]string, string) {
	op, ok := d.r.ops[src.op]
	if !ok {
		return nil, fmt.Sprintf("the spec has no operation %s to list them", src.op)
	}
	fills := []map[string]string{{}}
	names := make([]string, 0, len(src.params))
	for name := range src.params {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		ups, why := d.resolve(ctx, src.params[name])
		if len(ups) == 0 {
			return nil, fmt.Sprintf("%s needs a %s first: %s", src.op, src.params[name], why)
		}
		var next []map[string]string
		for _, f := range fills {
			for _, u := range ups[:min(len(ups), maxUpstream)] {
				g := map[string]string{name: u}
				for k, v := range f {
					g[k] = v
				}
				next = append(next, g)
			}
		}
		fills = next
	}
	why := ""
	for _, f := range fills {
		vals, reason := d.ask(ctx, op, f, src.pick)
		if len(vals) > 0 {
			return vals, ""
		}
		why = reason
	}
	if src.create != "" {
		return d.make(ctx, src, why)
	}
	return nil, why
}

// make creates an identifier with the source's create write when the list
// had none (a fresh account has no webhook), if writes are allowed.
func (d *discovery) make(ctx context.Context, src source, why string) ([]string, string) {
	if !d.r.cfg.AllowWrites {
		return nil, why + "; making one takes " + src.create + ", a write: run with --allow-writes"
	}
	op, ok := d.r.ops[src.create]
	if !ok {
		return nil, fmt.Sprintf("the spec has no operation %s to make one", src.create)
	}
	req, reason := d.r.build(ctx, op)
	if req == nil {
		return nil, fmt.Sprintf("%s cannot be sent: %s", src.create, reason)
	}
	ex, err := d.r.send(ctx, op.Method, req)
	if err != nil {
		return nil, fmt.Sprintf("%s failed: %v", src.create, err)
	}
	if ex.status < 200 || ex.status > 299 {
		return nil, fmt.Sprintf("%s answered %d", src.create, ex.status)
	}
	dec := json.NewDecoder(bytes.NewReader(ex.body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Sprintf("%s did not answer JSON", src.create)
	}
	if vals := pickPath(v, strings.Split(src.created, ".")); len(vals) > 0 {
		return vals, ""
	}
	return nil, fmt.Sprintf("%s answered no identifier at %s", src.create, src.created)
}

// ask sends a source request (its required query parameters from the
// spec's examples) and picks the identifiers out of a 200 answer.
func (d *discovery) ask(ctx context.Context, op Operation, pathVals map[string]string, pick string) ([]string, string) {
	path := fillPath(op.Path, pathVals)
	query := url.Values{}
	for _, p := range op.Parameters() {
		if p.Value.In != "query" || !p.Value.Required {
			continue
		}
		ex, ok := ParamExample(p.Value)
		if !ok {
			return nil, fmt.Sprintf("%s needs query parameter %s, which has no example", op.ID, p.Value.Name)
		}
		query[p.Value.Name] = paramValues(ex)
	}
	where := op.Method + " " + withQuery(path, query)
	key := where
	ex, cached := d.answers[key]
	if !cached {
		var err error
		ex, err = d.r.send(ctx, op.Method, &request{path: path, query: query})
		if err != nil {
			return nil, fmt.Sprintf("%s (%s) failed: %v", op.ID, where, err)
		}
		d.answers[key] = ex
	}
	if ex.status != http.StatusOK {
		return nil, fmt.Sprintf("%s (%s) answered %d", op.ID, where, ex.status)
	}
	dec := json.NewDecoder(bytes.NewReader(ex.body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Sprintf("%s (%s) did not answer JSON", op.ID, where)
	}
	vals := pickPath(v, strings.Split(pick, "."))
	if len(vals) == 0 {
		return nil, fmt.Sprintf("%s (%s) listed none at %s", op.ID, where, pick)
	}
	return vals, ""
}

// pickPath collects the scalars at a dotted path; "*" walks an array.
func pickPath(v any, parts []string) []string {
	if len(parts) == 0 {
		switch x := v.(type) {
		case json.Number:
			return []string{x.String()}
		case string:
			if x != "" {
				return []string{x}
			}
		case bool:
			return []string{fmt.Sprint(x)}
		}
		return nil
	}
	if parts[0] == "*" {
		arr, _ := v.([]any)
		var out []string
		for _, e := range arr {
			out = append(out, pickPath(e, parts[1:])...)
		}
		return out
	}
	obj, _ := v.(map[string]any)
	if obj == nil {
		return nil
	}
	return pickPath(obj[parts[0]], parts[1:])
}

// fillPath puts values into a path template's {name} slots, escaped.
func fillPath(tpl string, vals map[string]string) string {
	for name, v := range vals {
		tpl = strings.ReplaceAll(tpl, "{"+name+"}", url.PathEscape(v))
	}
	return tpl
}

// withQuery appends an encoded query to a path, if any.
func withQuery(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// paramValues turns a parameter example into query values: an array gives
// one value per element (form, exploded: the style our specs use).
func paramValues(ex any) []string {
	if arr, ok := ex.([]any); ok {
		out := make([]string, 0, len(arr))
		for _, e := range arr {
			out = append(out, scalarString(e))
		}
		return out
	}
	return []string{scalarString(ex)}
}

// scalarString formats a JSON scalar as a parameter value.
func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case nil:
		return ""
	}
	if b, err := json.Marshal(v); err == nil {
		return strings.Trim(string(b), `"`)
	}
	return fmt.Sprint(v)
}
