// Package guard is the production guard's pure part: which command lines
// change something (Classify), the shell shims that send those — and only
// those — to `stint guard` (Shim), and what to do with one (Decide). The
// effects (the database, the terminal, exec) are the CLI's.
//
// The guard is a seatbelt, not a sandbox: it catches the mutating commands
// of the tools it knows, typed into a switched shell or run by a script
// from it, and nothing else (docs/safety.md says what it misses).
package guard

import (
	"slices"
	"strings"
)

// Family is a group of tools that share a command syntax.
type Family string

// The families the guard knows the syntax of. Other tools (the extra rules
// of guard_extra) are read word by word, with no knowledge of their flags.
const (
	Kubectl   Family = "kubectl"
	Helm      Family = "helm"
	Terraform Family = "terraform"
	Other     Family = ""
)

// FamilyOf is the family a tool's name belongs to: OpenTofu's `tofu`
// takes Terraform's commands.
func FamilyOf(tool string) Family {
	switch tool {
	case "kubectl":
		return Kubectl
	case "helm":
		return Helm
	case "terraform", "tofu":
		return Terraform
	}
	return Other
}

// Tools are the tools the guard always has a shim for.
var Tools = []string{"kubectl", "helm", "terraform", "tofu"}

// verb is one command of a tool: mutating as a whole, or by subcommand.
type verb struct {
	mutating bool
	// subs, when not nil, decides by the next word instead: listed
	// subcommands are what the map says; a subcommand not listed is
	// mutating unless readOther (fail closed on what is not known); no
	// subcommand at all only prints help.
	subs      map[string]bool
	readOther bool
	// bare: mutating with no subcommand word at all (`kubectl apply
	// --filename=x.yaml` is an apply; `kubectl rollout` is help).
	bare bool
}

var mutating = verb{mutating: true}

// tables: the mutating commands of each family (issue 17's lists, plus the
// ones a production engineer fears as much: kubectl exec/cp/attach/debug
// change a running container, certificate approve grants access; terraform
// workspace delete drops a state). kubectl port-forward, proxy and logs
// change nothing in the cluster and pass (docs/safety.md).
var tables = map[Family]map[string]verb{
	Kubectl: {
		"apply":       {subs: map[string]bool{"view-last-applied": false}, bare: true},
		"create":      mutating,
		"delete":      mutating,
		"edit":        mutating,
		"patch":       mutating,
		"replace":     mutating,
		"scale":       mutating,
		"rollout":     {subs: map[string]bool{"restart": true, "undo": true, "pause": true, "resume": true, "status": false, "history": false}},
		"drain":       mutating,
		"cordon":      mutating,
		"uncordon":    mutating,
		"taint":       mutating,
		"label":       mutating,
		"annotate":    mutating,
		"set":         mutating,
		"autoscale":   mutating,
		"expose":      mutating,
		"run":         mutating,
		"exec":        mutating,
		"cp":          mutating,
		"attach":      mutating,
		"debug":       mutating,
		"certificate": {subs: map[string]bool{"approve": true, "deny": true}},
	},
	Helm: {
		"install":   mutating,
		"upgrade":   mutating,
		"uninstall": mutating,
		"un":        mutating, // helm's aliases of uninstall
		"del":       mutating,
		"delete":    mutating,
		"rollback":  mutating,
	},
	Terraform: {
		"apply":        mutating,
		"destroy":      mutating,
		"import":       mutating,
		"taint":        mutating,
		"untaint":      mutating,
		"force-unlock": mutating,
		"state":        {subs: map[string]bool{"rm": true, "mv": true, "push": true, "replace-provider": true, "list": false, "show": false, "pull": false}},
		"workspace":    {subs: map[string]bool{"delete": true}, readOther: true},
	},
}

