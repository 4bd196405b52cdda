//go:build !linux

package e2e

import (
	"errors"
	"os"
)

// pipeCountsUnread: unreadInPipe is Linux's only.
const pipeCountsUnread = false

func unreadInPipe(*os.File) (int, error) { return 0, errors.ErrUnsupported }
