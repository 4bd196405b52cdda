package secrets

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// lockFileName is the one lock file, in the caller's directory, that every
// writer of any client's set holds while it reads, changes and writes it.
// One file for all clients: writes are rare and short, and it leaves no
// per-client files behind.
const lockFileName = "keyring.lock"

// lockRetry is how often a waiting writer tries the lock again.
const lockRetry = 5 * time.Millisecond

// acquireLock takes the writers' lock in dir, waiting at most timeout. The
// lock is an OS file lock (flock/LockFileEx): it is released when the
// holder exits, however it exits, and two Stores in one process exclude
// each other too.
func acquireLock(dir string, timeout time.Duration) (*flock.Flock, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the lock directory %s: %w", dir, err)
	}
	path := filepath.Join(dir, lockFileName)
	lock := flock.New(path, flock.SetPermissions(0o600))
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	ok, err := lock.TryLockContext(ctx, lockRetry)
	switch {
	case ok:
		return lock, nil
	case errors.Is(err, context.DeadlineExceeded):
		return nil, &Error{
			Kind: ErrTimeout,
			Hint: fmt.Sprintf("another stint process held the secrets lock %s for %s — retry when it has finished", path, timeout),
		}
	default:
		return nil, fmt.Errorf("cannot lock %s: %w", path, err)
	}
}
