package profiles

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/shell"
)

// Every name bash, zsh or fish keep for themselves — the whole lists — is
// refused as bad input, in one line that names it and the shells.
func TestValidateEnvNameRefusesEveryShellName(t *testing.T) {
	names := append(shell.SpecialNames(), "fish_color_normal", "fish_greeting", "__fish_data_dir")
	for _, name := range names {
		err := ValidateEnvName(name)
		if name == "HOME" {
			assert.ErrorContains(t, err, "HOME cannot be set per client")
			continue
		}
		if assert.Error(t, err, name) {
			assert.True(t, badinput.Is(err), "%s: a usage error (exit 2)", name)
			assert.Contains(t, err.Error(), name+" belongs to the shell (")
			assert.NotContains(t, err.Error(), "\n")
		}
	}
	assert.ErrorContains(t, ValidateEnvName("PATH"), "(bash, zsh and fish use it)")
	assert.ErrorContains(t, ValidateEnvName("ARGC"), "(zsh uses it)")
	assert.ErrorContains(t, ValidateEnvName("BASH_ENV"), "(bash uses it)")
	for _, name := range []string{"STINT_X", "stint_client", "__stint_file", "__stintx"} {
		assert.ErrorContains(t, ValidateEnvName(name), "reserved", name)
	}
	assert.ErrorContains(t, ValidateEnvName("KUBECONFIG"), "stint sets KUBECONFIG itself")
	assert.ErrorContains(t, ValidateEnvName("1X"), "not a valid")
	for _, name := range []string{"AWS_PROFILE", "Path", "STATUS", "ifs", "GH_TOKEN", "PATH_EXTRA", "FISH", "_stint", "Fish_x"} {
		assert.NoError(t, ValidateEnvName(name), name)
	}
}
