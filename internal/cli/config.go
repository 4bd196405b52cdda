package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

func configCmd(d *Deps) *cobra.Command {
	keys := strings.Join(workbench.ConfigKeys(), ", ")
	c := &cobra.Command{Use: "config", Short: "Read and change global settings (" + keys + ")"}
	c.AddCommand(configGetCmd(d), configSetCmd(d), configUnsetCmd(d), configListCmd(d))
	return c
}

func configGetCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "get KEY",
		Short:             "Print a setting's value (its default when unset)",
		Args:              exactArgs(1, "stint config get KEY"),
		ValidArgsFunction: completeConfigKey,
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			it, err := wb.Config(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			fmt.Fprintln(d.IO.Out, it.Value)
			return nil
		},
	}
}

func configSetCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use: "set KEY VALUE",
		Short: "Change a setting: auto_track on|off, forgotten_after DURATION, switch_grace DURATION, " +
			"week_start monday…sunday, name \"FULL NAME\", email ADDRESS",
		Example: "  stint config set auto_track off\n  stint config set forgotten_after 8h\n  stint config set switch_grace 2m\n  stint config set week_start sunday\n" +
			"  stint config set name \"Dana Scully\"\n  stint config set email dana@example.com",
		Args:              exactArgs(2, "stint config set KEY VALUE"),
		ValidArgsFunction: completeConfigKey,
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(args[1]) == "" {
				return usageErr("value is empty: give one, or use `stint config unset " + args[0] + "` for the default")
			}
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			it, err := wb.SetConfig(cmd.Context(), args[0], args[1])
			if err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "%s = %s\n", it.Key, display.Safe(it.Value))
			return nil
		},
	}
}

func configUnsetCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "unset KEY",
		Short:             "Restore a setting's default",
		Args:              exactArgs(1, "stint config unset KEY"),
		ValidArgsFunction: completeConfigKey,
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			it, err := wb.SetConfig(cmd.Context(), args[0], "")
			if err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "%s = %s (default)\n", it.Key, it.Value)
			return nil
		},
	}
}

func configListCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: "Every setting with its value and default",
		Args:  exactArgs(0, "stint config list [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			items, err := wb.ConfigAll(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(items)
			}
			tw := tabwriter.NewWriter(d.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "KEY\tVALUE\tDEFAULT\tMEANING")
			for _, it := range items {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", it.Key, display.Safe(it.Value), display.Safe(it.Default), it.Help)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// completeConfigKey offers the setting names as the first argument.
func completeConfigKey(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return workbench.ConfigKeys(), cobra.ShellCompDirectiveNoFileComp
}
