package workbench

import (
	"context"
	"slices"
	"strings"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/identity"
	"github.com/stint-sh/stint/internal/workbench/session"
)

// IdentityReport is `stint whoami`'s answer.
type IdentityReport = identity.Report

// WhoamiRequest asks who a client's environment is signed in as.
type WhoamiRequest struct {
	Client  string   // "" for the calling shell's client
	Environ []string // the calling process's environment
	MFA     MFAPrompt
	Prober  identity.Prober
}

// Whoami probes each cloud the client's profile configures, in the
// client's environment: the calling shell's own when it is in that client,
// else the environment `stint exec` would give (logged as an exec of
// "stint whoami"), and compares with what the profile expects.
func (w *Workbench) Whoami(ctx context.Context, req WhoamiRequest) (IdentityReport, error) {
	env := shell.EnvironMap(req.Environ)
	slug := req.Client
	if slug == "" {
		slug = env[shell.VarClient]
		if slug == "" {
			return IdentityReport{}, badinput.Errorf("this shell is in no client: name one, e.g. `stint whoami acme`")
		}
	}
	prof, err := w.clients.StoredProfile(ctx, slug)
	if err != nil {
		return IdentityReport{}, err
	}
	childEnv := env
	if env[shell.VarClient] != slug {
		child, err := w.session.PrepareChild(ctx, session.ChildRequest{Client: slug, Environ: req.Environ,
			Action: session.ActionExec, Detail: "stint whoami", MFA: req.MFA})
		if err != nil {
			return IdentityReport{}, err
		}
		defer child.Close()
		childEnv = shell.EnvironMap(child.Env)
	}
	if req.Prober.Now == nil {
		req.Prober.Now = w.clock.Now // STS checks the signature's time against its own clock
	}
	checks := req.Prober.Probe(ctx, childEnv, expectOf(prof))
	return IdentityReport{Client: slug, At: w.clock.Now(), Checks: checks}, nil
}

// expectOf is what a profile configures and expects of its identities.
func expectOf(p *store.Profile) identity.Expect {
	has := func(prefix string) bool {
		for k, v := range p.Settings {
			if strings.HasPrefix(k, prefix) && v != "" {
				return true
			}
		}
		return false
	}
	secret := func(names ...string) bool {
		return slices.ContainsFunc(p.SecretNames, func(s store.SecretName) bool { return slices.Contains(names, s.Name) })
	}
	isolated := func(tool string) bool { return slices.Contains(p.Isolated, tool) }
	s := p.Settings
	return identity.Expect{
		AWS:               has("aws.") || secret("AWS_ACCESS_KEY_ID"),
		GCP:               has("gcp.") || isolated("gcloud") || secret("GOOGLE_APPLICATION_CREDENTIALS"),
		Azure:             has("azure.") || isolated("az"),
		Kube:              len(p.KubeContexts) > 0,
		GitHub:            s[profiles.GitHubLogin] != "" || isolated("gh") || secret("GH_TOKEN", "GITHUB_TOKEN"),
		AWSAccount:        s[profiles.AWSAccount],
		GCPAccount:        s[profiles.GCPAccount],
		AzureSubscription: s[profiles.AzureSubscription],
		AzureTenant:       s[profiles.AzureTenant],
		GitHubLogin:       s[profiles.GitHubLogin],
	}
}
