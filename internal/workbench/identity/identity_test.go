package identity

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCompare(t *testing.T) {
	cases := []struct {
		expected, actual string
		err              error
		want             string
	}{
		{"111111111111", "111111111111", nil, Match},
		{"Ada@Acme.io", "ada@acme.io", nil, Match},
		{"111111111111", "333333333333", nil, Mismatch},
		{"111111111111", "", errors.New("STS unreachable"), Unknown},
		{"", "", errors.New("gh is not installed"), Unknown},
		{"111111111111", "", nil, Unknown},
		{"", "system:admin", nil, Seen},
	}
	for _, c := range cases {
		got := Compare("x", c.expected, c.actual, c.err)
		assert.Equal(t, c.want, got.Status, "%+v", c)
		if c.err != nil {
			assert.Equal(t, c.err.Error(), got.Detail)
		}
	}
	r := Report{Client: "acme", Checks: []Check{Compare("aws", "1", "2", nil), Compare("gcp", "", "", errors.New("x"))}}
	assert.True(t, r.Mismatch())
	assert.Equal(t, "identity mismatch in acme: aws is 2, not 1", r.Warning())
	assert.Empty(t, Report{Client: "acme", Checks: []Check{Compare("aws", "1", "1", nil)}}.Warning())
}

// A tool that is not installed is unknown, and only configured clouds are
// asked.
func TestProbeWithoutTools(t *testing.T) {
	checks := Prober{}.Probe(context.Background(), map[string]string{"PATH": t.TempDir()},
		Expect{GCP: true, GitHubLogin: "ada", Azure: true})
	var whats []string
	for _, c := range checks {
		whats = append(whats, c.What)
		assert.Equal(t, Unknown, c.Status)
	}
	assert.Equal(t, []string{"gcp", "azure subscription", "azure tenant", "github"}, whats)
	assert.Equal(t, "gcloud is not installed", checks[0].Detail)
}
