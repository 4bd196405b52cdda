package shell

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The binary puts back the TMUX the hook moved aside, or unsets it when
// the shell had none; without the hook, TMUX is left as it is.
func TestRestoreTmux(t *testing.T) {
	for _, tc := range []struct {
		name        string
		tmux, moved *string
		want        *string
	}{
		{name: "in tmux, through the hook", tmux: ptr(""), moved: ptr("/tmp/tmux-1000/default,42,0"), want: ptr("/tmp/tmux-1000/default,42,0")},
		{name: "outside tmux, through the hook", tmux: ptr(""), moved: ptr(""), want: nil},
		{name: "without the hook", tmux: ptr("/tmp/tmux-1000/default,42,0"), want: ptr("/tmp/tmux-1000/default,42,0")},
		{name: "without the hook or tmux", want: nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setOrUnset(t, "TMUX", tc.tmux)
			setOrUnset(t, VarTmux, tc.moved)
			RestoreTmux()
			got, ok := os.LookupEnv("TMUX")
			if tc.want == nil {
				assert.False(t, ok, "TMUX=%q", got)
			} else {
				assert.Equal(t, *tc.want, got)
			}
			_, ok = os.LookupEnv(VarTmux)
			assert.False(t, ok, "STINT_TMUX goes no further")
		})
	}
}

func ptr(s string) *string { return &s }

func setOrUnset(t *testing.T, name string, v *string) {
	t.Setenv(name, "") // restored after the test
	if v == nil {
		os.Unsetenv(name)
	} else {
		os.Setenv(name, *v)
	}
}
