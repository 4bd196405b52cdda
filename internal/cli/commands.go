package cli

import "github.com/spf13/cobra"

// command is one top-level command: its name and the function that builds
// it with its subcommands, flags and completions.
type command struct {
	name  string
	build func(d *Deps) *cobra.Command
}

// commandTable is every top-level command of stint, in one place. A run
// whose first word names one of them builds only that one (see newRoot);
// a test holds each entry's name to the command it builds, and the partial
// tree to the whole one.
var commandTable = []command{
	// Clients and their profiles.
	{"client", clientCmd},
	{"set", setCmd},
	{"unset", unsetCmd},
	{"secret", secretCmd},
	{"aws", awsCmd},
	{"gcp", gcpCmd},
	{"azure", azureCmd},
	{"git", gitCmd},
	{"isolate", isolateCmd},
	{"kube", kubeCmd},
	{"repo", repoCmd},
	{"note", noteCmd},

	// The shell.
	{"hook", hookCmd},
	{"switch", switchCmd},
	{"off", offCmd},
	{"env", envCmd},
	{"exec", execCmd},
	{"shell", subshellCmd},
	{"current", currentCmd},
	{"adopt", adoptCmd},
	{"guard", guardCmd},
	{"whoami", whoamiCmd},

	// Time.
	{"start", startCmd},
	{"stop", stopCmd},
	{"continue", continueCmd},
	{"cancel", cancelCmd},
	{"undo", undoCmd},
	{"idle", idleCmd},
	{"status", statusCmd},
	{"log", logCmd},
	{"add", addCmd},
	{"edit", editCmd},
	{"rm", rmCmd},
	{"history", historyCmd},
	{"report", reportCmd},
	{"export", exportCmd},
	{"import", importCmd},
	{"project", projectCmd},

	// Handing over.
	{"handoff", handoffCmd},
	{"offboard", offboardCmd},
	{"access", accessCmd},

	// stint itself.
	{"config", configCmd},
	{"doctor", doctorCmd},
	{"completion", completionCmd},
	{"version", versionCmd},
}

// commandNamed is the table's command that args start with.
func commandNamed(args []string) (command, bool) {
	if len(args) == 0 {
		return command{}, false
	}
	for _, c := range commandTable {
		if c.name == args[0] {
			return c, true
		}
	}
	return command{}, false
}
