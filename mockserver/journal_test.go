package mockserver

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestJournalRing(t *testing.T) {
	j := newJournal(3)
	for i := 1; i <= 5; i++ {
		e := journalEntry{Path: fmt.Sprintf("/p%d", i), Method: "GET", Vendor: "skylight", Status: 200 + i%2}
		e.setAPIKey(fmt.Sprintf("key%d", i%2))
		j.add(e)
	}
	got := j.list(journalFilter{})
	require.Len(t, got, 3, "bounded")
	require.Equal(t, "/p5", got[0].Path, "newest first")
	require.Equal(t, "/p3", got[2].Path)
	require.Len(t, j.list(journalFilter{Status: 201}), 2)
	require.Len(t, j.list(journalFilter{APIKey: "key0"}), 1)
	require.Len(t, j.list(journalFilter{Limit: 1}), 1)
	j.clear()
	require.Empty(t, j.list(journalFilter{}))
}

func TestMask(t *testing.T) {
	out := string(maskBody([]byte(`{"username":"a@b.c","password":"pw","nested":{"code":"123456"},"list":[{"api_key":"k"}]}`)))
	for _, secret := range []string{`"pw"`, "123456", `"k"`} {
		require.NotContains(t, out, secret)
	}
	require.Contains(t, out, "a@b.c")
	escaped := string(maskBody([]byte(`{"pass\u0077ord":"hunter2"}`)))
	require.NotContains(t, escaped, "hunter2", "a key spelt with escapes is still masked")
	require.Equal(t, `{"title":"x"}`, string(maskBody([]byte(`{"title":"x"}`))), "a body without secrets is kept as sent")
	require.Equal(t, `{"unparsed_bytes":8}`, string(maskBody([]byte("password"))))
	require.Equal(t, "…5678", maskKey("abcd5678"))
	require.Equal(t, "***", maskKey("abc"))
	require.False(t, strings.Contains(maskKey("secret-key-1234"), "secret"))
}
