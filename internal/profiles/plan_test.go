package profiles

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/testenv"
)

func toolHomeUnder(root string) func(string) string {
	return func(tool string) string { return filepath.Join(root, "acme", tool) }
}

func varsOf(p Plan) map[string]Var {
	out := map[string]Var{}
	for _, v := range p.Vars {
		out[v.Name] = v
	}
	return out
}

func TestBuildPlanFullProfile(t *testing.T) {
	prof := &store.Profile{
		Client: store.Client{Slug: "acme"},
		Settings: map[string]string{
			AWSProfile: "acme-admin", AWSRegion: "eu-west-1",
			AWSConfigFile: "/cfg/aws", AWSCredentialsFile: "/cfg/creds",
			GCPProject: "acme-prod-1", GCPRegion: "europe-west1",
			AzureSubscription: "sub-id", AzureTenant: "acme.onmicrosoft.com",
			GitName: "Ada Lovelace", GitEmail: "ada@acme.io",
			GitSSHKey: "/home/ada/.ssh/id acme", GitSigningKey: "ABCDEF",
			KubeContext: "acme-dev", KubeNamespace: "platform",
		},
		Vars:         []store.Var{{Name: "FOO", Value: "bar"}, {Name: "GH_TOKEN", Value: "plain loses"}},
		KubeSources:  []string{"/k/one.yaml", "/k/two.yaml"},
		KubeContexts: []string{"acme-dev", "acme-prod"},
		Isolated:     []string{"gh", "helm", "not-a-tool"},
	}
	plan, err := BuildPlan(PlanInput{
		Profile:        prof,
		Secrets:        map[string]string{"GH_TOKEN": "s3cret", "EMPTY": ""},
		ToolHome:       toolHomeUnder("/data"),
		KubeconfigPath: "/run/kube/acme/kube-1-2.yaml",
	})
	require.NoError(t, err)

	want := map[string]Var{
		"AWS_PROFILE":                 {Name: "AWS_PROFILE", Value: "acme-admin"},
		"AWS_REGION":                  {Name: "AWS_REGION", Value: "eu-west-1"},
		"AWS_DEFAULT_REGION":          {Name: "AWS_DEFAULT_REGION", Value: "eu-west-1"},
		"AWS_CONFIG_FILE":             {Name: "AWS_CONFIG_FILE", Value: "/cfg/aws"},
		"AWS_SHARED_CREDENTIALS_FILE": {Name: "AWS_SHARED_CREDENTIALS_FILE", Value: "/cfg/creds"},
		"CLOUDSDK_CORE_PROJECT":       {Name: "CLOUDSDK_CORE_PROJECT", Value: "acme-prod-1"},
		"GOOGLE_CLOUD_PROJECT":        {Name: "GOOGLE_CLOUD_PROJECT", Value: "acme-prod-1"},
		"CLOUDSDK_COMPUTE_REGION":     {Name: "CLOUDSDK_COMPUTE_REGION", Value: "europe-west1"},
		"ARM_SUBSCRIPTION_ID":         {Name: "ARM_SUBSCRIPTION_ID", Value: "sub-id"},
		"ARM_TENANT_ID":               {Name: "ARM_TENANT_ID", Value: "acme.onmicrosoft.com"},
		"GIT_AUTHOR_NAME":             {Name: "GIT_AUTHOR_NAME", Value: "Ada Lovelace"},
		"GIT_COMMITTER_NAME":          {Name: "GIT_COMMITTER_NAME", Value: "Ada Lovelace"},
		"GIT_AUTHOR_EMAIL":            {Name: "GIT_AUTHOR_EMAIL", Value: "ada@acme.io"},
		"GIT_COMMITTER_EMAIL":         {Name: "GIT_COMMITTER_EMAIL", Value: "ada@acme.io"},
		"GIT_SSH_COMMAND":             {Name: "GIT_SSH_COMMAND", Value: "ssh -i '/home/ada/.ssh/id acme' -o IdentitiesOnly=yes"},
		"GIT_CONFIG_COUNT":            {Name: "GIT_CONFIG_COUNT", Value: "2"},
		"GIT_CONFIG_KEY_0":            {Name: "GIT_CONFIG_KEY_0", Value: "user.signingkey"},
		"GIT_CONFIG_VALUE_0":          {Name: "GIT_CONFIG_VALUE_0", Value: "ABCDEF"},
		"GIT_CONFIG_KEY_1":            {Name: "GIT_CONFIG_KEY_1", Value: "commit.gpgsign"},
		"GIT_CONFIG_VALUE_1":          {Name: "GIT_CONFIG_VALUE_1", Value: "true"},
		"GH_CONFIG_DIR":               {Name: "GH_CONFIG_DIR", Value: "/data/acme/gh"},
		"HELM_CONFIG_HOME":            {Name: "HELM_CONFIG_HOME", Value: "/data/acme/helm/config"},
		"HELM_DATA_HOME":              {Name: "HELM_DATA_HOME", Value: "/data/acme/helm/data"},
		"HELM_CACHE_HOME":             {Name: "HELM_CACHE_HOME", Value: "/data/acme/helm/cache"},
		"KUBECONFIG":                  {Name: "KUBECONFIG", Value: "/run/kube/acme/kube-1-2.yaml"},
		"FOO":                         {Name: "FOO", Value: "bar"},
		// A secret wins over a plain variable of the same name; empty
		// values set nothing.
		"GH_TOKEN": {Name: "GH_TOKEN", Value: "s3cret", Secret: true},
	}
	assert.Equal(t, want, varsOf(plan))
	assert.Equal(t, "acme", plan.Client)
	assert.IsNonDecreasing(t, names(plan.Vars), "vars are sorted by name")
	assert.Equal(t, []string{"GH_TOKEN"}, plan.SecretNames())

	assert.Equal(t, []string{"/data/acme/gh", "/data/acme/helm"}, plan.Dirs, "unknown tools are skipped")
	assert.Equal(t, KubePlan{
		Sources:   []string{"/k/one.yaml", "/k/two.yaml"},
		Contexts:  []string{"acme-dev", "acme-prod"},
		Current:   "acme-dev",
		Namespace: "platform",
		Path:      "/run/kube/acme/kube-1-2.yaml",
	}, plan.Kube)

	// Leak-prone variables the client does not set are cleared; the ones it
	// sets are not, and families stay patterns for the shell to expand.
	assert.Contains(t, plan.Clear, "GITHUB_TOKEN")
	assert.Contains(t, plan.Clear, "AWS_SECRET_ACCESS_KEY")
	assert.Contains(t, plan.Clear, "TF_TOKEN_*")
	assert.Contains(t, plan.Clear, "TF_VAR_*")
	assert.NotContains(t, plan.Clear, "GH_TOKEN")
	assert.NotContains(t, plan.Clear, "AWS_PROFILE")
	assert.NotContains(t, plan.Clear, "KUBECONFIG")
	assert.IsNonDecreasing(t, plan.Clear)
	for _, c := range plan.Clear {
		_, set := varsOf(plan)[c]
		assert.False(t, set, "%s is both set and cleared", c)
	}
}

