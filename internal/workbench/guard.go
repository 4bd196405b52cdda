package workbench

import (
	"context"
	"os"
	"path/filepath"

	"github.com/stint-sh/stint/internal/guard"
	"github.com/stint-sh/stint/internal/profiles/kube"
	"github.com/stint-sh/stint/internal/store"
)

// ActionGuard is the access-log action of a command the production guard
// stopped or let through; its detail is the tool, the verb and the outcome.
const ActionGuard = "guard"

// GuardCheck is what the guard knows about one command, read in one go.
type GuardCheck struct {
	Verdict  guard.Verdict
	Decision guard.Decision
	clientID map[string]int64 // slug → id, for the log
}

// CheckGuarded classifies `tool args…` run in a shell in client ("" for
// none) whose KUBECONFIG is kubeconfig ("" for kubectl's default) and
// decides whether it must be confirmed. Reads never open the kubeconfig.
func (w *Workbench) CheckGuarded(ctx context.Context, client, kubeconfig, tool string, args []string) (GuardCheck, error) {
	rules, err := w.settings.GuardRules(ctx)
	if err != nil {
		return GuardCheck{}, err
	}
	v := guard.Classify(tool, args, rules)
	if !v.Mutating {
		return GuardCheck{Verdict: v}, nil
	}
	facts, err := w.db.GuardFacts(ctx, client)
	if err != nil {
		return GuardCheck{}, err
	}
	f := guard.Facts{Client: client, ClientProduction: facts.ClientProduction, ProdContexts: map[string][]string{}}
	ids := map[string]int64{}
	if facts.ClientFound {
		ids[client] = facts.ClientID
	}
	for _, pc := range facts.ProdContexts {
		f.ProdContexts[pc.Context] = append(f.ProdContexts[pc.Context], pc.Client)
		ids[pc.Client] = pc.ClientID
	}
	f.KubeContext = v.Context
	if f.KubeContext == "" && len(f.ProdContexts) > 0 && !f.ClientProduction {
		if v.Kubeconfig != "" {
			kubeconfig = v.Kubeconfig
		}
		f.KubeContext = currentContext(kubeconfig)
	}
	return GuardCheck{Verdict: v, Decision: guard.Decide(v, f), clientID: ids}, nil
}

// LogGuarded records what became of a guarded command: the tool and verb,
// never its arguments.
func (w *Workbench) LogGuarded(ctx context.Context, c GuardCheck, session, outcome string) error {
	id, ok := c.clientID[c.Decision.Confirm]
	if !ok {
		return nil // a client removed meanwhile has no log
	}
	return w.db.LogAccess(ctx, store.Access{At: w.clock.Now(), ClientID: id, Session: session,
		Action: ActionGuard, Detail: guard.Detail(c.Verdict, outcome)})
}

// currentContext is the current context kubectl would use with the
// kubeconfig list (KUBECONFIG's syntax; "" for ~/.kube/config): the first
// file's that sets one, files that are missing or unreadable skipped as
// kubectl skips them.
func currentContext(list string) string {
	files := filepath.SplitList(list)
	if list == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		files = []string{filepath.Join(home, ".kube", "config")}
	}
	for _, f := range files {
		if f == "" {
			continue
		}
		if cfg, err := kube.Inspect(f); err == nil && cfg.CurrentContext != "" {
			return cfg.CurrentContext
		}
	}
	return ""
}
