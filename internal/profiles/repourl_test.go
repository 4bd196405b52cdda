package profiles

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRepoURLWithoutCredentials(t *testing.T) {
	for raw, want := range map[string]string{
		"https://x-access-token:ghp_abc@github.com/org/repo.git": "https://github.com/org/repo.git",
		"https://ghp_abc@github.com/org/repo":                    "https://github.com/org/repo",
		"HTTP://user:p@ss@example.com:8080/r.git?x=1":            "HTTP://example.com:8080/r.git?x=1",
		"https://oauth2:glpat-x@gitlab.acme.io":                  "https://gitlab.acme.io",
		"ftp://me:pw@host/r.git":                                 "ftp://host/r.git",
		"ssh://git:hunter2@host/org/repo.git":                    "ssh://git@host/org/repo.git",
		"git+ssh://deploy:pw@host:2222/r":                        "git+ssh://deploy@host:2222/r",
	} {
		got, removed := RepoURLWithoutCredentials(raw)
		assert.Equal(t, want, got, raw)
		assert.True(t, removed, raw)
	}
	for _, kept := range []string{
		"git@github.com:org/repo.git", "ssh://git@github.com/org/repo.git", "https://github.com/org/repo.git",
		"https://github.com/org/repo@v1", "/srv/git/repo.git", "file:///srv/git/repo.git", "", "../sibling.git",
	} {
		got, removed := RepoURLWithoutCredentials(kept)
		assert.Equal(t, kept, got)
		assert.False(t, removed, kept)
	}
}