func names(vs []Var) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Name
	}
	return out
}

func TestBuildPlanEmptyProfile(t *testing.T) {
	plan, err := BuildPlan(PlanInput{Profile: &store.Profile{Client: store.Client{Slug: "bare"}, Settings: map[string]string{}}})
	require.NoError(t, err)
	assert.Empty(t, plan.Vars)
	assert.Empty(t, plan.Dirs)
	assert.Empty(t, plan.SecretNames())
	assert.Equal(t, KubePlan{}, plan.Kube)
	// Without a session kubeconfig, an inherited KUBECONFIG is cleared too.
	assert.Contains(t, plan.Clear, "KUBECONFIG")
	assert.Contains(t, plan.Clear, "GIT_AUTHOR_EMAIL")
}

func TestBuildPlanKubeDefaults(t *testing.T) {
	prof := &store.Profile{
		Client:       store.Client{Slug: "acme"},
		Settings:     map[string]string{},
		KubeSources:  []string{"/k.yaml"},
		KubeContexts: []string{"b", "c"},
	}
	plan, err := BuildPlan(PlanInput{Profile: prof, KubeconfigPath: "/s.yaml"})
	require.NoError(t, err)
	assert.Equal(t, "b", plan.Kube.Current, "no default context: the first one")
	assert.Equal(t, "/s.yaml", varsOf(plan)["KUBECONFIG"].Value)

	// Without contexts the plan still points KUBECONFIG at the (empty)
	// session file, so ~/.kube/config is not reachable from this shell.
	prof.KubeSources, prof.KubeContexts = nil, nil
	plan, err = BuildPlan(PlanInput{Profile: prof, KubeconfigPath: "/s.yaml"})
	require.NoError(t, err)
	assert.Empty(t, plan.Kube.Contexts)
	assert.Equal(t, "/s.yaml", plan.Kube.Path)
	assert.Equal(t, "/s.yaml", varsOf(plan)["KUBECONFIG"].Value)
}

