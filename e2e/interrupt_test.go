package e2e

import (
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Ctrl-C ends stint at once, dying of the signal: the shell then sees 130
// and abandons the rest of a line such as `stint switch acme; terraform apply`.
func TestInterruptEndsStintAtOnce(t *testing.T) {
	h := newHome(t)
	h.client("acme")
	cmd := exec.Command(stintBin, "secret", "set", "acme", "TOKEN")
	cmd.Env = h.env
	stdin, err := cmd.StdinPipe() // never closed: stint waits for the value
	require.NoError(t, err)
	defer stdin.Close()
	require.NoError(t, cmd.Start())
	time.Sleep(300 * time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))

	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		exitErr, ok := err.(*exec.ExitError)
		require.True(t, ok, "stint must not exit cleanly on Ctrl-C: %v", err)
		status := exitErr.Sys().(syscall.WaitStatus)
		require.True(t, status.Signaled() && status.Signal() == syscall.SIGINT, "stint should die of SIGINT, got %v", status)
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("stint ignored Ctrl-C")
	}
}
