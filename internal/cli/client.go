package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/money"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/workbench"
)

func clientCmd(d *Deps) *cobra.Command {
	client := &cobra.Command{Use: "client", Short: "Add, list, show, edit and remove clients"}
	client.AddCommand(clientAddCmd(d), clientListCmd(d), clientShowCmd(d), clientEditCmd(d), clientRmCmd(d),
		clientReviewCmd(d), clientAllowCmd(d))
	return client
}

// clientFlags binds the flags shared by `client add` and `client edit`.
type clientFlags struct {
	name, rate, currency, round, roundMode, roundPer, minimum, tz, color, workdir, budget, autoSwitch string
	prod, noTrack, archive, unarchive                                                                 bool
}

func (f *clientFlags) bind(fs *pflag.FlagSet, edit bool) {
	// A default is what `add` takes for a flag left out; `edit` keeps the
	// current value instead, so its help names none.
	def := func(text string) string {
		if edit {
			return ""
		}
		return " (default " + text + ")"
	}
	fs.StringVar(&f.name, "name", "", `display name, like "Acme Corp"`)
	fs.StringVar(&f.rate, "rate", "", "hourly rate as a decimal, like 150.00")
	fs.StringVar(&f.currency, "currency", "", "ISO 4217 currency of the rate"+def("USD"))
	fs.StringVar(&f.round, "round", "", "rounding increment: 15m, 1h, 6 (minutes); 0 for none")
	fs.StringVar(&f.roundMode, "round-mode", "", "round up, nearest or down"+def("up"))
	fs.StringVar(&f.roundPer, "round-per", "", "apply rounding per entry or per day"+def("entry"))
	fs.StringVar(&f.minimum, "minimum", "", "minimum billed per entry, like 15m")
	fs.StringVar(&f.tz, "tz", "", "IANA time zone for days and weeks, like Europe/Berlin")
	fs.StringVar(&f.color, "color", "", `badge colour, like "#ff8800"`)
	fs.StringVar(&f.workdir, "workdir", "", "`DIR` where stint shell starts")
	fs.StringVar(&f.autoSwitch, "auto-switch", "", "on|off: a cd into the workdir or a repository switches the shell (once auto_switch is on: stint config set auto_switch on)"+def("on"))
	fs.StringVar(&f.budget, "budget", "", "hours per week or month, like 20h/month or 10h/week; off for none")
	fs.BoolVar(&f.prod, "prod", false, "mark as production: the TUI and prompt warn loudly")
	fs.BoolVar(&f.noTrack, "no-track", false, "do not start a timer when switching to this client")
	if edit {
		fs.Bool("no-prod", false, "clear the production mark")
		fs.Bool("track", false, "start a timer again when switching to this client")
		fs.BoolVar(&f.archive, "archive", false, "archive: hide from lists and pickers, keep time entries")
		fs.BoolVar(&f.unarchive, "unarchive", false, "bring an archived client back")
	}
}

// spec turns the flags the user actually gave into a ClientSpec.
// completeClientFlags registers the fixed choices of the shared flags.
func completeClientFlags(cmd *cobra.Command) {
	completeFlag(cmd, "round-mode", fixed("up", "nearest", "down"))
	completeFlag(cmd, "round-per", fixed("entry", "day"))
	completeFlag(cmd, "auto-switch", fixed("on", "off"))
}

func (f *clientFlags) spec(fs *pflag.FlagSet) profiles.ClientSpec {
	var s profiles.ClientSpec
	str := func(name string, v *string) *string {
		if fs.Changed(name) {
			return v
		}
		return nil
	}
	s.Name, s.Rate, s.Currency = str("name", &f.name), str("rate", &f.rate), str("currency", &f.currency)
	s.Round, s.RoundMode, s.RoundPer = str("round", &f.round), str("round-mode", &f.roundMode), str("round-per", &f.roundPer)
	s.Minimum, s.Timezone, s.Color, s.Workdir = str("minimum", &f.minimum), str("tz", &f.tz), str("color", &f.color), str("workdir", &f.workdir)
	s.Budget, s.AutoSwitch = str("budget", &f.budget), str("auto-switch", &f.autoSwitch)
	t, fa := true, false
	if fs.Changed("prod") {
		s.Prod = &t
	}
	if fs.Changed("no-prod") {
		s.Prod = &fa
	}
	if fs.Changed("no-track") {
		s.Track = &fa
	}
	if fs.Changed("track") {
		s.Track = &t
	}
	if f.archive {
		s.Archived = &t
	}
	if f.unarchive {
		s.Archived = &fa
	}
	return s
}

func clientAddCmd(d *Deps) *cobra.Command {
	var f clientFlags
	cmd := &cobra.Command{
		Use:               "add NAME",
		ValidArgsFunction: completeArgs(d.completeTakenName),
		Short:             "Add a client",
		Example: `  stint client add acme --name "Acme Corp" --rate 150 --currency USD --round 15m
  stint client add globex --tz America/New_York --prod`,
		Args: exactArgs(1, "stint client add NAME [flags]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			c, err := wb.AddClient(cmd.Context(), args[0], f.spec(cmd.Flags()))
			if err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Added %s (%s).\n", c.Slug, display.Safe(c.Name))
			return nil
		},
	}
	f.bind(cmd.Flags(), false)
	completeClientFlags(cmd)
	return cmd
}

