// The timer: start, stop and status, and what every time command shares.

package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

// timeCtx is what every time command needs: the workbench, the local zone
// (the workbench clock's), and the zones of the clients it shows, looked up
// once each. A time shown in a zone other than the local one carries that
// zone's abbreviation ("22:31 JST"), so that no reader takes it for local.
type timeCtx struct {
	ctx   context.Context
	wb    *workbench.Workbench
	local *time.Location
	zones map[string]*time.Location
}

func openTime(cmd *cobra.Command, d *Deps) (*timeCtx, error) {
	wb, err := d.Workbench(cmd.Context())
	if err != nil {
		return nil, err
	}
	return &timeCtx{ctx: cmd.Context(), wb: wb, local: wb.Now().Location(), zones: map[string]*time.Location{}}, nil
}

// openTimeOn is openTime for a command about one entry: it reads the ID
// argument first, so a malformed ID never opens the database.
func openTimeOn(cmd *cobra.Command, d *Deps, arg string) (*timeCtx, int64, error) {
	id, err := parseID(arg)
	if err != nil {
		return nil, 0, err
	}
	t, err := openTime(cmd, d)
	return t, id, err
}

// zone is where client's times are shown ("" local).
func (t *timeCtx) zone(client string) *time.Location {
	if loc, ok := t.zones[client]; ok {
		return loc
	}
	loc, err := t.wb.Zone(t.ctx, client)
	if err != nil {
		loc = t.local
	}
	t.zones[client] = loc
	return loc
}

// parse reads a time flag in client's zone; "" is the zero time (now).
func (t *timeCtx) parse(flag, value, client string) (time.Time, error) {
	if value == "" {
		return time.Time{}, nil
	}
	v, err := t.wb.ParseTime(t.ctx, value, client)
	if err != nil {
		return v, badinput.Errorf("--%s: %w", flag, err)
	}
	return v, nil
}

// zoneOf is " JST" when tm reads differently in client's zone than in the
// local one, else "".
func (t *timeCtx) zoneOf(tm time.Time, client string) string {
	return display.ZoneSuffix(tm, t.zone(client), t.local)
}

// clock is tm in client's zone in layout, labelled with that zone unless it
// is the local one: "22:31 JST".
func (t *timeCtx) clock(tm time.Time, client, layout string) string {
	return display.In(tm, t.zone(client), t.local, layout)
}

// describe is an entry in one line: "acme 2024-05-01 09:00–10:30 (1:30)",
// the zone named once after the end when it is not the local one
// ("tokyo 2024-05-02 22:31–23:00 JST (0:29)").
func (t *timeCtx) describe(e workbench.Entry) string {
	return fmt.Sprintf("%s %s (%s)", clientAndProject(e), display.Span(e.Start, e.End, t.zone(e.Client), t.local), display.HM(e.Seconds))
}

// clientAndProject is "acme", or "acme/web" for an entry of a project.
func clientAndProject(e workbench.Entry) string {
	if e.Project == "" {
		return e.Client
	}
	return e.Client + "/" + display.Safe(e.Project)
}

func startCmd(d *Deps) *cobra.Command {
	var note, at, project string
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "start [NAME] [-m NOTE] [--at TIME] [--project PROJECT]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Start a client's timer (stopping the running one at the same instant)",
		Example: "  stint start acme -m \"incident 4312\"\n" +
			"  stint start globex --at 09:15\n" +
			"  stint start acme --project web\n" +
			"  stint start              # the client of this shell ($STINT_CLIENT)",
		Args: maxArgs(1, "stint start [NAME] [-m NOTE] [--at TIME] [--project PROJECT]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			client := d.Getenv("STINT_CLIENT")
			if len(args) == 1 {
				client = args[0]
			}
			if client == "" {
				return usageErr("name the client: stint start NAME (or run it in a shell switched to a client)")
			}
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			when, err := t.parse("at", at, client)
			if err != nil {
				return err
			}
			started, stopped, err := t.wb.StartProject(t.ctx, client, project, when, note)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(map[string]any{"started": started, "stopped": stopped})
			}
			t.printStopped(d.IO.Out, stopped)
			fmt.Fprintf(d.IO.Out, "Started %s at %s (entry %d).\n", clientAndProject(started),
				t.clock(started.Start, started.Client, "15:04"), started.ID)
			if stopped != nil {
				sayBudgetCrossing(t.ctx, d.IO.ErrOut, t.wb, stopped.Client)
			}
			sayBudgetCrossing(t.ctx, d.IO.ErrOut, t.wb, started.Client)
			return nil
		},
	}
	cmd.Flags().StringVarP(&note, "message", "m", "", "note for the entry")
	cmd.Flags().StringVar(&at, "at", "", "start time: 14:30, \"yesterday 14:00\", \"mon 9:30\", -15m, \"2h ago\", YYYY-MM-DD HH:MM or RFC 3339 (default now)")
	cmd.Flags().StringVar(&project, "project", "", "the entry's `PROJECT`, one of the client's (see stint project list)")
	completeFlag(cmd, "project", d.completeProject)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the started and stopped entries as JSON")
	return cmd
}

