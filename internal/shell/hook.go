package shell

import (
	_ "embed"
	"fmt"
	"path/filepath"
	"strings"
)

var (
	//go:embed hook.bash
	hookBash string
	//go:embed hook.zsh
	hookZsh string
	//go:embed hook.fish
	hookFish string
)

// HookOptions configures the script printed by `stint hook`.
type HookOptions struct {
	// Binary is the absolute path of the stint binary the `stint` function
	// runs. Empty means "the stint found on PATH when the function runs".
	Binary string
	// Key is the hotkey spec for the picker (see ParseKey); "" is DefaultKey.
	Key string
}

// Hook returns the integration script for sh: the `stint` function that runs
// the binary with STINT_EVAL_FILE, STINT_SHELL and STINT_PICKER in the
// binary's environment only and sources what it writes there; VarSession set
// once per shell process; and, in interactive shells, the picker hotkey.
func Hook(sh Kind, opts HookOptions) (string, error) {
	spec := opts.Key
	if spec == "" {
		spec = DefaultKey
	}
	key, err := ParseKey(spec)
	if err != nil {
		return "", err
	}
	bin := "stint"
	if opts.Binary != "" {
		if !filepath.IsAbs(opts.Binary) {
			return "", fmt.Errorf("the stint binary path %q is not absolute", opts.Binary)
		}
		if strings.IndexByte(opts.Binary, 0) >= 0 {
			return "", fmt.Errorf("the stint binary path holds a NUL byte")
		}
		bin = Quote(sh, opts.Binary)
	} else if sh != Fish {
		bin = "command stint" // skip the function of the same name
	}
	var template string
	switch sh {
	case Bash:
		template = hookBash
	case Zsh:
		template = hookZsh
	case Fish:
		template = hookFish // `command env … stint` already skips the function
	default:
		return "", fmt.Errorf("unknown shell %v: use bash, zsh or fish", sh)
	}
	return strings.NewReplacer(
		"@STINT_BIN@", bin,
		"@STINT_KEY@", key.sequence(sh),
		"@STINT_KEY_SPEC@", key.String(),
	).Replace(template), nil
}
