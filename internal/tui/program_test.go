package tui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Whole-program flows through a real tea.Program (teatest). Its output is
// a stream of screen diffs, so the goldens are of the final model's view.

func startProgram(t *testing.T, b *fakeBackend, opts Options) *teatest.TestModel {
	t.Helper()
	opts.Now = func() time.Time { return testNow }
	if opts.Environ == nil {
		opts.Environ = testEnviron()
	}
	tm := teatest.NewTestModel(t, New(context.Background(), b, opts), teatest.WithInitialTermSize(120, 40))
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool { return bytes.Contains(out, []byte("Initech")) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	return tm
}

func finalScreen(t *testing.T, tm *teatest.TestModel) (*Model, string) {
	t.Helper()
	fm, ok := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	require.True(t, ok)
	return fm, ansi.Strip(fm.View().Content)
}

func TestProgramDigitSwitchesAndQuits(t *testing.T) {
	b := fixture()
	opts := hooked(t)
	tm := startProgram(t, b, opts)
	tm.Send(keyMsg("2"))
	fm, screen := finalScreen(t, tm)
	golden.RequireEqual(t, screen)

	require.NotNil(t, fm.Result())
	assert.Equal(t, "globex", fm.Result().Client)
	body, err := os.ReadFile(opts.EvalFile)
	require.NoError(t, err)
	assert.Equal(t, "export STINT_CLIENT=globex\n", string(body))
}

func TestProgramPickerTypesAndSwitches(t *testing.T) {
	b := fixture()
	opts := hooked(t)
	opts.Picker = true
	tm := startProgram(t, b, opts)
	tm.Type("init")
	tm.Send(keyMsg("enter"))
	fm, screen := finalScreen(t, tm)
	golden.RequireEqual(t, screen)
	require.NotNil(t, fm.Result())
	assert.Equal(t, "initech", fm.Result().Client)
}

func TestProgramTimerStopThenQuit(t *testing.T) {
	b := fixture()
	tm := startProgram(t, b, Options{CurrentClient: "acme"})
	tm.Send(keyMsg("t"))
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool { return bytes.Contains(out, []byte("Stopped acme")) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	tm.Send(keyMsg("q"))
	fm, screen := finalScreen(t, tm)
	golden.RequireEqual(t, screen)
	assert.Nil(t, fm.Result())
	assert.Equal(t, []string{"Stop acme"}, b.calls)
}

// syncBuffer is a bytes.Buffer safe to read while the program writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// The summary goes with the script, for the shell to print once it has
// applied it; the TUI prints nothing that could read as a success before.
func TestRunHandsTheSummaryToTheShell(t *testing.T) {
	b := fixture()
	in, keys := io.Pipe()
	out := &syncBuffer{}
	evalFile := filepath.Join(t.TempDir(), "eval")
	var summary string
	go func() {
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(out.String(), "initech") && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		keys.Write([]byte("3"))
	}()
	err := Run(context.Background(), b, Options{
		Environ: testEnviron(), EvalFile: evalFile, Shell: "bash", CurrentClient: "acme",
		Deliver: func(script, s string) error { summary = s; return toFile(evalFile)(script, s) },
		Now:     func() time.Time { return testNow }, Input: in, Output: out, NoColor: true,
	})
	require.NoError(t, err)
	keys.Close()
	assert.Equal(t, "→ initech (Initech) · kube none", summary, "initech does not auto-track: no timer part")
	assert.NotContains(t, out.String(), "→ initech")
	body, err := os.ReadFile(evalFile)
	require.NoError(t, err)
	assert.Equal(t, "export STINT_CLIENT=initech\n", string(body))
}

var _ tea.Model = (*Model)(nil)
