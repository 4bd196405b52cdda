package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/profiles"
)

func secretCmd(d *Deps) *cobra.Command {
	s := &cobra.Command{Use: "secret", Short: "Secret variables of a client, kept in the OS keyring"}
	s.AddCommand(secretSetCmd(d), secretListCmd(d), secretRmCmd(d))
	return s
}

func secretSetCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "set NAME KEY",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Store a secret variable; the value comes from stdin, never the command line",
		Long: "Store a secret variable in the OS keyring. On a terminal stint asks for the value without\n" +
			"echo; piped, it reads stdin and strips one trailing newline. A value on the command line\n" +
			"is refused: argv is visible to every process on the machine.",
		Example: "  stint secret set acme GH_TOKEN                # asks, without echo\n" +
			"  printf %s \"$TOKEN\" | stint secret set acme GH_TOKEN\n" +
			"  stint secret set acme GOOGLE_CREDENTIALS_JSON < sa.json",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 2 {
				return badinput.Errorf("a secret value is never given on the command line: pipe it on stdin, like `printf %%s \"$TOKEN\" | stint secret set NAME KEY`")
			}
			return exactArgs(2, "stint secret set NAME KEY  (value on stdin)")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.Contains(args[1], "=") {
				return badinput.Errorf("a secret value is never given on the command line: pipe it on stdin, like `printf %%s \"$TOKEN\" | stint secret set %s %s`", args[0], strings.SplitN(args[1], "=", 2)[0])
			}
			// Check the name before asking: nobody should type a secret
			// only to be told the name was wrong.
			if err := profiles.ValidateEnvName(args[1]); err != nil {
				return err
			}
			value, err := readSecretValue(d.IO, args[0], args[1])
			if err != nil {
				return err
			}
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if err := wb.SetSecret(cmd.Context(), args[0], args[1], value); err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Stored %s of %s in the keyring (%s).\n", args[1], args[0], display.Count(len(value), "byte", "bytes"))
			return nil
		},
	}
}

// readSecretValue reads a value from the terminal without echo, or from a
// pipe with one trailing newline removed.
func readSecretValue(streams *IOStreams, slug, key string) (string, error) {
	if streams.IsStdinTTY() {
		v, err := streams.ReadSecret(fmt.Sprintf("Value for %s (input hidden): ", key))
		if err != nil {
			return "", fmt.Errorf("cannot read the value from the terminal: %w", err)
		}
		return v, nil
	}
	b, err := io.ReadAll(io.LimitReader(streams.In, 4<<20))
	if err != nil {
		return "", fmt.Errorf("cannot read the value from stdin: %w", err)
	}
	if len(b) == 0 {
		// The usual cause: `printf %s "$TOKEN" | ...` with TOKEN unset.
		return "", badinput.Errorf("nothing came on stdin for %s (was the variable piped in empty or unset?): run `stint secret set %s %s` on a terminal, which asks for the value without echo", key, slug, key)
	}
	v := string(b)
	if strings.HasSuffix(v, "\r\n") {
		v = v[:len(v)-2]
	} else if strings.HasSuffix(v, "\n") {
		v = v[:len(v)-1]
	}
	return v, nil
}

func secretListCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "list NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "List a client's secret names and sizes (never values)",
		Args:              exactArgs(1, "stint secret list NAME [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			ss, err := wb.Secrets(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(ss)
			}
			if len(ss) == 0 {
				fmt.Fprintf(d.IO.Out, "%s has no secrets. Add one with `stint secret set %s KEY`.\n", args[0], args[0])
				return nil
			}
			tw := tabwriter.NewWriter(d.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "SECRET\tBYTES")
			for _, s := range ss {
				fmt.Fprintf(tw, "%s\t%d\n", s.Name, s.Size)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func secretRmCmd(d *Deps) *cobra.Command {
	var all bool
	cmd := &cobra.Command{
		Use:               "rm NAME KEY | rm NAME --all",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Remove a secret from the keyring (--all: every secret of the client)",
		Long: "Remove one secret from the keyring, or with --all the client's whole keyring item —\n" +
			"also when it is damaged and cannot be read any more.",
		Args: rangeArgs(1, 2, "stint secret rm NAME KEY | stint secret rm NAME --all"),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case all && len(args) == 1:
			case !all && len(args) == 2:
			default:
				return usageErr("usage: stint secret rm NAME KEY | stint secret rm NAME --all")
			}
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if all {
				names, err := wb.RemoveAllSecrets(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(d.IO.Out, "Removed every secret of %s from the keyring (%d listed).\n", args[0], len(names))
				return nil
			}
			if err := wb.RemoveSecret(cmd.Context(), args[0], args[1]); err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Removed %s of %s.\n", args[1], args[0])
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "remove the client's whole keyring item, readable or not")
	return cmd
}
