package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/stint-sh/stint/internal/paths"

	"github.com/spf13/cobra"
)

// bindingCommands change what auto_switch binds: a client's workdir, its
// repositories, its opt-out, archive or review state, or the setting. The
// TUI (the root command) can do several of those. After one of them the
// roots file the hook reads is brought up to date; every other command
// leaves it alone and pays nothing.
var bindingCommands = map[string]bool{
	"stint":            true,
	"stint client add": true, "stint client edit": true, "stint client rm": true, "stint client allow": true,
	"stint repo add": true, "stint repo rm": true, "stint repo discover": true, "stint repo clone": true,
	"stint config set": true, "stint config unset": true,
	"stint handoff import": true, "stint offboard": true,
}

// syncRoots brings the roots file up to date after a command that may
// have changed it. A failure is a warning: the command did its work, and
// the hook goes on with the roots it has.
func syncRoots(ctx context.Context, d *Deps, ran *cobra.Command) {
	if ran == nil || !bindingCommands[ran.CommandPath()] {
		return
	}
	syncRootsNow(ctx, d)
}

func syncRootsNow(ctx context.Context, d *Deps) {
	if d.Workbench == nil {
		return
	}
	wb, err := d.Workbench(ctx)
	if err == nil {
		err = wb.SyncRoots(ctx)
	}
	if err != nil {
		fmt.Fprintln(d.IO.ErrOut, "stint: warning: the directories auto_switch follows were not updated: "+strings.TrimSpace(err.Error()))
	}
}

// restoreRoots writes the roots file for a new shell when it is missing —
// the runtime directory is emptied at each boot — and stint has a
// database; otherwise `stint hook` opens none, so a shell starts fast.
func restoreRoots(ctx context.Context, d *Deps, layout paths.Layout) {
	if _, err := os.Stat(layout.RootsFile()); !errors.Is(err, fs.ErrNotExist) {
		return
	}
	if _, err := os.Stat(layout.DBPath()); err != nil {
		return
	}
	syncRootsNow(ctx, d)
}