func stopCmd(d *Deps) *cobra.Command {
	var note, at string
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "stop [--at TIME] [-m NOTE]",
		Short:   "Stop the running timer",
		Example: "  stint stop\n  stint stop --at 17:30 -m \"handed over to on-call\"",
		Args:    exactArgs(0, "stint stop [--at TIME] [-m NOTE]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			var when time.Time
			if at != "" {
				st, err := t.wb.Status(t.ctx)
				if err != nil {
					return err
				}
				client := ""
				if st.Running != nil {
					client = st.Running.Client
				}
				if when, err = t.parse("at", at, client); err != nil {
					return err
				}
			}
			e, err := t.wb.Stop(t.ctx, when, note)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(e)
			}
			t.printStopped(d.IO.Out, &e)
			sayBudgetCrossing(t.ctx, d.IO.ErrOut, t.wb, e.Client)
			return nil
		},
	}
	cmd.Flags().StringVarP(&note, "message", "m", "", "note to add to the entry")
	cmd.Flags().StringVar(&at, "at", "", "stop time: 17:30, \"yesterday 18:00\", -15m, \"10m ago\", YYYY-MM-DD HH:MM or RFC 3339 (default now)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the stopped entry as JSON")
	return cmd
}

// printStopped says what became of a stopped timer (nil: none stopped): a
// timer that ran less than switch_grace is discarded, and says so with the
// way back.
func (t *timeCtx) printStopped(w io.Writer, e *workbench.Entry) {
	switch {
	case e == nil:
	case e.Discarded():
		fmt.Fprintf(w, "Discarded the %s timer after %s: shorter than switch_grace, it bills nothing (`stint undo` brings it back).\n",
			e.Client, display.Compact(e.Seconds))
	default:
		fmt.Fprintf(w, "Stopped entry %d: %s.\n", e.ID, t.describe(*e))
	}
}

func statusCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status [--json]",
		Short: "The running timer and today's time per client",
		Args:  exactArgs(0, "stint status [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			st, err := t.wb.Status(t.ctx)
			if err != nil {
				return err
			}
			st.AWS = workbench.ShellAWSOf(d.Environ(), t.wb.Now())
			st.IdentityWarning = t.wb.IdentityWarning(d.Environ())
			budgets, err := t.wb.Budgets(t.ctx)
			if err != nil {
				return err
			}
			idle, err := t.wb.PendingIdle(t.ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(statusJSON{Status: st, Budgets: budgetsOrNone(budgets), Idle: idle})
			}
			printStatus(d.IO.Out, t, st)
			if idle != nil {
				fmt.Fprintln(d.IO.Out, idleText(t, *idle))
			}
			printBudgets(d.IO.Out, budgets)
			for _, u := range budgets {
				sayBudgetCrossing(t.ctx, d.IO.ErrOut, t.wb, u.Client)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func printStatus(w io.Writer, t *timeCtx, st workbench.Status) {
	if r := st.Running; r != nil {
		fmt.Fprintf(w, "Running: %s since %s (%s, entry %d)", clientAndProject(*r),
			t.clock(r.Start, r.Client, "2006-01-02 15:04"), display.HM(r.Seconds), r.ID)
		if r.Note != "" {
			fmt.Fprintf(w, " — %s", display.Safe(display.OneLine(r.Note)))
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintln(w, "No timer running.")
	}
	if len(st.TodaySeconds) > 0 {
		var parts []string
		for _, c := range sortedKeys(st.TodaySeconds) {
			parts = append(parts, c+" "+display.HM(st.TodaySeconds[c]))
		}
		fmt.Fprintf(w, "Today: %s\n", strings.Join(parts, ", "))
	}
	if st.Forgotten && st.Running != nil {
		fmt.Fprintf(w, "Warning: the %s timer has run %s and was probably forgotten: stop it with `stint stop --at TIME`.\n",
			st.Running.Client, display.HM(st.Running.Seconds))
	}
	if st.IdentityWarning != "" {
		fmt.Fprintf(w, "Warning: %s — `stint whoami` for details.\n", display.Safe(st.IdentityWarning))
	}
	if a := st.AWS; a != nil {
		if a.SecondsLeft > 0 {
			fmt.Fprintf(w, "AWS: %s's temporary credentials in this shell, %s left (until %s)\n", a.Client, display.Compact(a.SecondsLeft),
				t.clock(a.Expires, a.Client, "15:04"))
		} else {
			fmt.Fprintf(w, "AWS: %s's temporary credentials in this shell expired %s ago: `stint switch %s` makes new ones\n",
				a.Client, display.Compact(-a.SecondsLeft), a.Client)
		}
	}
}
