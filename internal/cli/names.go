// Client names on the command line: a unique prefix stands for the name.

package cli

import (
	"context"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/stint-sh/stint/internal/badinput"
)

// Wherever a command takes the name of an existing client — a positional
// argument or a flag — a unique prefix of a client's name stands for it, as
// kubectx and git's abbreviated commands do: `stint switch ac` is `stint
// switch acme` while no other client starts with "ac". One resolver,
// resolveNames, runs before every command and rewrites the arguments, so
// everything after it (the shell's STINT_CLIENT included) sees the whole
// name.
//
// Which arguments and flags name a client is read off their completion, so
// the two never disagree and a new command that completes a NAME with client
// names takes prefixes without more code: resolveNames calls each argument's
// and changed flag's completion function with a probe in the context, to
// which the client completions answer clientProbe and the others nothing,
// without reading anything.

type probeKey struct{}

// clientProbe is the client completions' answer to a probe.
const clientProbe = "\x00client"

// probing reports whether a completion function is being probed.
func probing(ctx context.Context) bool {
	return ctx != nil && ctx.Value(probeKey{}) != nil
}

// namesClient asks fn (a completion function) whether it completes client
// names, for an argument after args.
func namesClient(cmd *cobra.Command, fn cobra.CompletionFunc, args []string) bool {
	if fn == nil {
		return false
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	cmd.SetContext(context.WithValue(ctx, probeKey{}, true))
	defer cmd.SetContext(ctx)
	got, _ := fn(cmd, args, "")
	return slices.Contains(got, clientProbe)
}

// resolveNames expands the client names among cmd's arguments and flags
// from unique prefixes; an ambiguous prefix is an input error naming the
// clients it matches. A name that is a client's, or matches none, stays as
// it is: the command says what it says about it.
func resolveNames(d *Deps, cmd *cobra.Command, args []string) error {
	var targets []func(string) error // setters of the names to resolve
	var values []string
	for i := range args {
		if namesClient(cmd, cmd.ValidArgsFunction, args[:i]) {
			values = append(values, args[i])
			targets = append(targets, func(v string) error { args[i] = v; return nil })
		}
	}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		fn, _ := cmd.GetFlagCompletionFunc(f.Name)
		if namesClient(cmd, fn, args) {
			values = append(values, f.Value.String())
			targets = append(targets, f.Value.Set)
		}
	})
	if len(values) == 0 {
		return nil
	}
	wb, err := d.Workbench(cmd.Context())
	if err != nil {
		return err
	}
	cs, err := wb.Clients(cmd.Context(), true)
	if err != nil {
		return err
	}
	slugs := make([]string, len(cs))
	for i, c := range cs {
		slugs[i] = c.Slug
	}
	for i, v := range values {
		name, err := resolveName(v, slugs)
		if err != nil {
			return err
		}
		if name != v {
			if err := targets[i](name); err != nil {
				return err
			}
		}
	}
	return nil
}

// resolveName is the client name that name stands for among slugs: name
// itself when it is one (or starts none), else the one slug it starts.
func resolveName(name string, slugs []string) (string, error) {
	if name == "" || slices.Contains(slugs, name) {
		return name, nil
	}
	var matches []string
	for _, s := range slugs {
		if strings.HasPrefix(s, name) {
			matches = append(matches, s)
		}
	}
	switch len(matches) {
	case 0:
		return name, nil
	case 1:
		return matches[0], nil
	}
	slices.Sort(matches)
	return "", badinput.Errorf("%q is the start of several clients' names (%s): type more of the name", name, strings.Join(matches, ", "))
}