func TestBuildPlanSSHKeyQuoting(t *testing.T) {
	for key, want := range map[string]string{
		"/home/a/.ssh/id_ed25519": "ssh -i /home/a/.ssh/id_ed25519 -o IdentitiesOnly=yes",
		"/home/a/it's":            `ssh -i '/home/a/it'\''s' -o IdentitiesOnly=yes`,
		"/x/$(rm -rf)":            `ssh -i '/x/$(rm -rf)' -o IdentitiesOnly=yes`,
	} {
		prof := &store.Profile{Client: store.Client{Slug: "a"}, Settings: map[string]string{GitSSHKey: key}}
		plan, err := BuildPlan(PlanInput{Profile: prof})
		require.NoError(t, err)
		assert.Equal(t, want, varsOf(plan)["GIT_SSH_COMMAND"].Value, key)
	}
}

func TestBuildPlanNoProfile(t *testing.T) {
	_, err := BuildPlan(PlanInput{})
	require.Error(t, err)
}

func TestBuildPlanTerraformIsolationKeepsModulesApart(t *testing.T) {
	prof := &store.Profile{Client: store.Client{Slug: "acme"}, Settings: map[string]string{}, Isolated: []string{"terraform"}}
	plan, err := BuildPlan(PlanInput{Profile: prof, ToolHome: toolHomeUnder("/data")})
	require.NoError(t, err)
	vars := varsOf(plan)
	// Per client: the CLI config (credentials, mirrors) and the provider
	// cache. Never TF_DATA_DIR: every root module keeps its own .terraform.
	assert.Equal(t, "/data/acme/terraform/terraformrc", vars["TF_CLI_CONFIG_FILE"].Value)
	assert.Equal(t, "/data/acme/terraform/plugin-cache", vars["TF_PLUGIN_CACHE_DIR"].Value)
	assert.NotContains(t, vars, "TF_DATA_DIR")
	assert.Contains(t, plan.Clear, "TF_DATA_DIR", "one the user exported is still cleared")
	assert.Equal(t, []string{"/data/acme/terraform", "/data/acme/terraform/plugin-cache"}, plan.Dirs, "parents first")
	assert.Equal(t, []string{"/data/acme/terraform/terraformrc"}, plan.Files)

	// A client without terraform isolation clears another client's config.
	bare, err := BuildPlan(PlanInput{Profile: &store.Profile{Client: store.Client{Slug: "b"}, Settings: map[string]string{}}})
	require.NoError(t, err)
	assert.Subset(t, bare.Clear, []string{"TF_CLI_CONFIG_FILE", "TF_PLUGIN_CACHE_DIR", "TF_DATA_DIR"})
	assert.Empty(t, bare.Files)
}

func TestBuildPlanClearsEveryLeakProneFamily(t *testing.T) {
	plan, err := BuildPlan(PlanInput{Profile: &store.Profile{Client: store.Client{Slug: "bare"}, Settings: map[string]string{}}})
	require.NoError(t, err)
	assert.Subset(t, plan.Clear, []string{
		"DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY",
		"GOOGLE_CREDENTIALS", "GOOGLE_OAUTH_ACCESS_TOKEN", "CLOUDSDK_AUTH_ACCESS_TOKEN_FILE",
		"HELM_KUBETOKEN", "ARGOCD_AUTH_TOKEN", "ARGOCD_SERVER",
		"OS_AUTH_URL", "OS_USERNAME", "OS_PASSWORD", "OS_PROJECT_NAME", "OS_PROJECT_ID", "OS_TOKEN",
		"OS_CLOUD", "OS_REGION_NAME", "OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME",
		"OS_APPLICATION_CREDENTIAL_ID", "OS_APPLICATION_CREDENTIAL_SECRET",
		"GIT_CONFIG_KEY_2", "GIT_CONFIG_VALUE_2",
	})
	for _, name := range plan.Clear {
		if n, family := strings.CutSuffix(name, "*"); family {
			assert.True(t, IsLeakProne(n+"example_com"), name)
		} else if name != "KUBECONFIG" {
			assert.True(t, IsLeakProne(name), name)
		}
	}
	assert.False(t, IsLeakProne("EDITOR"))
	assert.False(t, IsLeakProne("TF_LOG"))
}

