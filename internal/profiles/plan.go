package profiles

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/store"
)

// Var is one environment variable a plan sets.
type Var struct {
	Name   string
	Value  string
	Secret bool // came from the keyring; never printed by stint itself
}

// KubePlan says which session kubeconfig a switch writes.
type KubePlan struct {
	Sources   []string
	Contexts  []string // empty: write an empty kubeconfig so no other cluster is reachable
	Current   string
	Namespace string
	Path      string // where the session kubeconfig goes; KUBECONFIG points here
	Prod      bool   // Current is a production context
}

// Plan is what moving a shell to a client means: pure data.
type Plan struct {
	Client string
	Vars   []Var // sorted by name, one per name
	// Clear lists leak-prone variables the client does not set, sorted; an
	// entry ending in "*" stands for every variable with that prefix (a
	// variable of that family the client does set is kept by the shell
	// package, which never clears what the plan sets).
	Clear []string
	Dirs  []string // per-client tool homes to create 0700 before switching, parents first
	// Files are per-client config files a tool needs to exist (Terraform's
	// CLI config): created empty, 0600, when missing, after Dirs; never
	// overwritten.
	Files []string
	Kube  KubePlan
	// Prod says why a shell in this plan is production, for prompts
	// ($STINT_PROD): ProdClient, ProdContext (the selected kube context is
	// production), or "" when it is not.
	Prod string
}

// The values of Plan.Prod.
const (
	ProdClient  = "client"
	ProdContext = "context"
)

// PlanInput is everything BuildPlan needs; gathered by the caller.
type PlanInput struct {
	Profile *store.Profile
	Secrets map[string]string // the client's secret variables
	// ToolHome returns the per-client directory of an isolated tool.
	ToolHome func(tool string) string
	// KubeconfigPath is the session kubeconfig the switch will write; ""
	// clears KUBECONFIG instead.
	KubeconfigPath string
	// AWS are the temporary credentials made for a client that uses them
	// (UsesTemporaryAWS); nil for a plan that does not need them yet.
	AWS *awscreds.Credentials
}

// leakProne are variables that carry one client's identity or credentials.
// A switch clears each one the target client does not set, so client A's
// token is never live in client B's shell.
var leakProne = []string{
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
	"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CONFIG_FILE",
	"AWS_SHARED_CREDENTIALS_FILE", "AWS_VAULT", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
	"AWS_CREDENTIAL_EXPIRATION",
	"GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT",
	"CLOUDSDK_COMPUTE_REGION", "CLOUDSDK_CONFIG",
	"ARM_CLIENT_ID", "ARM_CLIENT_SECRET", "ARM_SUBSCRIPTION_ID", "ARM_TENANT_ID", "AZURE_CONFIG_DIR",
	"AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "AZURE_SUBSCRIPTION_ID",
	"GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GH_CONFIG_DIR",
	"GITLAB_TOKEN", "GL_TOKEN", "BITBUCKET_TOKEN",
	"GOOGLE_CREDENTIALS", "GOOGLE_OAUTH_ACCESS_TOKEN", "CLOUDSDK_AUTH_ACCESS_TOKEN_FILE",
	"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_SSH_COMMAND",
	"GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_CONFIG_VALUE_0", "GIT_CONFIG_KEY_1", "GIT_CONFIG_VALUE_1",
	"GIT_CONFIG_KEY_2", "GIT_CONFIG_VALUE_2",
	"DOCKER_CONFIG", "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY",
	"HELM_CONFIG_HOME", "HELM_DATA_HOME", "HELM_CACHE_HOME", "HELM_KUBETOKEN",
	"ARGOCD_AUTH_TOKEN", "ARGOCD_SERVER",
	// stint never sets TF_DATA_DIR (see toolHomes), but one exported by the
	// user points every module at one client's .terraform: cleared too.
	"TF_DATA_DIR", "TF_CLI_CONFIG_FILE", "TF_PLUGIN_CACHE_DIR",
	"VAULT_TOKEN", "VAULT_ADDR", "VAULT_NAMESPACE", "NOMAD_TOKEN", "CONSUL_HTTP_TOKEN",
	"DIGITALOCEAN_TOKEN", "CLOUDFLARE_API_TOKEN", "DATADOG_API_KEY", "DD_API_KEY", "DD_APP_KEY",
	"NPM_TOKEN", "PULUMI_ACCESS_TOKEN", "HCLOUD_TOKEN", "LINODE_TOKEN", "SENTRY_AUTH_TOKEN",
	// OpenStack's clients (openstack, terraform's provider) read these.
	"OS_AUTH_URL", "OS_USERNAME", "OS_PASSWORD", "OS_PROJECT_NAME", "OS_PROJECT_ID", "OS_TOKEN",
	"OS_CLOUD", "OS_REGION_NAME", "OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME",
	"OS_APPLICATION_CREDENTIAL_ID", "OS_APPLICATION_CREDENTIAL_SECRET",
}

