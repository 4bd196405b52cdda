package shell

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckValueSize(t *testing.T) {
	fits := strings.Repeat("x", MaxEnvString-len("TOKEN")-2)
	require.NoError(t, CheckValueSize("TOKEN", fits))
	err := CheckValueSize("TOKEN", fits+"x")
	require.Error(t, err)
	assert.Equal(t, `the value of TOKEN is 131066 bytes; a variable (NAME=value) may hold at most 131065, or no program could start with it ("Argument list too long")`, err.Error())
	assert.ErrorContains(t, CheckValueSize("T", strings.Repeat("x", 131100)), "the value of T is 131100 bytes")
}

func TestCheckEnvSize(t *testing.T) {
	lim := ExecLimits{MaxString: MaxEnvString, MaxTotal: 2 << 20}
	env := map[string]string{"SMALL": "x"}
	for i := range 20 {
		env["BIG_"+string(rune('A'+i))] = strings.Repeat("v", 120_000-i)
	}
	err := CheckEnvSize(env, ArgvMargin, lim)
	require.Error(t, err)
	assert.Equal(t, "the environment would be 2.3 MiB, more than the 1.9 MiB this system lets a program start with (128 KiB kept for arguments), and no command would run; the biggest variables are BIG_A (117 KiB), BIG_B (117 KiB), BIG_C (117 KiB)", err.Error())

	for k := range env {
		if k >= "BIG_Q" {
			delete(env, k)
		}
	}
	require.NoError(t, CheckEnvSize(env, ArgvMargin, lim), "16 of them fit")

	err = CheckEnvSize(map[string]string{"STINT_STATE": strings.Repeat("s", MaxEnvString)}, 0, lim)
	assert.EqualError(t, err, "STINT_STATE would be 131085 bytes, more than the 131072 one variable may hold, and no program could start")
	assert.NoError(t, CheckEnvSize(map[string]string{"A": strings.Repeat("s", MaxEnvString)}, 0, ExecLimits{MaxTotal: 1 << 20}), "no per-string limit elsewhere")
}

func TestSystemExecLimits(t *testing.T) {
	lim := SystemExecLimits()
	assert.GreaterOrEqual(t, lim.MaxTotal, 128<<10)
}
