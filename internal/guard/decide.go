package guard

import (
	"fmt"
	"slices"
	"strings"
)

// Facts are what the guard knows about where a command would act.
type Facts struct {
	Client           string // the shell's client (STINT_CLIENT), "" for none
	ClientProduction bool
	// ProdContexts maps each production kube context to the clients it is
	// bound to (`stint kube prod`).
	ProdContexts map[string][]string
	// KubeContext is the context the command uses: the one it names
	// (--context, --kube-context), else the current context of its
	// kubeconfig; "" when there is none.
	KubeContext string
}

// Decision says whether a command must be confirmed, and with which name.
type Decision struct {
	Guarded bool
	Confirm string // the client's name the user types (or STINT_CONFIRM holds)
	Why     string // "production client bank", "production context acme-prod (acme)"
}

// Decide is the guard's rule: a mutating command is guarded when the
// shell's client is production, or when the kube context it uses is a
// production context of any client. The name to confirm with is the
// client whose production it is: the shell's own when it owns the context.
func Decide(v Verdict, f Facts) Decision {
	if !v.Mutating {
		return Decision{}
	}
	if f.ClientProduction && f.Client != "" {
		return Decision{Guarded: true, Confirm: f.Client, Why: "production client " + f.Client}
	}
	owners := f.ProdContexts[f.KubeContext]
	if f.KubeContext == "" || len(owners) == 0 {
		return Decision{}
	}
	owner := owners[0]
	if slices.Contains(owners, f.Client) {
		owner = f.Client
	}
	return Decision{Guarded: true, Confirm: owner, Why: fmt.Sprintf("production context %s (%s)", f.KubeContext, owner)}
}

// Confirmed reports whether what the user typed is the name asked for:
// exactly, apart from surrounding blanks and the line's end.
func Confirmed(typed, name string) bool {
	return name != "" && strings.TrimSpace(typed) == name
}

// Detail is the access-log detail of a guarded command: the tool and its
// verb, and what became of it — never an argument.
func Detail(v Verdict, outcome string) string {
	verb := v.Verb
	if verb == "" {
		verb = "(no verb)"
	}
	return v.Tool + " " + verb + " " + outcome
}

// The outcomes of a guarded command, as the access log records them.
const (
	OutcomeConfirmed    = "confirmed"                  // the name was typed at the terminal
	OutcomeConfirmedEnv = "confirmed by STINT_CONFIRM" // a script said yes
	OutcomeRefused      = "refused"                    // a wrong name, or nothing typed
	OutcomeNoTerminal   = "refused: no terminal"       // no terminal and no STINT_CONFIRM
)