func TestBuildPlanSigningKeyFormat(t *testing.T) {
	for key, ssh := range map[string]bool{
		"ABCDEF0123456789":                         false, // GPG key ID
		"0123456789ABCDEF0123456789ABCDEF01234567": false, // GPG fingerprint
		"ada@acme.io":                              false, // GPG user ID
		"/home/ada/.ssh/id_ed25519":                true,
		"/home/ada/.ssh/acme.pub":                  true,
		"keys/acme.pub":                            true,
		"~/.ssh/id_ed25519":                        true,
		"ssh-ed25519 AAAAC3Nza ada@acme":           true,
		"key::ssh-ed25519 AAAAC3Nza ada":           true,
	} {
		prof := &store.Profile{Client: store.Client{Slug: "a"}, Settings: map[string]string{GitSigningKey: key}}
		plan, err := BuildPlan(PlanInput{Profile: prof})
		require.NoError(t, err)
		vars := varsOf(plan)
		assert.Equal(t, key, vars["GIT_CONFIG_VALUE_0"].Value)
		if ssh {
			assert.Equal(t, "3", vars["GIT_CONFIG_COUNT"].Value, key)
			assert.Equal(t, "gpg.format", vars["GIT_CONFIG_KEY_2"].Value, key)
			assert.Equal(t, "ssh", vars["GIT_CONFIG_VALUE_2"].Value, key)
		} else {
			assert.Equal(t, "2", vars["GIT_CONFIG_COUNT"].Value, key)
			assert.NotContains(t, vars, "GIT_CONFIG_KEY_2", key)
			assert.Contains(t, plan.Clear, "GIT_CONFIG_KEY_2", key)
		}
	}
}

// gitEnvOf is a clean environment for real git (no user or system config)
// with the plan's variables on top.
func gitEnvOf(t *testing.T, plan Plan) []string {
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0"}
	for _, v := range plan.Vars {
		env = append(env, v.Name+"="+v.Value)
	}
	return env
}

func runTool(t *testing.T, env []string, dir string, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env, cmd.Dir = env, dir
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// TestSSHSigningWithRealGit: a client whose signing key is an SSH key signs
// its commits with SSH in real git, through the plan's variables alone.
func TestSSHSigningWithRealGit(t *testing.T) {
	for _, tool := range []string{"git", "ssh-keygen"} {
		testenv.Program(t, tool)
	}
	dir := t.TempDir()
	key := filepath.Join(dir, "id_ed25519")
	_, err := runTool(t, nil, dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ada@acme.io", "-f", key)
	require.NoError(t, err)

	prof := &store.Profile{Client: store.Client{Slug: "acme"}, Settings: map[string]string{
		GitName: "Ada", GitEmail: "ada@acme.io", GitSigningKey: key,
	}}
	plan, err := BuildPlan(PlanInput{Profile: prof})
	require.NoError(t, err)
	env := gitEnvOf(t, plan)

	out, err := runTool(t, env, dir, "git", "config", "--get", "gpg.format")
	require.NoError(t, err, out)
	assert.Equal(t, "ssh", out)
	out, err = runTool(t, env, dir, "git", "config", "--get", "user.signingkey")
	require.NoError(t, err, out)
	assert.Equal(t, key, out)

	repo := filepath.Join(dir, "repo")
	out, err = runTool(t, env, dir, "git", "init", "-q", repo)
	require.NoError(t, err, out)
	out, err = runTool(t, env, repo, "git", "commit", "-q", "--allow-empty", "-m", "signed")
	require.NoError(t, err, "the commit must be signed with the SSH key: %s", out)
	out, err = runTool(t, env, repo, "git", "cat-file", "commit", "HEAD")
	require.NoError(t, err, out)
	assert.Contains(t, out, "-----BEGIN SSH SIGNATURE-----")

	// A GPG key ID leaves git's format alone (gpg, its default).
	prof.Settings[GitSigningKey] = "ABCDEF0123456789"
	plan, err = BuildPlan(PlanInput{Profile: prof})
	require.NoError(t, err)
	out, err = runTool(t, gitEnvOf(t, plan), dir, "git", "config", "--get", "gpg.format")
	assert.Error(t, err, "gpg.format must be unset, got %q", out)
}

func TestBuildPlanProd(t *testing.T) {
	for _, c := range []struct {
		name      string
		client    bool
		prodCtx   []string
		current   string
		wantProd  string
		wantShell string
	}{
		{"neither", false, nil, "b", "", ""},
		{"a production client", true, nil, "b", ProdClient, "client"},
		{"the selected context is production", false, []string{"c"}, "c", ProdContext, "context"},
		{"another context is production", false, []string{"c"}, "b", "", ""},
		{"the client wins", true, []string{"c"}, "c", ProdClient, "client"},
	} {
		t.Run(c.name, func(t *testing.T) {
			prof := &store.Profile{
				Client:       store.Client{Slug: "acme", Production: c.client},
				Settings:     map[string]string{KubeContext: c.current},
				KubeSources:  []string{"/k.yaml"},
				KubeContexts: []string{"b", "c"},
				ProdContexts: c.prodCtx,
			}
			plan, err := BuildPlan(PlanInput{Profile: prof, KubeconfigPath: "/s.yaml"})
			require.NoError(t, err)
			assert.Equal(t, c.wantProd, plan.Prod)
			assert.Equal(t, c.wantShell, ShellPlan(plan).Prod)
		})
	}
}
