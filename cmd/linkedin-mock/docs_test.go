package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// docBlock matches an HTML comment marker and the fenced block after it.
var docBlock = regexp.MustCompile("(?s)<!-- (sample|output): ([^>]+?) -->\n```[a-z]*\n(.*?)```")

// TestDocsScenarioSamples keeps docs/scenarios.md true: each sample file it
// shows is checked with check-scenario, and the output must be the one the
// page prints after it.
func TestDocsScenarioSamples(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "..", "docs", "scenarios.md"))
	require.NoError(t, err)
	dir := t.TempDir()
	outputs := map[string]string{}
	for _, m := range docBlock.FindAllStringSubmatch(string(page), -1) {
		switch m[1] {
		case "sample":
			require.NoError(t, os.WriteFile(filepath.Join(dir, m[2]), []byte(m[3]), 0o600))
		case "output":
			outputs[m[2]] = m[3]
		}
	}
	require.Len(t, outputs, 2, "the page shows check-scenario on the good and the broken sample")
	t.Chdir(dir)
	for cmdline, want := range outputs {
		t.Run(cmdline, func(t *testing.T) {
			args := strings.Fields(cmdline)
			var out bytes.Buffer
			err := run(context.Background(), args, noEnv, &out, &out)
			if err != nil {
				out.WriteString("linkedin-mock: " + err.Error() + "\n") // as main prints it
			}
			require.Equal(t, want, "$ linkedin-mock "+cmdline+"\n"+out.String())
		})
	}
}
