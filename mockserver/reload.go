package mockserver

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
	"github.com/linkedin-mock/linkedin-mock/scenarios"
)

// scenarioSources are the scenario files a server reads beside the
// built-ins: every *.yaml and *.yml file of Options.ScenariosDir, and the
// file Options.Scenario names when it is a path. It remembers the last good
// content of each file, so that a reload keeps a file's previous version
// when its new one is broken. It belongs to New, then to the one goroutine
// running WatchScenarios.
type scenarioSources struct {
	dir  string
	file string // the --scenario file, "" when the scenario is a name

	good map[string][]byte    // path -> the last content that loaded
	seen map[string]fileStamp // path -> what the last poll saw
}

// fileStamp is what a poll compares to tell that a file changed.
type fileStamp struct {
	mod  time.Time
	size int64
}

// rejectedFile is a scenario file a reload refused.
type rejectedFile struct {
	path string
	err  error
	kept bool // its previous version stays in force
}

func newScenarioSources(dir, spec string) *scenarioSources {
	src := &scenarioSources{dir: dir, good: map[string][]byte{}, seen: map[string]fileStamp{}}
	if isScenarioPath(spec) {
		src.file = spec
	}
	return src
}

// isScenarioPath tells a scenario file path (it contains a path separator or
// ends in .yaml/.yml) from a name or a comma list of names.
func isScenarioPath(spec string) bool {
	return strings.ContainsAny(spec, `/\`) || strings.HasSuffix(spec, ".yaml") || strings.HasSuffix(spec, ".yml")
}

// paths lists the files to read, the --scenario file last.
func (src *scenarioSources) paths() ([]string, error) {
	var paths []string
	if src.dir != "" {
		ps, err := scenarios.ScenarioFiles(src.dir)
		if err != nil {
			return nil, err
		}
		paths = ps
	}
	if src.file != "" {
		paths = append(paths, src.file)
	}
	return paths, nil
}

// load builds a registry of the built-ins and every file. Strict (at
// startup), the first broken file is the error; otherwise a broken file is
// reported in rejected and its last good version, if any, is loaded instead.
// fileName is the scenario name of the --scenario file, if there is one.
func (src *scenarioSources) load(strict bool) (reg *scenarios.Registry, fileName string, rejected []rejectedFile, err error) {
	reg, err = scenarios.Builtin()
	if err != nil {
		return nil, "", nil, err
	}
	paths, err := src.paths()
	if err != nil {
		return nil, "", nil, err
	}
	good := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			err = fmt.Errorf("scenarios: %w", err)
		}
		var name string
		if err == nil {
			name, err = reg.AddData(p, data)
		}
		if err != nil {
			if strict {
				return nil, "", nil, err
			}
			r := rejectedFile{path: p, err: err}
			if old, ok := src.good[p]; ok {
				if n, oerr := reg.AddData(p, old); oerr == nil {
					name, data, r.kept = n, old, true
				}
			}
			rejected = append(rejected, r)
			if !r.kept {
				continue
			}
		}
		good[p] = data
		if p == src.file {
			fileName = name
		}
	}
	if src.file != "" && fileName == "" {
		return nil, "", rejected, fmt.Errorf("scenarios: %s: no version of the --scenario file loads", src.file)
	}
	src.good = good
	return reg, fileName, rejected, nil
}

// changed polls the files' modification times and sizes, and whether files
// appeared in or left the directory, since the last call.
func (src *scenarioSources) changed() bool {
	paths, err := src.paths()
	if err != nil {
		return false // the directory is unreadable: nothing to reload from
	}
	now := make(map[string]fileStamp, len(paths))
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			now[p] = fileStamp{mod: fi.ModTime(), size: fi.Size()}
		}
	}
	differs := !reflect.DeepEqual(now, src.seen)
	src.seen = now
	return differs
}

// WatchScenarios reloads the scenario files (Options.ScenariosDir, and the
// file Options.Scenario names) whenever a tick finds one changed, added or
// removed, until ctx is done; run it at most once per server. A file that
// fails the strict checks is logged and its previous version stays in
// force. Tenants whose scenario's settings changed are forgotten, so their
// next request generates a new world; the others keep theirs.
func (s *Server) WatchScenarios(ctx context.Context, tick <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			if s.sources.changed() {
				s.reloadScenarios()
			}
		}
	}
}

// reloadScenarios reads every scenario file again and puts the result in
// force: the registry, the server's current scenario, and the tenants.
func (s *Server) reloadScenarios() {
	reg, _, rejected, err := s.sources.load(false)
	for _, r := range rejected {
		msg := "scenario file rejected; its previous version stays in force"
		if !r.kept {
			msg = "scenario file rejected; it has no previous version to keep"
		}
		s.log.Warn(msg, "file", r.path, "error", strings.ReplaceAll(r.err.Error(), "\n", "; "))
	}
	if err != nil {
		s.log.Error("scenario reload failed; the scenarios in force stay", "error", err.Error())
		return
	}
	s.resolved.swap(reg)

	current := s.current.Load().Name
	if sc, err := s.resolved.get(current); err != nil {
		s.log.Warn("the server's scenario no longer resolves; it stays as it was", "scenario", current, "error", err.Error())
	} else {
		s.current.Store(sc)
	}

	dropped := s.tenants.Forget(func(k sim.TenantKey, was *scenarios.Scenario) bool {
		sc, err := s.resolved.get(k.Scenario)
		return err != nil || !reflect.DeepEqual(sc.Settings, was.Settings)
	})
	s.log.Info("scenarios reloaded", "scenarios", len(reg.Names()), "rejected", len(rejected), "worlds_dropped", dropped)
}
