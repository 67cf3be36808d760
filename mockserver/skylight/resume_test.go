package skylight_test

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestResumeIsARealPDF(t *testing.T) {
	t.Parallel()
	for _, locale := range []string{"en", "ar"} {
		t.Run(locale, func(t *testing.T) {
			c := on(t, startLocale(t, locale), "")
			a := firstApplicant(t, c)
			applicant := applicantByID(t, c, a)
			used, _ := c.quota("max_recruiter_resume_downloads")
			r := c.do("GET", "/linkedin/recruiter/applicants/"+a+"/resume", nil)
			require.Equal(t, 200, r.Status, string(r.Raw))
			require.Equal(t, "application/pdf", r.Header.Get("Content-Type"))
			require.Equal(t, `attachment; filename="resume-`+a+`.pdf"`, r.Header.Get("Content-Disposition"))
			checkPDF(t, r.Raw)
			require.Contains(t, string(r.Raw), "Applicant #"+a)
			require.Contains(t, string(r.Raw), "Profile: "+get(applicant, "profile_url").(string))
			if locale == "en" {
				require.Contains(t, string(r.Raw), get(applicant, "name"), "the page names the applicant")
			}
			now, _ := c.quota("max_recruiter_resume_downloads")
			require.Equal(t, used+1, now)
			c.fails(404, "", "GET", "/linkedin/recruiter/applicants/999999/resume", nil)
		})
	}
}

// applicantByID finds an applicant in the jobs' details.
func applicantByID(t *testing.T, c *client, id string) any {
	t.Helper()
	for _, j := range list(t, c.ok(200, "GET", "/linkedin/recruiter", nil)["jobs"]) {
		for _, a := range list(t, get(c.ok(200, "GET", jobs+"/"+itoa(num(t, get(j, "id"))), nil), "applicants")) {
			if itoa(num(t, get(a, "id"))) == id {
				return a
			}
		}
	}
	t.Fatalf("applicant %s not found", id)
	return nil
}

// checkPDF checks the structure a PDF reader relies on: the header, the
// trailer, and every xref offset pointing at its object.
func checkPDF(t *testing.T, b []byte) {
	t.Helper()
	require.True(t, bytes.HasPrefix(b, []byte("%PDF-1.4\n")))
	require.True(t, bytes.HasSuffix(b, []byte("%%EOF\n")))
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(b)
	require.NotNil(t, m)
	xref, err := strconv.Atoi(string(m[1]))
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(b[xref:], []byte("xref\n0 ")))
	entries := regexp.MustCompile(`(\d{10}) 00000 n \n`).FindAllSubmatch(b[xref:], -1)
	require.NotEmpty(t, entries)
	for i, e := range entries {
		off, _ := strconv.Atoi(string(e[1]))
		require.True(t, bytes.HasPrefix(b[off:], []byte(strconv.Itoa(i+1)+" 0 obj\n")), "object %d at %d", i+1, off)
	}
	length := regexp.MustCompile(`<< /Length (\d+) >>\nstream\n`).FindSubmatchIndex(b)
	require.NotNil(t, length)
	n, _ := strconv.Atoi(string(b[length[2]:length[3]]))
	require.True(t, bytes.HasPrefix(b[length[1]+n:], []byte("\nendstream")), "the stream length is exact")
}
