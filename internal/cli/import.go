// Importing another tracker's history.

package cli

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

func importCmd(d *Deps) *cobra.Command {
	var client, maxSpan string
	var dryRun, asJSON bool
	cmd := &cobra.Command{
		Use:               "import timewarrior|watson|toggl|harvest FILE [--client NAME] [--dry-run]",
		ValidArgsFunction: completeArgs(fixed("timewarrior", "watson", "toggl", "harvest")),
		Short:             "Bring in history from Timewarrior, Watson, Toggl Track or Harvest",
		Long: "Reads `timew export` JSON, `watson log --json`, a Toggl Track CSV, or the CSV export of\n" +
			"Harvest's Detailed time report or its API's time entries (FILE - reads stdin).\n" +
			"A tag, project or client that names a stint client (its slug or display name) maps the\n" +
			"interval to it; --client puts everything on one client. Importing the same file again adds\n" +
			"nothing twice. A malformed file is refused whole. Intervals that overlap existing entries\n" +
			"(or each other) are skipped and listed; so are intervals that name no client. An interval\n" +
			"that ends in the future or lasts longer than 24h (--max-span raises it) refuses the file.\n" +
			"Harvest rows without start and end times are laid end to end from 09:00 on their date,\n" +
			"in the client's zone, in file order; the summary says so.",
		Example: "  timew export > timew.json && stint import timewarrior timew.json --dry-run\n" +
			"  watson log --json | stint import watson - --client acme\n" +
			"  stint import harvest harvest_time_report.csv --dry-run",
		Args: exactArgs(2, "stint import timewarrior|watson|toggl|harvest FILE [--client NAME] [--dry-run]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var span time.Duration
			if maxSpan != "" {
				var err error
				if span, err = time.ParseDuration(maxSpan); err != nil || span <= 0 {
					return badinput.Errorf("--max-span %q is not a duration: give one such as 36h or 72h", maxSpan)
				}
			}
			var in io.Reader = d.IO.In
			if args[1] != "-" {
				f, err := os.Open(args[1])
				if err != nil {
					return badinput.Errorf("cannot read %s: %w", args[1], err)
				}
				defer f.Close()
				in = f
			}
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			sum, err := t.wb.Import(t.ctx, workbench.ImportRequest{Format: args[0], Input: in, Client: client, DryRun: dryRun, MaxSpan: span})
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(sum)
			}
			printImport(d.IO.Out, sum)
			return nil
		},
	}
	cmd.Flags().StringVar(&client, "client", "", "put every interval on this client")
	completeFlag(cmd, "client", d.completeClient)
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "show what would be imported; write nothing")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the summary as JSON")
	cmd.Flags().StringVar(&maxSpan, "max-span", "", "take intervals up to this long (default 24h), e.g. 72h")
	return cmd
}

func printImport(w io.Writer, s workbench.ImportSummary) {
	verb := "Imported"
	if s.DryRun {
		verb = "Would import"
	}
	var parts []string
	var added display.Total // the sum of the clients as printed
	for _, c := range s.Clients {
		parts = append(parts, fmt.Sprintf("%s %d (%s)", c.Client, c.Entries, display.HM(c.Seconds)))
		added.Add(c.Seconds)
	}
	if len(s.Clients) == 0 {
		added.Add(s.AddedSeconds)
	}
	fmt.Fprintf(w, "%s %s (%s) from %s", verb, display.Count(s.Added, "entry", "entries"), added.HM(), s.Format)
	if len(parts) > 0 {
		fmt.Fprintf(w, ": %s", strings.Join(parts, ", "))
	}
	fmt.Fprintln(w, ".")
	for _, n := range s.Notes {
		fmt.Fprintf(w, "Note: %s.\n", n)
	}
	if s.AlreadyImported > 0 {
		fmt.Fprintf(w, "%d already imported before: left as they are.\n", s.AlreadyImported)
	}
	if len(s.Projects) > 0 {
		verb := "Added"
		if s.DryRun {
			verb = "Would add"
		}
		names := make([]string, len(s.Projects))
		for i, p := range s.Projects {
			names[i] = p.Client + "/" + display.Safe(p.Project) // names from the imported file
		}
		fmt.Fprintf(w, "%s %s: %s (see `stint project list`).\n", verb,
			display.Count(len(s.Projects), "project", "projects"), strings.Join(names, ", "))
	}
	listProblems(w, s.Updated, "interval changed in the other tool since it was imported; its entry was updated (the old version is in its history)",
		"intervals changed in the other tool since they were imported; their entries were updated (the old versions are in their history)")
	listProblems(w, s.Overlapping, "interval overlaps existing entries or another interval; skipped (fix it with stint add/edit)",
		"intervals overlap existing entries or each other; skipped (fix them with stint add/edit)")
	listProblems(w, s.Unmapped, "interval names no stint client; skipped (give --client NAME, or add a client named like its tag or project)",
		"intervals name no stint client; skipped (give --client NAME, or add a client named like their tag or project)")
	listProblems(w, s.Skipped, "interval left out", "intervals left out")
	if s.DryRun {
		fmt.Fprintln(w, "Dry run: nothing was written.")
	}
}

// listProblems lists the records of one kind of problem under a heading
// that agrees with their number: one, many are its two forms.
func listProblems(w io.Writer, ps []workbench.ImportProblem, one, many string) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", display.Count(len(ps), one, many))
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Record < ps[j].Record })
	const shown = 10
	for i, p := range ps {
		if i == shown {
			fmt.Fprintf(w, "  … and %d more (see --json)\n", len(ps)-shown)
			break
		}
		fmt.Fprintf(w, "  record %d: %s\n", p.Record, display.Safe(p.Reason)) // names labels of the imported file
	}
}
