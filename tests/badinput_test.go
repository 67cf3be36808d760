package tests

import (
	"strings"
	"testing"

	"github.com/linkedin-mock/linkedin-mock/openapi/verify"
)

// matrixMaxBody is the body limit of the matrix's server: small, so the
// oversized case stays small too.
const matrixMaxBody = 2048

// TestBadInputMatrix sends every generated bad request (see badCases) to the
// real binary: each must be answered with a 4xx in the vendor's documented
// error envelope, never a 5xx, never a hang (the client times out after
// 10s). Validation and key failures must use a status the operation
// documents, and such an answer must then keep the operation's whole
// documented contract (headers and body).
func TestBadInputMatrix(t *testing.T) {
	srv := startMock(t, serverFlags{maxBodyBytes: matrixMaxBody})
	for _, v := range loadVendors(t) {
		cases := badCases(v, matrixMaxBody)
		if len(cases) < 5*len(v.ops) {
			t.Fatalf("%s: only %d cases for %d operations: the generator lost its way", v.name, len(cases), len(v.ops))
		}
		t.Run(v.name, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					t.Parallel()
					checkBadCase(t, srv, v, c)
				})
			}
		})
	}
}

func checkBadCase(t *testing.T, srv *mockProcess, v *vendor, c badCase) {
	a, err := srv.send(c.call)
	if err != nil {
		t.Fatalf("%s %s: no answer (a hang or a dropped connection): %v", c.call.method, c.call.path, err)
	}
	where := c.call.method + " " + c.call.path
	if a.status >= 500 || a.status < 400 {
		t.Fatalf("%s answered %d, want a 4xx: %s", where, a.status, a.body)
	}
	if c.status != 0 && a.status != c.status {
		t.Errorf("%s answered %d, want %d: %s", where, a.status, c.status, a.body)
	}
	if c.allow != "" && !strings.Contains(a.header.Get("Allow"), c.allow) {
		t.Errorf("%s: Allow %q does not list %s", where, a.header.Get("Allow"), c.allow)
	}
	for _, problem := range v.envelopeViolations(a) {
		t.Errorf("%s answered %d: %s\n%s", where, a.status, problem, a.body)
	}
	if c.op == nil {
		return
	}
	documented := c.op.Op.Responses.Status(a.status) != nil
	if c.documented && !documented {
		t.Errorf("%s answered %d, which %s does not document", where, a.status, c.op.ID)
	}
	if documented {
		for _, problem := range verify.CheckResponse(c.op.Op, a.status, a.header, a.body) {
			t.Errorf("%s answered %d against its documented contract: %s", where, a.status, problem)
		}
	}
}
