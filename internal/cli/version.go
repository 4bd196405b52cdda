package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func versionCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print stint's version",
		Args:  exactArgs(0, "stint version"),
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(d.IO.Out, "stint %s\n", versionOf(d))
			return nil
		},
	}
}

// versionOf is the version stint reports, by `stint version` and
// `stint --version` alike.
func versionOf(d *Deps) string {
	if d.Version == "" {
		return "dev"
	}
	return d.Version
}
