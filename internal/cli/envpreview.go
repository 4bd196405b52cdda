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
	if p.From != "" && p.From != p.Client {
		head += " (from " + p.From + ")"
	}
	fmt.Fprintln(w, head+"; nothing has been changed.")
	fmt.Fprintln(w)
	if len(p.Rows) == 0 {
		fmt.Fprintln(w, "Nothing: this shell already has every variable as the switch would set it.")
	} else {
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
	_, err := fmt.Fprintf(w, "Apply it with `eval \"$(stint env %s)\"` (or `stint switch %s` with the hook); --reveal prints that script here.\n", p.Client, p.Client)
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
