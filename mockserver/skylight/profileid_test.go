package skylight

import (
	"regexp"
	"strings"
	"testing"
)

// profileIDRule is the rule isProfileID implements, as the regexp it
// replaced; the tests hold the two equal.
var profileIDRule = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}_-]{1,99}$`)

func TestIsProfileID(t *testing.T) {
	cases := []struct {
		id   string
		want bool
	}{
		{"ACoAABcD1234", true},
		{"khalid-alshammari-ksa", true},
		{"سارة-العتيبي", true},
		{"a1", true},
		{"a", false},
		{"", false},
		{"-abc", false},
		{"_abc", false},
		{"abc def", false},
		{"abc/def", false},
		{"a" + strings.Repeat("b", 99), true},
		{"a" + strings.Repeat("b", 100), false},
		{"ab\xff", false},
		{"٣٤٥", true},
	}
	for _, c := range cases {
		if got := isProfileID(c.id); got != c.want {
			t.Errorf("isProfileID(%q) = %v, want %v", c.id, got, c.want)
		}
		if rule := profileIDRule.MatchString(c.id); rule != c.want {
			t.Errorf("the regexp says %v for %q, want %v", rule, c.id, c.want)
		}
	}
}

// FuzzIsProfileID holds isProfileID equal to the regexp on any input.
func FuzzIsProfileID(f *testing.F) {
	for _, s := range []string{"ACoAABcD1234", "سارة-العتيبي", "-x", "a\xffb", strings.Repeat("z", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if got, want := isProfileID(id), profileIDRule.MatchString(id); got != want {
			t.Errorf("isProfileID(%q) = %v, the regexp %v", id, got, want)
		}
	})
}
