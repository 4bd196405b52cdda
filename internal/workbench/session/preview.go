package session

import (
	"context"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/profiles/kube"
	"github.com/stint-sh/stint/internal/workbench/awsaccess"
)

// PreviewSession stands in PlanPreview.Kubeconfig for the session id a real
// switch puts there: every shell gets a kubeconfig file of its own.
const PreviewSession = "SESSION"

// PlanPreview is what a switch to a client would set, worked out from its
// stored profile by the same profiles.BuildPlan a switch runs. It reads no
// secret value (the keyring is never asked) and writes nothing.
type PlanPreview struct {
	Client string `json:"client"`
	// Vars are the variables a switch sets, sorted by name. A secret's
	// Value is always empty; Size is the length of the stored value. A
	// secret the keyring has lost is still listed: the switch then says so.
	Vars []PreviewVar `json:"vars"`
	// Cleared counts the leak-prone variables (and families such as
	// TF_TOKEN_*) a switch clears because the client does not set them.
	Cleared int `json:"cleared"`
	// ToolHomes are the per-client homes of the client's isolated tools.
	ToolHomes []ToolHome `json:"tool_homes"`
	// Kubeconfig is where the session kubeconfig goes, PreviewSession in
	// place of the shell's session id.
	Kubeconfig string `json:"kubeconfig"`
	// Files are tool config files a switch creates empty when missing.
	Files []string `json:"files"`
	// AWS is the mode of the client's temporary AWS credentials (what the
	// cache holds is AWSStatus's). nil for a client without them.
	AWS *awsaccess.Status `json:"aws,omitempty"`
}

// PreviewVar is one variable of a PlanPreview.
type PreviewVar struct {
	Name   string `json:"name"`
	Value  string `json:"value,omitempty"` // "" for a secret
	Secret bool   `json:"secret,omitempty"`
	Size   int    `json:"size,omitempty"` // a secret's length in bytes
	// Temporary: made by the switch (temporary AWS credentials), not
	// stored; it has no size.
	Temporary bool `json:"temporary,omitempty"`
}

// ToolHome is an isolated tool and the directory its logins live in.
type ToolHome struct {
	Tool string `json:"tool"`
	Path string `json:"path"`
}

// previewSecretValue goes into the plan for each secret so that BuildPlan
// lists it; it never leaves this file.
const previewSecretValue = "‹secret›"

// PreviewPlan is what a switch to slug would set (see PlanPreview), for
// showing before switching: the TUI's Environment pane.
func (s *Sessions) PreviewPlan(ctx context.Context, slug string) (PlanPreview, error) {
	out, _, err := s.previewPlan(ctx, slug, PreviewSession)
	return out, err
}

// previewPlan is PreviewPlan and the plan it was read from, whose secret
// values are placeholders, with session in the kubeconfig's name.
func (s *Sessions) previewPlan(ctx context.Context, slug, session string) (PlanPreview, profiles.Plan, error) {
	prof, err := s.clients.StoredProfile(ctx, slug)
	if err != nil {
		return PlanPreview{}, profiles.Plan{}, err
	}
	kubeconfig, err := kube.SessionPath(s.layout.ClientKubeDir(slug), session)
	if err != nil {
		return PlanPreview{}, profiles.Plan{}, err
	}
	sizes := make(map[string]int, len(prof.SecretNames))
	placeholders := make(map[string]string, len(prof.SecretNames))
	for _, s := range prof.SecretNames {
		sizes[s.Name] = s.Size
		placeholders[s.Name] = previewSecretValue
	}
	homes := []ToolHome{}
	var temporary *awscreds.Credentials
	if profiles.UsesTemporaryAWS(prof.Settings) {
		temporary = &awscreds.Credentials{AccessKeyID: previewSecretValue, SecretAccessKey: previewSecretValue, SessionToken: previewSecretValue}
	}
	plan, err := profiles.BuildPlan(profiles.PlanInput{
		AWS:     temporary,
		Profile: prof,
		Secrets: placeholders,
		ToolHome: func(tool string) string {
			home := s.layout.ToolHome(slug, tool)
			homes = append(homes, ToolHome{Tool: tool, Path: home})
			return home
		},
		KubeconfigPath: kubeconfig,
	})
	if err != nil {
		return PlanPreview{}, profiles.Plan{}, err
	}
	out := PlanPreview{Client: slug, Vars: make([]PreviewVar, 0, len(plan.Vars)), Cleared: len(plan.Clear),
		ToolHomes: homes, Kubeconfig: plan.Kube.Path, Files: nonNil(plan.Files)}
	made := map[string]bool{}
	if temporary != nil {
		for _, kv := range temporary.Vars() {
			made[kv[0]] = true
		}
		// The mode only: what the cache holds costs a keyring read, which
		// a preview never makes (the TUI asks AWSStatus for it).
		out.AWS = &awsaccess.Status{Client: slug, Mode: string(profiles.AWSCredentialConfig(slug, prof.Settings).Mode)}
	}
	for _, v := range plan.Vars {
		switch {
		case made[v.Name]:
			out.Vars = append(out.Vars, PreviewVar{Name: v.Name, Secret: v.Secret, Temporary: true})
		case v.Secret:
			out.Vars = append(out.Vars, PreviewVar{Name: v.Name, Secret: true, Size: sizes[v.Name]})
		default:
			out.Vars = append(out.Vars, PreviewVar{Name: v.Name, Value: v.Value})
		}
	}
	return out, plan, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