// leakPronePrefixes are families of variables cleared the same way. They
// stay patterns in Plan.Clear ("TF_TOKEN_*"): the shell package expands them
// against the calling shell's environment, so the plan stays pure data that
// does not depend on which shell asks.
var leakPronePrefixes = []string{"TF_TOKEN_*", "TF_VAR_*"}

// IsLeakProne reports whether name carries a client's identity or
// credentials: one of the variables every switch clears unless the target
// client sets it, or a member of one of the cleared families (TF_TOKEN_…).
// The workbench marks the leak-prone names a plan sets with it, so a token
// the user exported by hand in the previous client is never saved as the
// prior value of the next client's variable.
func IsLeakProne(name string) bool {
	if slices.Contains(leakProne, name) {
		return true
	}
	for _, family := range leakPronePrefixes {
		if strings.HasPrefix(name, strings.TrimSuffix(family, "*")) {
			return true
		}
	}
	return false
}

// longLivedAWS are the secrets a client with temporary AWS credentials
// keeps its IAM user's key in, and any session token stored beside it:
// the switch uses them to call STS and exports the temporary credentials
// in their place.
var longLivedAWS = map[string]bool{
	"AWS_ACCESS_KEY_ID": true, "AWS_SECRET_ACCESS_KEY": true, "AWS_SESSION_TOKEN": true, "AWS_SECURITY_TOKEN": true,
}

