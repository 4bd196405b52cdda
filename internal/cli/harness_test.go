package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/secrets"
	"github.com/stint-sh/stint/internal/store/storetest"
	"github.com/stint-sh/stint/internal/workbench"
)

// harness runs the command tree in-process against a temporary STINT_HOME.
type harness struct {
	t      *testing.T
	home   string
	env    map[string]string
	stdin  string
	tty    bool
	ttyOut bool // stdout is a terminal
	// outErr makes every write to stdout fail with it: a reader that went
	// away (`stint env acme | false`).
	outErr  error
	secrets func(paths.Layout) workbench.SecretStore
	keyring *secrets.MemoryBackend // the default keyring: in memory, with the real Store on top
	typed   string                 // what the fake terminal answers to a secret prompt
	now     func() time.Time
	mfa     workbench.MFAPrompt // answers MFA prompts; nil: none asked for
	openURL func(string) error  // the browser; nil: none opened
	wb      *workbench.Workbench
	withTUI bool // `stint` alone starts the real TUI (runTUI)
	// tui stands in for the TUI when set (withTUI unset).
	tui func(ctx context.Context, d *Deps) error
	// confirm answers the production guard's prompt; nil: no terminal.
	confirm func(prompt string) (string, error)
	// execd records what the guard became (path, then argv); nil: nothing yet.
	execd []string
	// background records the processes a command started in the
	// background (args, then the environment's names).
	background [][]string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	home := t.TempDir()
	h := &harness{t: t, home: home, env: map[string]string{"STINT_HOME": home, "HOME": home, "TZ": "UTC"}}
	h.keyring = secrets.NewMemoryBackend()
	h.secrets = func(l paths.Layout) workbench.SecretStore { return secrets.New(h.keyring, l.Data) }
	t.Cleanup(func() {
		if h.wb != nil {
			h.wb.DB().Close()
		}
	})
	return h
}

type result struct {
	code           int
	stdout, stderr string
}

func (h *harness) run(args ...string) result {
	h.t.Helper()
	var out, errOut bytes.Buffer
	var stdout io.Writer = &out
	if h.outErr != nil {
		stdout = failingWriter{h.outErr}
	}
	streams := NewIOStreams(strings.NewReader(h.stdin), stdout, &errOut)
	streams.SetStdinTTY(h.tty)
	streams.SetStdoutTTY(h.ttyOut)
	streams.SetColorEnabled(h.ttyOut && h.env["NO_COLOR"] == "")
	streams.SetReadSecret(func(prompt string) (string, error) {
		errOut.WriteString(prompt + "\n")
		return h.typed, nil
	})
	d := &Deps{
		IO:     streams,
		Getenv: func(k string) string { return h.env[k] },
		Environ: func() []string {
			var e []string
			for k, v := range h.env {
				e = append(e, k+"="+v)
			}
			sort.Strings(e)
			return e
		},
		Version: "test",
		MFA:     h.mfa,
		OpenURL: h.openURL,
	}
	if d.OpenURL == nil {
		d.OpenURL = func(u string) error {
			h.t.Errorf("unexpected browser opened")
			return fmt.Errorf("no browser in this test")
		}
	}
	if h.withTUI {
		d.RunTUI = runTUI
	} else if h.tui != nil {
		d.RunTUI = h.tui
	}
	d.Confirm = h.confirm
	if d.Confirm == nil {
		d.Confirm = func(string) (string, error) { return "", errNoTerminal }
	}
	d.Background = func(args, env []string) { h.background = append(h.background, args) }
	d.Exec = func(path string, argv, env []string) error {
		h.execd = append([]string{path}, argv...)
		return nil
	}
	if d.MFA == nil {
		d.MFA = func(_ context.Context, client, serial string) (string, error) {
			h.t.Errorf("unexpected MFA prompt for %s (%s)", client, serial)
			return "", fmt.Errorf("no MFA code in this test")
		}
	}
	d.Workbench = func(ctx context.Context) (*workbench.Workbench, error) {
		if h.wb == nil {
			now := h.now
			if now == nil {
				now = time.Now
			}
			wb, err := OpenWorkbench(ctx, d.Getenv, h.secrets, now)
			if err != nil {
				return nil, err
			}
			h.wb = wb
		}
		return h.wb, nil
	}
	if f := h.env["STINT_EVAL_FILE"]; filepath.Dir(f) == filepath.Join(h.home, "run", "eval") && h.env["STINT_SHELL"] != "fish" {
		defer holdEvalFile(h.t, f)()
	}
	code := Run(context.Background(), d, args)
	h.stdin = ""
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// ok runs a command that must succeed.
func (h *harness) ok(args ...string) string {
	h.t.Helper()
	r := h.run(args...)
	require.Equal(h.t, 0, r.code, "stint %v failed: %s", args, r.stderr)
	return r.stdout
}

// dump is every row of every table, to prove a failed command changed nothing.
func (h *harness) dump() string {
	h.t.Helper()
	if h.wb == nil {
		if _, err := os.Stat(filepath.Join(h.home, "data", "stint.db")); err != nil {
			return ""
		}
		h.ok("client", "list")
	}
	return storetest.Dump(h.t, h.wb.DB())
}

// fails runs a command that must fail with code and a one-line stderr
// containing want, and must leave the database exactly as it was.
func (h *harness) fails(code int, want string, args ...string) {
	h.t.Helper()
	before := h.dump()
	r := h.run(args...)
	require.Equal(h.t, code, r.code, "stint %v: want exit %d, got %d (stderr %q)", args, code, r.code, r.stderr)
	require.True(h.t, strings.HasPrefix(r.stderr, "stint: "), "error must start with 'stint: ': %q", r.stderr)
	require.Equal(h.t, 1, strings.Count(r.stderr, "\n"), "error must be one line: %q", r.stderr)
	require.Contains(h.t, r.stderr, want)
	require.Empty(h.t, r.stdout, "a failed command prints nothing on stdout")
	require.Equal(h.t, before, h.dump(), "a failed command must change nothing")
}

// failingWriter fails every write, as a closed pipe does.
type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }
