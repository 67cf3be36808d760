package longtest

import "testing"

func TestSize(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want int
	}{
		{"", 1}, {"0", 1}, {"true", 1}, {"1", 100},
	} {
		t.Run("LINKEDIN_MOCK_LONG="+tc.env, func(t *testing.T) {
			t.Setenv(Env, tc.env)
			if got := Size(t, 1, 100); got != tc.want {
				t.Errorf("Size(1, 100) = %d, want %d", got, tc.want)
			}
			if Enabled() != (tc.want == 100) {
				t.Errorf("Enabled() = %v", Enabled())
			}
		})
	}
}
