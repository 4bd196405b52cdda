package tui

import (
	"github.com/stint-sh/stint/profiles"
	"github.com/stint-sh/stint/store"
	"github.com/stint-sh/stint/workbench"
)

// Placeholders for values only a real switch knows.
const (
	toolHomeValue   = "‹per-client dir›"
	kubeconfigValue = "‹session kubeconfig›"
	secretValue     = "‹secret›"
)

// previewPlan shows what a switch to the client sets by running the same
// profiles.BuildPlan a switch runs, over the profile as the workbench
// reports it. Secrets go in as placeholders: the TUI never reads a value.
func previewPlan(p workbench.ProfileView) (profiles.Plan, error) {
	sp := &store.Profile{
		Client:       store.Client{Slug: p.Client.Slug},
		Settings:     map[string]string{},
		KubeSources:  p.Kube.Sources,
		KubeContexts: p.Kube.Contexts,
		Isolated:     p.Isolated,
	}
	for prefix, sec := range map[string]map[string]string{"aws": p.AWS, "gcp": p.GCP, "azure": p.Azure, "git": p.Git} {
		for k, v := range sec {
			sp.Settings[prefix+"."+k] = v
		}
	}
	sp.Settings[profiles.KubeContext] = p.Kube.Context
	sp.Settings[profiles.KubeNamespace] = p.Kube.Namespace
	for name, value := range p.Vars {
		sp.Vars = append(sp.Vars, store.Var{Name: name, Value: value})
	}
	secrets := map[string]string{}
	for _, s := range p.Secrets {
		secrets[s.Name] = secretValue
	}
	return profiles.BuildPlan(profiles.PlanInput{
		Profile:  sp,
		Secrets:  secrets,
		ToolHome: func(string) string { return toolHomeValue },
		// Every switch writes a session kubeconfig, empty when the client
		// has no contexts, so no other client's cluster stays reachable.
		KubeconfigPath: kubeconfigValue,
	})
}
