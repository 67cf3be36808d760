package mockserver

import (
	"testing"
)

// TestEveryOperationImplemented lists the spec operations that have no
// handler (they answer 501). Both vendor simulations are complete, so the
// list must be empty.
func TestEveryOperationImplemented(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	total := 0
	for _, vs := range s.vendors {
		vr := vs.routes()
		for _, op := range vr.ops {
			total++
			if !op.implemented {
				missing = append(missing, vr.name+"."+op.id)
			}
		}
	}
	t.Logf("%d operations routed, %d without a handler: %v", total, len(missing), missing)
	if len(missing) > 0 {
		t.Errorf("operations answering 501: %v", missing)
	}
	if total != 48 {
		t.Errorf("routed %d operations, want the specs' 48 (32 SkyLight + 9 SkyLight webhooks + 7 Konnector)", total)
	}
}
