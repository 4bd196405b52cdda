package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/handoff"
	"github.com/stint-sh/stint/internal/workbench"
)

func handoffCmd(d *Deps) *cobra.Command {
	h := &cobra.Command{Use: "handoff", Short: "Hand a client over to the next engineer"}
	h.AddCommand(handoffExportCmd(d), handoffImportCmd(d))
	return h
}

// maxBundleBytes bounds what import reads: a bundle is profile and notes,
// never megabytes; anything bigger is not one.
const maxBundleBytes = 16 << 20

func handoffExportCmd(d *Deps) *cobra.Command {
	var mdPath, bundlePath, src string
	cmd := &cobra.Command{
		Use:               "export NAME [-o FILE.md] [--bundle FILE.json]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Write the handoff document (and a bundle another stint can import)",
		Long: "Writes a markdown document for the next engineer: the client, billing terms, environment\n" +
			"(secret names only, never values), cloud accounts, Kubernetes contexts and servers,\n" +
			"repositories, runbook, recent log, the last 30 days of time by week, and the access to\n" +
			"hand back. It goes to stdout unless -o is given. --bundle also writes the same as JSON\n" +
			"for `stint handoff import` (without time entries, which stay with you). The bundle carries\n" +
			"repository paths relative to a source root (--src, by default the deepest directory that\n" +
			"holds every repository and the working directory) and files by name only.",
		Example: "  stint handoff export acme -o acme-handoff.md --bundle acme.json",
		Args:    exactArgs(1, "stint handoff export NAME [-o FILE.md] [--bundle FILE.json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			doc, err := wb.Handoff(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			// The document carries notes, names and values from elsewhere,
			// and is read with cat and less as often as in an editor:
			// nothing in it may act on a terminal.
			md := display.SafeLines(handoff.Markdown(doc))
			var bundle []byte
			var root string
			if bundlePath != "" {
				portable, r, err := handoff.Portable(doc.Bundle, src)
				if err != nil {
					return err
				}
				if bundle, err = handoff.Encode(portable); err != nil {
					return err
				}
				root = r
			}
			// Confirmations go to stderr while the document itself is on stdout.
			status := d.IO.Out
			if mdPath == "" {
				status = d.IO.ErrOut
			}
			if mdPath != "" {
				if err := writeFileAtomically(mdPath, writeString(md)); err != nil {
					return err
				}
				fmt.Fprintf(status, "Wrote the handoff of %s to %s.\n", args[0], mdPath)
			}
			if bundlePath != "" {
				if err := writeFileAtomically(bundlePath, writeString(string(bundle))); err != nil {
					return err
				}
				fmt.Fprintf(status, "Wrote the bundle of %s to %s: import it with `stint handoff import %s`.\n", args[0], bundlePath, bundlePath)
				if root != "" {
					fmt.Fprintf(status, "Repository paths are relative to %s.\n", root)
				}
			}
			if mdPath == "" {
				_, err := io.WriteString(d.IO.Out, md)
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&mdPath, "output", "o", "", "write the markdown to FILE (mode 0600) instead of stdout")
	cmd.Flags().StringVar(&bundlePath, "bundle", "", "also write the JSON bundle to FILE (mode 0600)")
	cmd.Flags().StringVar(&src, "src", "", "the bundle's repository paths are relative to this `DIR` (default: the deepest directory holding them all)")
	return cmd
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func handoffImportCmd(d *Deps) *cobra.Command {
	var opts workbench.ImportOptions
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "import FILE.json [--as NAME] [--src DIR] [--update] [--trust]",
		Short: "Turn a handoff bundle into a ready client",
		Long: "Creates the client of a bundle written by `stint handoff export --bundle`, all at once or\n" +
			"not at all. Secrets arrive as names: the commands that set them are listed. Repositories and\n" +
			"the working directory are placed under --src DIR (default ~/src/NAME); files the bundle\n" +
			"names (kubeconfigs, AWS files, the SSH key) are listed for you to provide. --update imports\n" +
			"into an existing client again.\n\n" +
			"Everything the bundle brings that changes what runs or where (variables, settings, files,\n" +
			"repositories) is held pending review: switch, exec, shell and env refuse the client until\n" +
			"`stint client allow NAME`. On a terminal import shows it all and asks; without one it\n" +
			"imports pending, unless --trust (a bundle from someone you trust) allows it at once.",
		Example: "  stint handoff import acme.json\n  stint handoff import acme.json --as acme-eu",
		Args:    exactArgs(1, "stint handoff import FILE.json [--as NAME] [--src DIR] [--update] [--trust]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := readBundle(args[0])
			if err != nil {
				return err
			}
			opts.Home = d.Getenv("HOME")
			if opts.Src != "" {
				if opts.Src, err = filepath.Abs(opts.Src); err != nil {
					return badinput.Errorf("--src %q is not usable: %w", opts.Src, err)
				}
			}
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if !opts.Trust && d.IO.IsStdinTTY() && !asJSON {
				opts.Confirm = askAllow(d)
			}
			res, err := wb.ImportBundle(cmd.Context(), data, opts)
			if err != nil {
				if badinput.Is(err) {
					return badinput.Errorf("cannot import %s: %w", args[0], err)
				}
				return err
			}
			if asJSON {
				return d.IO.printJSON(res)
			}
			printImportResult(d.IO.Out, res)
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.As, "as", "", "import under this client name")
	cmd.Flags().StringVar(&opts.Src, "src", "", "place the repositories and working directory under this `DIR` (default ~/src/NAME)")
	cmd.Flags().BoolVar(&opts.Update, "update", false, "import into the existing client of that name again")
	cmd.Flags().BoolVar(&opts.Trust, "trust", false, "allow what the bundle brings without a review: only for a bundle from someone you trust")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

func readBundle(path string) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, badinput.Errorf("bundle %s does not exist: check the path", path)
	}
	if err != nil {
		return nil, badinput.Errorf("cannot read bundle %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxBundleBytes+1))
	if err != nil {
		return nil, badinput.Errorf("cannot read bundle %s: %w", path, err)
	}
	if len(data) > maxBundleBytes {
		return nil, badinput.Errorf("%s is larger than %d MiB: it is not a stint bundle", path, maxBundleBytes>>20)
	}
	return data, nil
}

func printImportResult(w io.Writer, res workbench.ImportResult) {
	verb := "Imported"
	if res.Updated {
		verb = "Updated"
	}
	fmt.Fprintf(w, "%s %s.\n", verb, res.Client)
	if len(res.Review.Repos) > 0 || res.Review.Workdir != "" {
		fmt.Fprintf(w, "Repositories and working directory go under %s.\n", res.Src)
	}
	for _, n := range res.Notices {
		fmt.Fprintf(w, "Note: %s.\n", n)
	}
	if len(res.Vars) > 0 {
		// Every name, so the user sees what the next switch will export.
		names := make([]string, len(res.Vars))
		for i, n := range res.Vars {
			names[i] = n
			if handoff.RunsCode(n) {
				names[i] += " (runs code)"
			}
		}
		fmt.Fprintf(w, "Variables: %s\n", display.Safe(strings.Join(names, ", ")))
	}
	if res.Pending {
		if risky := res.Review.RunsCode(); len(risky) > 0 {
			fmt.Fprintf(w, "WARNING: the bundle sets %s, which make shells or programs run code.\n", strings.Join(risky, ", "))
		}
		fmt.Fprintf(w, "Pending review: nothing of it applies until you have seen it: `stint client review %s`, then `stint client allow %s`.\n", res.Client, res.Client)
	}
	if len(res.Fixes) == 0 {
		if !res.Pending {
			fmt.Fprintf(w, "Nothing left to do: switch to it with `stint switch %s`.\n", res.Client)
		}
		return
	}
	fmt.Fprintln(w, "To finish:")
	for _, f := range res.Fixes {
		subject := f.Name
		if f.Path != "" {
			subject = f.Path
		}
		line := "  - "
		if subject != "" {
			line += subject + ": "
		}
		line += f.Note
		if f.Command != "" {
			line += ": " + f.Command
		}
		fmt.Fprintln(w, display.Safe(line))
	}
}

func offboardCmd(d *Deps) *cobra.Command {
	var yes, asJSON bool
	cmd := &cobra.Command{
		Use:               "offboard NAME [--yes]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Rotate off a client: remove its secrets and logins here, list access to revoke",
		Long: "Removes the client's secrets from the keyring, its per-client tool logins and session\n" +
			"kubeconfigs, and archives it. Time entries and notes stay (billing, handoff). Prints the\n" +
			"checklist of access to have revoked on the client's side. Asks first unless --yes.",
		Args: exactArgs(1, "stint offboard NAME [--yes]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			slug := args[0]
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			preview, err := wb.OffboardPreview(cmd.Context(), slug)
			if err != nil {
				return err
			}
			if !yes {
				if !d.IO.IsStdinTTY() {
					return badinput.Errorf("offboarding %s removes its secrets and logins: confirm in a terminal, or pass --yes", slug)
				}
				printOffboardPlan(d.IO.ErrOut, preview)
				fmt.Fprintf(d.IO.ErrOut, "Offboard %s? [y/N] ", slug)
				line, _ := bufio.NewReader(d.IO.In).ReadString('\n')
				if a := strings.ToLower(strings.TrimSpace(line)); a != "y" && a != "yes" {
					return fmt.Errorf("offboarding %s cancelled; nothing was changed", slug)
				}
			}
			o, err := wb.Offboard(cmd.Context(), slug)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(o)
			}
			printOffboarded(d.IO.Out, o)
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

func printOffboardPlan(w io.Writer, o workbench.Offboarding) {
	fmt.Fprintf(w, "Offboarding %s will:\n", o.Client)
	if len(o.Secrets) > 0 {
		fmt.Fprintf(w, "  - remove %s from the keyring: %s\n", display.Count(len(o.Secrets), "secret", "secrets"), strings.Join(o.Secrets, ", "))
	}
	if o.AWSCache {
		fmt.Fprintf(w, "  - remove its cached temporary AWS credentials and SSO sign-in from the keyring\n")
	}
	for _, p := range o.Paths {
		fmt.Fprintf(w, "  - delete %s\n", p)
	}
	if o.StopsTimer {
		fmt.Fprintf(w, "  - stop %s's running timer\n", o.Client)
	}
	fmt.Fprintf(w, "  - archive %s (time entries and notes stay)\n", o.Client)
}

func printOffboarded(w io.Writer, o workbench.Offboarding) {
	fmt.Fprintf(w, "Offboarded %s: %s removed from the keyring, %s deleted, client archived.\n",
		o.Client, display.Count(len(o.Secrets), "secret", "secrets"), display.Count(len(o.Paths), "path", "paths"))
	if e := o.TimerStopped; e != nil {
		note := ""
		if e.Discarded() {
			note = " and discarded (shorter than switch_grace)"
		}
		fmt.Fprintf(w, "Its timer was stopped after %s%s.\n", display.Compact(e.Seconds), note)
	}
	if len(o.Checklist) == 0 {
		fmt.Fprintln(w, "No access on record to have revoked.")
		return
	}
	fmt.Fprintln(w, "Have this access revoked on the client's side:")
	for _, a := range o.Checklist {
		line := fmt.Sprintf("  [ ] %s %s", a.Kind, a.Name)
		if a.Detail != "" {
			line += " (" + a.Detail + ")"
		}
		line += ": " + a.Action
		if a.LastUsed != nil {
			line += "; last used " + a.LastUsed.Local().Format("2006-01-02")
		}
		fmt.Fprintln(w, display.Safe(line))
	}
}

func accessCmd(d *Deps) *cobra.Command {
	var asJSON bool
	var since string
	cmd := &cobra.Command{
		Use:               "access NAME [--json]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Show the access log: switches, execs and secret names loaded, by session",
		Args:              exactArgs(1, "stint access NAME [--since TIME] [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			var from time.Time
			if since != "" {
				if from, err = wb.ParseTime(cmd.Context(), since, args[0]); err != nil {
					return err
				}
			}
			r, err := wb.AccessLog(cmd.Context(), args[0], from)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(r)
			}
			return printAccess(d.IO.Out, r, noteZone(cmd.Context(), wb, args[0]), time.Local)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&since, "since", "", "only from this time on (like 2026-03-01 or -7d)")
	return cmd
}

// printAccess lists sessions, then events, at times in the client's zone
// loc, each named when it reads differently from local.
func printAccess(w io.Writer, r workbench.AccessReport, loc, local *time.Location) error {
	if len(r.Events) == 0 {
		fmt.Fprintf(w, "No access to %s recorded.\n", r.Client)
		return nil
	}
	// In the client's zone, named when it reads differently from local.
	stamp := func(t time.Time) string {
		return display.Time(t, loc, local)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SESSION\tFIRST\tLAST\tACTIONS\tSECRETS")
	for _, s := range r.Sessions {
		var acts []string
		for _, k := range sortedKeys(s.Actions) {
			acts = append(acts, fmt.Sprintf("%d %s", s.Actions[k], k))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", orNone(s.Session), stamp(s.First), stamp(s.Last), strings.Join(acts, ", "), strings.Join(s.SecretNames, " "))
	}
	fmt.Fprintln(tw, "\t\t\t\t")
	fmt.Fprintln(tw, "TIME\tSESSION\tACTION\tDETAIL\tSECRETS")
	events := append([]handoff.Event(nil), r.Events...)
	sort.SliceStable(events, func(i, j int) bool { return events[i].At.Before(events[j].At) })
	for _, e := range events {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", stamp(e.At), display.Safe(orNone(e.Session)), e.Action, display.Safe(e.Detail), strings.Join(e.SecretNames, " "))
	}
	return tw.Flush()
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