func clientEditCmd(d *Deps) *cobra.Command {
	var f clientFlags
	cmd := &cobra.Command{
		Use:               "edit NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Change a client's name, billing terms, colour or flags",
		Long:              "Change a client's name, billing terms, colour or flags. Only the flags given change;\nevery other setting keeps its current value.",
		Args:              exactArgs(1, "stint client edit NAME [flags]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			spec := f.spec(cmd.Flags())
			if spec == (profiles.ClientSpec{}) {
				return usageErr("nothing to change: give at least one flag, like --rate 160 (see `stint client edit --help`)")
			}
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			c, err := wb.EditClient(cmd.Context(), args[0], spec)
			if err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Updated %s.\n", c.Slug)
			return nil
		},
	}
	f.bind(cmd.Flags(), true)
	completeClientFlags(cmd)
	cmd.MarkFlagsMutuallyExclusive("prod", "no-prod")
	cmd.MarkFlagsMutuallyExclusive("track", "no-track")
	cmd.MarkFlagsMutuallyExclusive("archive", "unarchive")
	return cmd
}

func clientListCmd(d *Deps) *cobra.Command {
	var all, asJSON bool
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List clients",
		Args:    exactArgs(0, "stint client list [--all] [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			cs, err := wb.Clients(cmd.Context(), all)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(cs)
			}
			if len(cs) == 0 {
				fmt.Fprintln(d.IO.Out, "No clients yet. Add one with `stint client add acme --name \"Acme Corp\"`.")
				return nil
			}
			tw := tabwriter.NewWriter(d.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "CLIENT\tNAME\tRATE\tROUNDING\tFLAGS")
			for _, c := range cs {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.Slug, display.Safe(c.Name), rateText(c), roundText(c), flagText(c))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "include archived clients")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func rateText(c workbench.ClientInfo) string {
	if c.RateMinor == 0 {
		return "-"
	}
	return money.Format(c.RateMinor, money.Currency(c.Currency)) + "/h"
}

func roundText(c workbench.ClientInfo) string {
	if c.RoundMinutes == 0 {
		return "exact"
	}
	s := fmt.Sprintf("%dm %s", c.RoundMinutes, c.RoundMode)
	if c.RoundPer == "day" {
		s += " per day"
	}
	return s
}

func flagText(c workbench.ClientInfo) string {
	var f []string
	if c.Production {
		f = append(f, "prod")
	}
	if !c.AutoTrack {
		f = append(f, "no-track")
	}
	if !c.AutoSwitch {
		f = append(f, "no-auto-switch")
	}
	if c.Archived {
		f = append(f, "archived")
	}
	if c.ReviewPending {
		f = append(f, "pending-review")
	}
	return strings.Join(f, ",")
}

func clientShowCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "show NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Show a client's whole profile (secret names, never values)",
		Args:              exactArgs(1, "stint client show NAME [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			p, err := wb.Profile(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(p)
			}
			printProfile(d.IO, p)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func printProfile(io *IOStreams, p workbench.ProfileView) {
	c := p.Client
	tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "%s\t%s\n", display.Safe(k), display.Safe(v))
		}
	}
	row("client", c.Slug)
	row("name", c.Name)
	row("rate", rateText(c))
	row("rounding", roundText(c))
	if c.MinimumMinutes > 0 {
		row("minimum", fmt.Sprintf("%dm per entry", c.MinimumMinutes))
	}
	row("budget", c.Budget)
	row("time zone", c.Timezone)
	row("colour", c.Color)
	row("flags", flagText(c))
	row("workdir", c.Workdir)
	for _, sec := range []struct {
		name string
		m    map[string]string
	}{{"aws", p.AWS}, {"gcp", p.GCP}, {"azure", p.Azure}, {"git", p.Git}} {
		for _, k := range sortedKeys(sec.m) {
			row(sec.name+" "+strings.ReplaceAll(k, "_", " "), sec.m[k])
		}
	}
	if len(p.Kube.Contexts) > 0 {
		ctxs := make([]string, 0, len(p.Kube.Contexts))
		for _, x := range p.Kube.Contexts {
			if x == p.Kube.Context {
				x += " (default)"
			}
			ctxs = append(ctxs, x)
		}
		row("kube contexts", strings.Join(ctxs, ", "))
		row("kube namespace", p.Kube.Namespace)
		row("kubeconfigs", strings.Join(p.Kube.Sources, ", "))
	}
	row("isolated", strings.Join(p.Isolated, ", "))
	for _, k := range sortedKeys(p.Vars) {
		v := p.Vars[k]
		if v == "" {
			v = `"" (set, empty)` // exported as K=, as `env K=` does
		}
		row("var "+k, v)
	}
	for _, s := range p.Secrets {
		row("secret "+s.Name, "("+display.Count(s.Size, "byte", "bytes")+", in keyring)")
	}
	for _, r := range p.Repos {
		row("repo", strings.TrimSpace(r.Path+"  "+r.URL))
	}
	tw.Flush()
}

func clientRmCmd(d *Deps) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:               "rm NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Aliases:           []string{"remove"},
		Short:             "Remove a client, its profile and its keyring secrets",
		Long:              "Remove a client. Refuses while the client has time entries, unless --force (which deletes them too).",
		Args:              exactArgs(1, "stint client rm NAME [--force]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if err := wb.RemoveClient(cmd.Context(), args[0], force); err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Removed %s.\n", args[0])
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "also delete the client's time entries")
	return cmd
}
