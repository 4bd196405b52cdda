package handoff

import (
	"fmt"

	"github.com/stint-sh/stint/internal/profiles"
)

// Fix is something to do after importing a bundle before the client works
// on this machine.
type Fix struct {
	What    string `json:"what"` // secret, kubeconfig, kube-prod, aws-file, aws-sso, aws-mfa, ssh-key, repo, workdir
	Path    string `json:"path,omitempty"`
	Name    string `json:"name,omitempty"`
	Command string `json:"command,omitempty"` // the command that fixes it, when there is one
	Note    string `json:"note"`
}

// Fixes lists what an imported client still needs: every secret value,
// every file the bundle names (it carries names, never paths: each is
// provided here with the command given), and every repository or working
// directory missing under the receiver's root. b is the bundle as placed
// (Place); exists reports whether a path exists.
func Fixes(b Bundle, slug string, exists func(path string) bool) []Fix {
	var out []Fix
	for i, cmd := range SecretSetCommands(slug, b.Secrets) {
		out = append(out, Fix{What: "secret", Name: b.Secrets[i], Command: cmd,
			Note: "request the value from the client and set it"})
	}
	for _, src := range b.Kube.Sources {
		cmd := fmt.Sprintf("stint kube add %s --kubeconfig PATH", slug)
		for _, c := range b.Kube.Contexts {
			cmd += " --context " + c
		}
		if ns := b.Settings[profiles.KubeNamespace]; ns != "" {
			cmd += " --namespace " + ns
		}
		note := "provide your kubeconfig (the sender's was named " + src + ")"
		if c := b.Settings[profiles.KubeContext]; c != "" {
			note += fmt.Sprintf("; the default context was %s (stint kube use %s %s)", c, slug, c)
		}
		out = append(out, Fix{What: "kubeconfig", Name: src, Command: cmd, Note: note})
	}
	for _, c := range b.Kube.Production {
		out = append(out, Fix{What: "kube-prod", Name: c, Command: fmt.Sprintf("stint kube prod %s %s on", slug, c),
			Note: "the sender had this context marked production: mark it again once it is bound, so the guard asks before changes reach it"})
	}
	files := []struct{ key, what, cmd, note string }{
		{profiles.AWSConfigFile, "aws-file", "stint aws %s --config-file PATH", "provide your AWS config file"},
		{profiles.AWSCredentialsFile, "aws-file", "stint aws %s --credentials-file PATH", "provide your AWS credentials file"},
		{profiles.GitSSHKey, "ssh-key", "stint git %s --ssh-key PATH", "provide your own SSH key for the client"},
	}
	for _, f := range files {
		if name := b.Settings[f.key]; name != "" {
			out = append(out, Fix{What: f.what, Name: name, Command: fmt.Sprintf(f.cmd, slug),
				Note: f.note + " (the sender's was named " + name + ")"})
		}
	}
	switch cfg := profiles.AWSCredentialConfig(slug, b.Settings); cfg.Mode {
	case "sso":
		out = append(out, Fix{What: "aws-sso", Command: "stint aws login " + slug,
			Note: fmt.Sprintf("sign in once IAM Identity Center assigns you account %s with permission set %s", cfg.SSOAccount, cfg.SSORole)})
	case "role", "session":
		out = append(out, Fix{What: "aws-mfa", Command: fmt.Sprintf("stint aws %s --mfa-serial ARN", slug),
			Note: "if your own IAM user has an MFA device, name it: stint asks for its code when it makes credentials"})
	}
	missingRepos := 0
	for _, r := range b.Repos {
		if !exists(r.Path) {
			note := "not cloned on this machine"
			if r.URL != "" {
				missingRepos++
			} else {
				note = "not on this machine and no URL to clone it from"
			}
			out = append(out, Fix{What: "repo", Path: r.Path, Note: note})
		}
	}
	if missingRepos > 0 {
		out = append(out, Fix{What: "repo", Command: "stint repo clone " + slug,
			Note: fmt.Sprintf("clones the %d missing repositories that have a URL", missingRepos)})
	}
	if w := b.Client.Workdir; w != "" && !exists(w) {
		out = append(out, Fix{What: "workdir", Path: w, Command: fmt.Sprintf("stint client edit %s --workdir PATH", slug),
			Note: "working directory not found on this machine"})
	}
	return out
}