// BuildPlan turns a profile into an environment plan. Later sources win:
// structured settings, then plain variables, then secrets.
func BuildPlan(in PlanInput) (Plan, error) {
	p := in.Profile
	if p == nil {
		return Plan{}, fmt.Errorf("no profile given")
	}
	vars := map[string]Var{}
	set := func(name, value string) {
		if value != "" {
			vars[name] = Var{Name: name, Value: value}
		}
	}
	s := p.Settings

	set("AWS_PROFILE", s[AWSProfile])
	set("AWS_REGION", s[AWSRegion])
	set("AWS_DEFAULT_REGION", s[AWSRegion])
	set("AWS_CONFIG_FILE", s[AWSConfigFile])
	set("AWS_SHARED_CREDENTIALS_FILE", s[AWSCredentialsFile])

	set("CLOUDSDK_CORE_PROJECT", s[GCPProject])
	set("GOOGLE_CLOUD_PROJECT", s[GCPProject])
	set("CLOUDSDK_COMPUTE_REGION", s[GCPRegion])

	set("ARM_SUBSCRIPTION_ID", s[AzureSubscription])
	set("ARM_TENANT_ID", s[AzureTenant])

	set("GIT_AUTHOR_NAME", s[GitName])
	set("GIT_COMMITTER_NAME", s[GitName])
	set("GIT_AUTHOR_EMAIL", s[GitEmail])
	set("GIT_COMMITTER_EMAIL", s[GitEmail])
	if key := s[GitSSHKey]; key != "" {
		set("GIT_SSH_COMMAND", "ssh -i "+shellWord(key)+" -o IdentitiesOnly=yes")
	}
	if key := s[GitSigningKey]; key != "" {
		// GIT_CONFIG_COUNT (git ≥ 2.31) adds config for this environment only.
		set("GIT_CONFIG_COUNT", "2")
		set("GIT_CONFIG_KEY_0", "user.signingkey")
		set("GIT_CONFIG_VALUE_0", key)
		set("GIT_CONFIG_KEY_1", "commit.gpgsign")
		set("GIT_CONFIG_VALUE_1", "true")
		if isSSHSigningKey(key) {
			// SSH signing needs git ≥ 2.34; without gpg.format=ssh git
			// would hand the key's path to gpg and every commit fails.
			set("GIT_CONFIG_COUNT", "3")
			set("GIT_CONFIG_KEY_2", "gpg.format")
			set("GIT_CONFIG_VALUE_2", "ssh")
		}
	}

	var dirs, files []string
	for _, tool := range p.Isolated {
		names, ok := toolHomes[tool]
		if !ok || in.ToolHome == nil {
			continue
		}
		home := in.ToolHome(tool)
		dirs = append(dirs, home)
		for _, n := range names {
			switch n {
			case "HELM_CONFIG_HOME", "HELM_DATA_HOME", "HELM_CACHE_HOME":
				sub := strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(n, "HELM_"), "_HOME"))
				set(n, filepath.Join(home, sub))
			case "TF_CLI_CONFIG_FILE":
				// Terraform's CLI config of this client: credentials blocks,
				// provider mirrors. Terraform fails on a missing file, so the
				// switch creates it empty.
				rc := filepath.Join(home, "terraformrc")
				files = append(files, rc)
				set(n, rc)
			case "TF_PLUGIN_CACHE_DIR":
				// Terraform does not create the cache directory itself.
				cache := filepath.Join(home, "plugin-cache")
				dirs = append(dirs, cache)
				set(n, cache)
			default:
				set(n, home)
			}
		}
	}

	kube := KubePlan{
		Sources:   p.KubeSources,
		Contexts:  p.KubeContexts,
		Current:   s[KubeContext],
		Namespace: s[KubeNamespace],
		Path:      in.KubeconfigPath,
	}
	if kube.Current == "" && len(kube.Contexts) > 0 {
		kube.Current = kube.Contexts[0]
	}
	kube.Prod = kube.Current != "" && slices.Contains(p.ProdContexts, kube.Current)
	if in.KubeconfigPath != "" {
		set("KUBECONFIG", in.KubeconfigPath)
	}

	// Names stored before a rule joined ValidateEnvName (or written to the
	// database by hand) are refused here too, before anything changes.
	for _, v := range p.Vars {
		if err := ValidateEnvName(v.Name); err != nil {
			return Plan{}, badinput.Errorf("%s's variable %s cannot be set: %w — remove it with `stint unset %s %s`", p.Client.Slug, v.Name, err, p.Client.Slug, v.Name)
		}
	}
	for _, n := range p.SecretNames {
		if err := ValidateEnvName(n.Name); err != nil {
			return Plan{}, badinput.Errorf("%s's secret %s cannot be set: %w — remove it with `stint secret rm %s %s`", p.Client.Slug, n.Name, err, p.Client.Slug, n.Name)
		}
	}
	// A plain variable set empty (`stint set acme FOO=`) is exported
	// empty, as `env FOO=` does: stored means exported.
	for _, v := range p.Vars {
		vars[v.Name] = Var{Name: v.Name, Value: v.Value}
	}
	temporaryAWS := UsesTemporaryAWS(s)
	for name, value := range in.Secrets {
		if temporaryAWS && longLivedAWS[name] {
			continue // what temporary credentials are made from never reaches a shell
		}
		if value != "" {
			vars[name] = Var{Name: name, Value: value, Secret: true}
		}
	}
	if temporaryAWS && in.AWS != nil {
		for _, kv := range in.AWS.Vars() {
			vars[kv[0]] = Var{Name: kv[0], Value: kv[1], Secret: kv[0] != awscreds.VarExpiration}
		}
	}

	plan := Plan{Client: p.Client.Slug, Dirs: dirs, Files: files, Kube: kube}
	switch {
	case p.Client.Production:
		plan.Prod = ProdClient
	case kube.Prod:
		plan.Prod = ProdContext
	}
	for _, v := range vars {
		plan.Vars = append(plan.Vars, v)
	}
	sort.Slice(plan.Vars, func(i, j int) bool { return plan.Vars[i].Name < plan.Vars[j].Name })

	clear := map[string]bool{}
	for _, n := range leakProne {
		clear[n] = true
	}
	for _, prefix := range leakPronePrefixes {
		clear[prefix] = true
	}
	if in.KubeconfigPath == "" {
		clear["KUBECONFIG"] = true
	}
	for n := range clear {
		if _, ok := vars[n]; !ok {
			plan.Clear = append(plan.Clear, n)
		}
	}
	sort.Strings(plan.Clear)
	return plan, nil
}

// SecretNames lists the names of the plan's secret variables.
func (p Plan) SecretNames() []string {
	var out []string
	for _, v := range p.Vars {
		if v.Secret {
			out = append(out, v.Name)
		}
	}
	return out
}

// isSSHSigningKey tells an SSH signing key (a key file's path, or a public
// key given literally as git accepts it) from a GPG key ID or fingerprint,
// which is never a path and never starts with ssh- or key::.
func isSSHSigningKey(key string) bool {
	return strings.HasSuffix(key, ".pub") || strings.HasPrefix(key, "/") || strings.HasPrefix(key, "~") ||
		strings.HasPrefix(key, "ssh-") || strings.HasPrefix(key, "key::")
}

// shellWord quotes a path for the POSIX sh that ssh's command runs through
// git: single quotes, with embedded ones escaped.
func shellWord(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == '~' ||
			(r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9'))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