// valueFlags are the global flags of each family that take their value as
// the next word (`-n prod`), so that value is not taken for the verb.
// `--flag=value` and `-nprod` need no list.
var valueFlags = map[Family][]string{
	Kubectl: {"--as", "--as-group", "--as-uid", "--cache-dir", "--certificate-authority", "--client-certificate",
		"--client-key", "--cluster", "--context", "--kubeconfig", "--kuberc", "--log-backtrace-at", "--log-dir",
		"--log-file", "--log-file-max-size", "--log-flush-frequency", "-n", "--namespace", "--password", "--profile",
		"--profile-output", "--request-timeout", "-s", "--server", "--stderrthreshold", "--tls-server-name", "--token",
		"--user", "--username", "-v", "--v", "--vmodule"},
	Helm: {"--burst-limit", "--content-cache", "--kube-apiserver", "--kube-as-group", "--kube-as-user", "--kube-ca-file",
		"--kube-context", "--kube-tls-server-name", "--kube-token", "--kubeconfig", "-n", "--namespace", "--qps",
		"--registry-config", "--repository-cache", "--repository-config"},
}

// contextFlag is the flag naming the kube context a family's command uses.
var contextFlag = map[Family]string{Kubectl: "--context", Helm: "--kube-context"}

// Rule is one user-added guarded command (setting guard_extra): a tool and
// the words that make its verb ("app sync", "up").
type Rule struct {
	Tool  string
	Words []string
}

// String is the rule as the setting writes it: "argocd app sync".
func (r Rule) String() string { return r.Tool + " " + strings.Join(r.Words, " ") }

// Verdict is what Classify makes of a command line. Verb is "" when the
// line has none (help, a version flag).
type Verdict struct {
	Tool       string
	Verb       string // "delete", "rollout restart", "state rm"
	Mutating   bool
	Context    string // the kube context named by --context/--kube-context
	Kubeconfig string // named by --kubeconfig
}

// Classify finds the verb of `tool args…` and says whether it changes
// something. Global flags are skipped, with their values, wherever they
// are; scanning stops at "--" (what follows belongs to another program:
// `kubectl exec pod -- rm -rf /` is an exec). A kubectl or helm dry run
// (`--dry-run`, `--dry-run=client|server`) changes nothing. extra adds
// user rules; a rule's words must be the first words of the line.
func Classify(tool string, args []string, extra []Rule) Verdict {
	fam := FamilyOf(tool)
	v := Verdict{Tool: tool}
	words, flags := scan(fam, args)
	v.Context, v.Kubeconfig = flags[contextFlag[fam]], flags["--kubeconfig"]
	if len(words) == 0 {
		return v
	}
	v.Verb = words[0]
	if t, ok := tables[fam][words[0]]; ok {
		switch {
		case t.subs == nil:
			v.Mutating = t.mutating
		case len(words) < 2:
			v.Mutating = t.bare // else: help for the command group
		default:
			// Only a known subcommand joins the verb: an unknown word
			// may be an argument (`apply x.yaml`), never logged.
			m, listed := t.subs[words[1]]
			if listed {
				v.Verb += " " + words[1]
			}
			v.Mutating = m || !listed && !t.readOther
		}
	}
	for _, r := range extra {
		if r.Tool == tool && len(words) >= len(r.Words) && slices.Equal(words[:len(r.Words)], r.Words) {
			v.Verb, v.Mutating = strings.Join(r.Words, " "), true
			break
		}
	}
	if v.Mutating && (fam == Kubectl || fam == Helm) && dryRun(args) {
		v.Mutating = false
	}
	return v
}

// maxWords: verbs are at most this many words (a user rule may use more).
const maxWords = 4

// scan returns the first words of args that are not flags or flag values,
// and the values of the flags that take one.
func scan(fam Family, args []string) (words []string, values map[string]string) {
	values = map[string]string{}
	takesValue := valueFlags[fam]
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return words, values
		case strings.HasPrefix(a, "-") && len(a) > 1:
			if name, val, ok := strings.Cut(a, "="); ok {
				values[name] = val
			} else if slices.Contains(takesValue, a) && i+1 < len(args) {
				values[a] = args[i+1]
				i++
			}
		case len(words) < maxWords:
			words = append(words, a)
		}
	}
	return words, values
}

// dryRun reports a kubectl or helm dry run before any "--".
func dryRun(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "--dry-run", "--dry-run=client", "--dry-run=server", "--dry-run=true":
			return true
		}
	}
	return false
}
