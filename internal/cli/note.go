package cli

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

func noteCmd(d *Deps) *cobra.Command {
	note := &cobra.Command{Use: "note", Short: "A runbook and a dated log per client, searchable across clients"}
	note.AddCommand(noteAddCmd(d), noteEditCmd(d), noteListCmd(d), noteSearchCmd(d))
	return note
}

func noteAddCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "add NAME TEXT...",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Add a dated line to a client's log",
		Example:           "  stint note add acme rotated the deploy key, old one revoked",
		Args:              minArgs(2, "stint note add NAME TEXT..."),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			n, err := wb.AddNote(cmd.Context(), args[0], strings.Join(args[1:], " "))
			if err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Noted for %s at %s.\n", n.Client, n.At.In(noteZone(cmd.Context(), wb, n.Client)).Format("2006-01-02 15:04"))
			return nil
		},
	}
}

func noteEditCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "edit NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Edit a client's runbook in $VISUAL or $EDITOR",
		Long: "Opens the runbook (markdown) in $VISUAL, else $EDITOR, else the first of editor, vi and nano\n" +
			"on PATH. It is saved when the editor exits and the text changed. An editor with arguments\n" +
			"(\"code --wait\") runs through sh, as git runs it.",
		Args: exactArgs(1, "stint note edit NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			argv, err := workbench.EditorCommand(d.Getenv, exec.LookPath)
			if err != nil {
				return err
			}
			edit, err := wb.BeginRunbookEdit(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			editor := exec.CommandContext(cmd.Context(), argv[0], append(argv[1:], edit.Path)...)
			editor.Stdin, editor.Stdout, editor.Stderr = d.IO.In, d.IO.Out, d.IO.ErrOut
			if err := editor.Run(); err != nil {
				edit.Discard()
				return fmt.Errorf("the editor %s failed (%w); the runbook of %s was not changed", argv[0], err, args[0])
			}
			changed, err := wb.FinishRunbookEdit(cmd.Context(), edit)
			if err != nil {
				return err
			}
			if changed {
				fmt.Fprintf(d.IO.Out, "Saved the runbook of %s.\n", args[0])
			} else {
				fmt.Fprintf(d.IO.Out, "No changes to the runbook of %s.\n", args[0])
			}
			return nil
		},
	}
}

// noteListing is `note list --json`.
type noteListing struct {
	Client  string           `json:"client"`
	Runbook string           `json:"runbook"`
	Log     []workbench.Note `json:"log"`
}

func noteListCmd(d *Deps) *cobra.Command {
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:               "list NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Aliases:           []string{"ls", "show"},
		Short:             "Show a client's runbook and log (newest first)",
		Args:              exactArgs(1, "stint note list NAME [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			slug := args[0]
			runbook, err := wb.Runbook(cmd.Context(), slug)
			if err != nil {
				return err
			}
			log, err := wb.Notes(cmd.Context(), slug, limit)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(noteListing{Client: slug, Runbook: runbook, Log: log})
			}
			if runbook == "" {
				fmt.Fprintf(d.IO.Out, "No runbook yet: write one with `stint note edit %s`.\n", slug)
			} else {
				fmt.Fprintln(d.IO.Out, display.SafeLines(strings.TrimRight(runbook, "\n")))
			}
			fmt.Fprintln(d.IO.Out)
			if len(log) == 0 {
				fmt.Fprintf(d.IO.Out, "No log yet: add a line with `stint note add %s TEXT`.\n", slug)
				return nil
			}
			fmt.Fprintln(d.IO.Out, "Log:")
			loc := noteZone(cmd.Context(), wb, slug)
			for _, n := range log {
				text := strings.ReplaceAll(display.SafeLines(n.Text), "\n", "\n                  ")
				fmt.Fprintf(d.IO.Out, "  %s  %s\n", n.At.In(loc).Format("2006-01-02 15:04"), text)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().IntVar(&limit, "limit", 0, "show at most this many log lines (0: all)")
	return cmd
}

func noteSearchCmd(d *Deps) *cobra.Command {
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Search every client's runbook and log",
		Long: "Finds notes containing all the words, best match first. Words match their other forms\n" +
			"(deploy finds deploying); a trailing * matches a prefix (kube*).",
		Example: "  stint note search vault token\n  stint note search 'ingress*' --json",
		Args:    minArgs(1, "stint note search QUERY... [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			hits, err := wb.SearchNotes(cmd.Context(), strings.Join(args, " "), limit)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(hits)
			}
			if len(hits) == 0 {
				fmt.Fprintf(d.IO.Out, "No notes match %q.\n", strings.Join(args, " "))
				return nil
			}
			// Matches are bold on a terminal, plain elsewhere (pipes,
			// NO_COLOR).
			bold := d.IO.ColorEnabled()
			tw := tabwriter.NewWriter(d.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "CLIENT\tIN\tDATE\tMATCH")
			for _, h := range hits {
				snippet := highlightMatches(h.Snippet, h.Matches, bold)
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", display.Safe(h.Client), h.Kind, h.At.In(noteZone(cmd.Context(), wb, h.Client)).Format("2006-01-02"), snippet)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().IntVar(&limit, "limit", 50, "show at most this many matches")
	return cmd
}

// noteZone is the client's time zone for showing dates, local when unknown.
func noteZone(ctx context.Context, wb *workbench.Workbench, slug string) *time.Location {
	if loc, err := wb.Zone(ctx, slug); err == nil && loc != nil {
		return loc
	}
	return time.Local
}

// highlightMatches is a search snippet on one line, its matches in bold
// when bold, and every part of it made safe for a terminal (a note is
// text from elsewhere).
func highlightMatches(snippet string, matches [][2]int, bold bool) string {
	// Line breaks and tabs become spaces byte for byte, so the match
	// offsets still hold.
	snippet = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return ' '
		}
		return r
	}, snippet)
	var b strings.Builder
	at := 0
	for _, m := range matches {
		if m[0] < at || m[1] > len(snippet) || m[0] >= m[1] {
			continue
		}
		b.WriteString(display.Safe(snippet[at:m[0]]))
		if bold {
			b.WriteString("\x1b[1m")
		}
		b.WriteString(display.Safe(snippet[m[0]:m[1]]))
		if bold {
			b.WriteString("\x1b[22m")
		}
		at = m[1]
	}
	b.WriteString(display.Safe(snippet[at:]))
	return b.String()
}
