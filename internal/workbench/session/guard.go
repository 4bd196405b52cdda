package session

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/stint-sh/stint/internal/guard"
	"github.com/stint-sh/stint/internal/paths"
)

// guardFront writes the production guard's shims and returns their
// directory, which a switched shell (or a child) gets at the front of its
// PATH; "" when the guard is off. Every switch rewrites what changed, so
// the shims follow the stint binary and the guard_extra setting. A guard
// that cannot be installed stops the switch: a production shell without
// it would be the worse surprise (`stint config set guard off` is the way
// to go without).
func (s *Sessions) guardFront(ctx context.Context) (string, error) {
	if s.guard == nil {
		return "", nil
	}
	on, err := s.guard.GuardOn(ctx)
	if err != nil || !on {
		return "", err
	}
	rules, err := s.guard.GuardRules(ctx)
	if err != nil {
		return "", err
	}
	bin, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("the production guard needs this binary's path: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(bin); err == nil {
		bin = resolved
	}
	dir := s.layout.GuardDir()
	if err := paths.EnsureDir(filepath.Dir(dir)); err != nil {
		return "", err
	}
	if err := paths.EnsurePrivateDir(dir); err != nil {
		return "", err
	}
	if err := guard.WriteShims(dir, bin, guard.ShimTools(rules), rules); err != nil {
		return "", fmt.Errorf("%w — or turn the guard off: `stint config set guard off`", err)
	}
	return dir, nil
}
