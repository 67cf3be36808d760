// Package verifytest serves a vendor spec's own examples as a fake server:
// every operation answers its documented success example with its
// documented headers. Tests break chosen answers on purpose (wrong types,
// missing fields, wrong status, missing headers) to prove a checker
// catches each one.
package verifytest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/linkedin-mock/linkedin-mock/openapi"
	"github.com/linkedin-mock/linkedin-mock/openapi/verify"
)

// Answer is one response the fake server sends.
type Answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// Server is the fake server: an http.Handler serving the spec under its
// base path.
type Server struct {
	base string
	ops  []verify.Operation

	mu sync.Mutex // guards breaks and hits
	// breaks change an operation's answer before it is sent.
	breaks map[string]func(r *http.Request, a *Answer)
	// hits count the requests per operationId.
	hits map[string]int
}

// New loads an embedded spec (openapi.SkyLight or openapi.Konnector).
func New(specFile string) (*Server, error) {
	doc, err := openapi.Load(specFile)
	if err != nil {
		return nil, err
	}
	base, err := openapi.BasePath(doc)
	if err != nil {
		return nil, err
	}
	return &Server{base: base, ops: verify.Operations(doc),
		breaks: map[string]func(*http.Request, *Answer){}, hits: map[string]int{}}, nil
}

// BasePath is the vendor's base path, e.g. "/api/v1".
func (s *Server) BasePath() string { return s.base }

// Break makes f change the answer of an operation.
func (s *Server) Break(operationID string, f func(r *http.Request, a *Answer)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.breaks[operationID] = f
}

// Hits returns how many requests an operation received.
func (s *Server) Hits(operationID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[operationID]
}

// ServeHTTP answers the documented success example of the matching
// operation, changed by its Break if any.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op, ok := s.match(r.Method, strings.TrimPrefix(r.URL.Path, s.base))
	if !ok || !strings.HasPrefix(r.URL.Path, s.base+"/") {
		http.Error(w, "no such operation", http.StatusNotFound)
		return
	}
	a, err := Example(op, 0)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	s.mu.Lock()
	s.hits[op.ID]++
	brk := s.breaks[op.ID]
	s.mu.Unlock()
	if brk != nil {
		brk(r, a)
	}
	for k, v := range a.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(a.Status)
	_, _ = w.Write(a.Body)
}

// match finds the operation of a method and a path relative to the base,
// preferring the template with the most literal segments.
func (s *Server) match(method, path string) (verify.Operation, bool) {
	var best verify.Operation
	bestScore := -1
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for _, op := range s.ops {
		if op.Method != method {
			continue
		}
		tpl := strings.Split(strings.Trim(op.Path, "/"), "/")
		if len(tpl) != len(segs) {
			continue
		}
		score := literalMatches(tpl, segs)
		if score > bestScore {
			best, bestScore = op, score
		}
	}
	return best, bestScore >= 0
}

// literalMatches counts a template's literal segments when it matches the
// path's segments, or returns -1.
func literalMatches(tpl, segs []string) int {
	score := 0
	for i, t := range tpl {
		switch {
		case strings.HasPrefix(t, "{"):
		case t == segs[i]:
			score++
		default:
			return -1
		}
	}
	return score
}

// Example returns an operation's documented answer for a status (0: its
// lowest 2xx): the JSON example (or a minimal PDF for application/pdf), and
// every documented header that has an example.
func Example(op verify.Operation, status int) (*Answer, error) {
	if status == 0 {
		status = lowestSuccess(op.Op)
	}
	ref := op.Op.Responses.Status(status)
	if ref == nil || ref.Value == nil {
		return nil, fmt.Errorf("verifytest: %s documents no %d", op.ID, status)
	}
	a := &Answer{Status: status, Header: http.Header{}}
	names := make([]string, 0, len(ref.Value.Headers))
	for name := range ref.Value.Headers {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if v, ok := headerExample(ref.Value.Headers[name].Value); ok {
			a.Header.Set(name, v)
		}
	}
	if mt := ref.Value.Content.Get("application/json"); mt != nil {
		ex := mediaExample(mt)
		b, err := json.Marshal(ex)
		if err != nil {
			return nil, fmt.Errorf("verifytest: %s %d example: %w", op.ID, status, err)
		}
		a.Header.Set("Content-Type", "application/json")
		a.Body = b
		return a, nil
	}
	if ref.Value.Content.Get("application/pdf") != nil {
		a.Header.Set("Content-Type", "application/pdf")
		a.Body = []byte("%PDF-1.4\n%%EOF\n")
	}
	return a, nil
}

func lowestSuccess(op *openapi3.Operation) int {
	best := 0
	for code := range op.Responses.Map() {
		n, err := strconv.Atoi(code)
		if err == nil && n >= 200 && n < 300 && (best == 0 || n < best) {
			best = n
		}
	}
	return best
}

// mediaExample is a media type's example, or its first named example.
func mediaExample(mt *openapi3.MediaType) any {
	if mt.Example != nil {
		return mt.Example
	}
	names := make([]string, 0, len(mt.Examples))
	for n := range mt.Examples {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if e := mt.Examples[n]; e != nil && e.Value != nil {
			return e.Value.Value
		}
	}
	if mt.Schema != nil && mt.Schema.Value != nil {
		return mt.Schema.Value.Example
	}
	return nil
}

// headerExample is a header's example as a header value.
func headerExample(h *openapi3.Header) (string, bool) {
	if h == nil {
		return "", false
	}
	ex := h.Example
	if ex == nil && h.Schema != nil && h.Schema.Value != nil {
		ex = h.Schema.Value.Example
	}
	switch v := ex.(type) {
	case nil:
		return "", false
	case string:
		return v, true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return fmt.Sprint(ex), true
}
