package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

// previewValueWidth is where a value in the preview table is cut: the
// table is read on a terminal, and a long PATH would push every row off it.
const previewValueWidth = 60

// printChangePreview is `stint env NAME` on a terminal: a table of what a
// switch of this shell would change, read by a person. Secret values are
// never in it, nor the shell's own values of variables that hold
// credentials.
func printChangePreview(w io.Writer, p workbench.ChangePreview, home string) error {
	head := "stint env " + p.Client + ": what a switch of this shell to " + p.Client + " would change"
	apply := p.Client
	switch {
	case p.Client == "" && p.From == "":
		head = "stint env --off: this shell is in no client, so leaving changes nothing"
		apply = "--off"
	case p.Client == "":
		head = "stint env --off: what leaving " + p.From + " would change"
		apply = "--off"
	case p.From != "" && p.From != p.Client:
		head += " (from " + p.From + ")"
	}
	fmt.Fprintln(w, head+"; nothing has been changed.")
	fmt.Fprintln(w)
	switch {
	case len(p.Rows) == 0 && p.Client == "":
		fmt.Fprintln(w, "Nothing to put back.")
	case len(p.Rows) == 0:
		fmt.Fprintln(w, "Nothing: this shell already has every variable as the switch would set it.")
	default:
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "VARIABLE\tNOW\tAFTER")
		for _, r := range p.Rows {
			now := "(unset)"
			switch {
			case r.NowHidden:
				now = "(set, not shown)"
			case r.IsSet:
				now = previewValue(r.Now, home)
			}
			after := previewValue(r.After, home)
			switch {
			case r.Unset:
				after = "(unset)"
			case r.AfterHidden:
				after = "(set, not shown)"
			case r.Temporary:
				after = "temporary AWS credentials (cached, or made by the switch)"
			case r.Secret:
				after = "secret, " + display.Count(r.Size, "byte", "bytes") + ", from the keyring"
			case r.Name == "KUBECONFIG" && p.KubeContext != "":
				after += " (" + display.Safe(p.KubeContext) + ")"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", display.Safe(r.Name), now, after)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	fmt.Fprintln(w)
	if p.Client == "" && p.From == "" {
		return nil
	}
	with := "stint switch " + p.Client
	if p.Client == "" {
		with = "stint off"
	}
	_, err := fmt.Fprintf(w, "Apply it with `eval \"$(stint env %s)\"` (or `%s` with the hook); --reveal prints that script here.\n", apply, with)
	return err
}

// previewValue is a value as the preview shows it: on one line, safe for
// the terminal, HOME as ~, cut to previewValueWidth; "" as "".
func previewValue(v, home string) string {
	if v == "" {
		return `""`
	}
	if home != "" && home != "/" {
		v = strings.ReplaceAll(v, home+"/", "~/")
	}
	return display.Clip(display.Safe(v), previewValueWidth)
}
