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
			v := d.Version
			if v == "" {
				v = "dev"
			}
			fmt.Fprintf(d.IO.Out, "stint %s\n", v)
			return nil
		},
	}
}
