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
	// EvalDir is the private directory (absolute) where the hook creates
	// the file a switch script comes through: the runtime directory's
	// eval directory, never $TMPDIR.
	EvalDir string
	// WarnDir is the directory (absolute) where the background identity
	// check after a switch leaves SESSION.CLIENT.warn; the hook reads it
	// into STINT_WARN before each prompt. "" leaves STINT_WARN out.
	WarnDir string
	// Activity is the directory (absolute) of the per-session activity
	// files, IdleAfter the file holding idle_after in seconds (see `stint
	// idle`). "" notes nothing.
	Activity, IdleAfter string
	// Roots is the roots file (absolute; see RootsFile) the hook matches
	// the shell's directory against for auto_switch. "" matches nothing.
	Roots string
	// Rm is the absolute path of rm, for fish's hook (fish builtins cannot
	// read a descriptor the shell holds, so fish removes the file itself).
	// Found once, when the hook is printed, so a client's PATH cannot hide it.
	Rm string
}

// Hook returns the integration script for sh: the `stint` function that runs
// the binary with STINT_EVAL_FILE, STINT_SHELL and STINT_PICKER in the
// binary's environment only (and TMUX moved into STINT_TMUX: RestoreTmux)
// and sources what it writes there; VarSession set
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
	if !filepath.IsAbs(opts.EvalDir) {
		return "", fmt.Errorf("the eval directory %q is not absolute", opts.EvalDir)
	}
	if sh == Fish && !filepath.IsAbs(opts.Rm) {
		return "", fmt.Errorf("fish's hook needs rm: it was not found on PATH")
	}
	warnDir := opts.WarnDir
	if warnDir == "" {
		warnDir = "/nonexistent"
	} else if !filepath.IsAbs(warnDir) {
		return "", fmt.Errorf("the warning directory %q is not absolute", warnDir)
	}
	roots := opts.Roots
	if roots == "" {
		roots = "/nonexistent/roots"
	} else if !filepath.IsAbs(roots) {
		return "", fmt.Errorf("the roots file %q is not absolute", roots)
	}
	activity, idleAfter := opts.Activity, opts.IdleAfter
	if activity == "" {
		activity = "/nonexistent"
	}
	if idleAfter == "" {
		idleAfter = "/nonexistent/idle_after"
	}
	if !filepath.IsAbs(activity) || !filepath.IsAbs(idleAfter) {
		return "", fmt.Errorf("the activity paths %q and %q are not absolute", activity, idleAfter)
	}
	for _, p := range []string{opts.Binary, opts.EvalDir, opts.Rm, opts.WarnDir, opts.Roots, opts.Activity, opts.IdleAfter} {
		if strings.IndexByte(p, 0) >= 0 {
			return "", fmt.Errorf("a path for the hook holds a NUL byte")
		}
	}
	bin := "stint"
	if opts.Binary != "" {
		if !filepath.IsAbs(opts.Binary) {
			return "", fmt.Errorf("the stint binary path %q is not absolute", opts.Binary)
		}
		bin = Quote(sh, opts.Binary)
	} else {
		bin = "command stint" // skip the function of the same name
	}
	var template string
	switch sh {
	case Bash:
		template = hookBash
	case Zsh:
		template = hookZsh
	case Fish:
		template = hookFish
	default:
		return "", fmt.Errorf("unknown shell %v: use bash, zsh or fish", sh)
	}
	return strings.NewReplacer(
		"@STINT_BIN@", bin,
		"@STINT_KEY@", key.sequence(sh),
		"@STINT_KEY_SPEC@", key.String(),
		"@STINT_EVAL_DIR@", Quote(sh, opts.EvalDir),
		"@STINT_RM@", Quote(sh, opts.Rm),
		"@STINT_WARN_DIR@", Quote(sh, warnDir),
		"@STINT_ROOTS@", Quote(sh, roots),
		"@STINT_ACTIVITY_DIR@", Quote(sh, activity),
		"@STINT_IDLE_AFTER@", Quote(sh, idleAfter),
	).Replace(template), nil
}
