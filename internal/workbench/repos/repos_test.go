package repos

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseStatusV2(t *testing.T) {
	out := strings.Join([]string{
		"# branch.oid 1234",
		"# branch.head feature/x",
		"# branch.upstream origin/feature/x",
		"# branch.ab +3 -7",
		"",
	}, "\n")
	s := parseStatusV2(out)
	assert.Equal(t, porcelainStatus{branch: "feature/x", upstream: "origin/feature/x", ahead: 3, behind: 7}, s)
	assert.True(t, parseStatusV2(out+"? new.txt\n").dirty)
	assert.True(t, parseStatusV2(out+"1 .M N... 100644 100644 100644 a b file\n").dirty)
	assert.Equal(t, "(detached)", parseStatusV2("# branch.oid 1\n# branch.head (detached)\n").branch)
}
