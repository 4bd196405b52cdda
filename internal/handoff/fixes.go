package handoff

import (
	"fmt"

	"github.com/stint-sh/stint/internal/profiles"
)

// Fix is something to do after importing a bundle before the client works
// on this machine.
type Fix struct {
	What    string `json:"what"` // secret, kubeconfig, aws-file, aws-sso, aws-mfa, ssh-key, repo, workdir
	Path    string `json:"path,omitempty"`
	Name    string `json:"name,omitempty"`
	Command string `json:"command,omitempty"` // the command that fixes it, when there is one
	Note    string `json:"note"`
}

// Fixes lists what an imported client still needs: every secret value, and
// every file or directory the bundle names that does not exist here
// (exists reports whether a path exists). Paths are imported as given; the
// person decides whether to create them or point the profile elsewhere.
func Fixes(b Bundle, slug string, exists func(path string) bool) []Fix {
	var out []Fix
	for i, cmd := range SecretSetCommands(slug, b.Secrets) {
		out = append(out, Fix{What: "secret", Name: b.Secrets[i], Command: cmd,
			Note: "request the value from the client and set it"})
	}
	for _, src := range b.Kube.Sources {
		if !exists(src) {
			out = append(out, Fix{What: "kubeconfig", Path: src,
				Command: fmt.Sprintf("stint kube add %s --kubeconfig PATH", slug),
				Note:    "kubeconfig not found on this machine: put it there or add the right one"})
		}
	}
	files := []struct{ key, what, cmd string }{
		{profiles.AWSConfigFile, "aws-file", "stint aws %s --config-file PATH"},
		{profiles.AWSCredentialsFile, "aws-file", "stint aws %s --credentials-file PATH"},
		{profiles.GitSSHKey, "ssh-key", "stint git %s --ssh-key PATH"},
	}
	for _, f := range files {
		if p := b.Settings[f.key]; p != "" && !exists(p) {
			out = append(out, Fix{What: f.what, Path: p, Command: fmt.Sprintf(f.cmd, slug),
				Note: "file not found on this machine: create it or point the profile at yours"})
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
