package e2e

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Ctrl-C ends stint at once, dying of the signal: the shell then sees 130
// and abandons the rest of a line such as `stint switch acme; terraform apply`.
func TestInterruptEndsStintAtOnce(t *testing.T) {
	if !pipeCountsUnread {
		t.Skip("skipped: cannot tell when stint reads its stdin on this OS")
	}
	h := newHome(t)
	h.client("acme")
	cmd := exec.Command(stintBin, "secret", "set", "acme", "TOKEN")
	cmd.Env = h.env
	stdin, feed, err := os.Pipe() // feed is never closed: stint waits for the rest of the value
	require.NoError(t, err)
	defer feed.Close()
	cmd.Stdin = stdin
	require.NoError(t, cmd.Start())
	_ = stdin.Close()

	// Interrupt stint while it is reading the value: once the first byte
	// has left the pipe, stint is in its read, waiting for more.
	_, err = feed.Write([]byte("x"))
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		unread, err := unreadInPipe(feed)
		return err == nil && unread == 0
	}, 15*time.Second, 5*time.Millisecond, "stint never read its stdin")
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
