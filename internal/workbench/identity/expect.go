package identity

import (
	"slices"
	"strings"

	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
)

// ExpectOf is what a profile configures and expects of its identities.
func ExpectOf(p *store.Profile) Expect {
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
	return Expect{
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

// Any reports whether the profile expects an identity of any cloud: only
// then does a switch start a background check.
func (e Expect) Any() bool {
	return e.AWSAccount != "" || e.GCPAccount != "" || e.AzureSubscription != "" || e.AzureTenant != "" || e.GitHubLogin != ""
}
