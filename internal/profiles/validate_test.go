package profiles

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stint-sh/stint/internal/badinput"
)

func TestValidateEnvNameRefusesShellOwnedNames(t *testing.T) {
	for _, name := range []string{"IFS", "UID", "RANDOM", "SECONDS", "PWD", "SHLVL", "path", "fpath", "status", "argv", "fish_pid"} {
		err := ValidateEnvName(name)
		if assert.Error(t, err, name) {
			assert.True(t, badinput.Is(err), "%s: a usage error (exit 2)", name)
			assert.Contains(t, err.Error(), name+" belongs to the shell")
			assert.NotContains(t, err.Error(), "\n")
		}
	}
	assert.ErrorContains(t, ValidateEnvName("HOME"), "HOME cannot be set per client")
	assert.ErrorContains(t, ValidateEnvName("STINT_X"), "reserved")
	assert.ErrorContains(t, ValidateEnvName("1X"), "not a valid")
	for _, name := range []string{"PATH", "AWS_PROFILE", "Path", "STATUS", "ifs", "GH_TOKEN"} {
		assert.NoError(t, ValidateEnvName(name), name)
	}
}
