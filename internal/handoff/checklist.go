package handoff

import (
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/profiles"
)

// Event is one access-log row: a switch, exec or secret read.
type Event struct {
	At          time.Time `json:"at"`
	Session     string    `json:"session"`
	Action      string    `json:"action"` // switch, off, env, exec, shell, secret
	Detail      string    `json:"detail,omitempty"`
	SecretNames []string  `json:"secret_names"`
}

// Context is a Kubernetes context of the client with the server it reaches.
type Context struct {
	Name      string `json:"name"`
	Server    string `json:"server,omitempty"`
	Namespace string `json:"namespace,omitempty"`
	Default   bool   `json:"default"`
	Problem   string `json:"problem,omitempty"` // the kubeconfig or context is gone
}

// Facts is what the access checklist is built from: the profile as it is
// now. Secret names only.
type Facts struct {
	Secrets  []string
	Settings map[string]string
	Contexts []Context
	Isolated []string
	Repos    []Repo
}

// AccessItem is one access the leaving engineer holds and should hand back
// (or have revoked on the client's side).
type AccessItem struct {
	Kind     string     `json:"kind"` // secret, aws, gcp, azure, kube, tool, ssh-key, signing-key, git-host
	Name     string     `json:"name"`
	Detail   string     `json:"detail,omitempty"`
	LastUsed *time.Time `json:"last_used,omitempty"`
	Action   string     `json:"action"`
}

// loads are the actions that put the client's environment (cloud profile,
// kube contexts, tool logins) into a process.
var loads = []string{"switch", "env", "exec", "shell"}

// Checklist lists the access to revoke or hand back, from the profile and
// the access log: every secret (including ones read in the past but since
// removed from the profile), cloud accounts, Kubernetes contexts, isolated
// tool logins, SSH and signing keys and git hosts. Ordered by kind as listed
// above, then name.
func Checklist(f Facts, events []Event) []AccessItem {
	var envUsed *time.Time
	secretUsed := map[string]*time.Time{}
	for _, e := range events {
		at := e.At
		if slices.Contains(loads, e.Action) && (envUsed == nil || at.After(*envUsed)) {
			envUsed = &at
		}
		for _, n := range e.SecretNames {
			if prev := secretUsed[n]; prev == nil || at.After(*prev) {
				secretUsed[n] = &at
			}
		}
	}

	var out []AccessItem
	add := func(kind, name, detail, action string, used *time.Time) {
		out = append(out, AccessItem{Kind: kind, Name: name, Detail: detail, LastUsed: used, Action: action})
	}

	inProfile := map[string]bool{}
	for _, n := range f.Secrets {
		inProfile[n] = true
		add("secret", n, "", "rotate it, or revoke the token issued to you", secretUsed[n])
	}
	var gone []string
	for n := range secretUsed {
		if !inProfile[n] {
			gone = append(gone, n)
		}
	}
	sort.Strings(gone)
	for _, n := range gone {
		add("secret", n, "read in the past, no longer in the profile", "rotate it if you still know its value", secretUsed[n])
	}

	s := f.Settings
	if p := s[profiles.AWSProfile]; p != "" {
		add("aws", p, joinNonEmpty(", ", labeled("region", s[profiles.AWSRegion]), labeled("credentials", s[profiles.AWSCredentialsFile])),
			"remove your IAM user, access keys or SSO assignment", envUsed)
	}
	switch cfg := profiles.AWSCredentialConfig("", s); cfg.Mode {
	case "role":
		add("aws", cfg.RoleARN, joinNonEmpty(", ", labeled("MFA device", cfg.MFASerial)),
			"have your IAM user removed from the role's trust policy, and your user or its access key deleted", envUsed)
	case "sso":
		add("aws", "account "+cfg.SSOAccount+", permission set "+cfg.SSORole, cfg.SSOStartURL,
			"have your IAM Identity Center assignment removed (your cached sign-in was removed from this machine)", envUsed)
	case "session":
		add("aws", "IAM user key "+profiles.AWSAccessKeySecret, labeled("MFA device", cfg.MFASerial),
			"have the access key deleted (and your MFA device deactivated)", envUsed)
	}
	if p := s[profiles.GCPProject]; p != "" {
		add("gcp", p, "", "remove your account from the project's IAM", envUsed)
	}
	if sub := s[profiles.AzureSubscription]; sub != "" {
		add("azure", sub, labeled("tenant", s[profiles.AzureTenant]), "remove your role assignments or guest account", envUsed)
	}
	for _, c := range f.Contexts {
		add("kube", c.Name, c.Server, "revoke your cluster credentials (certificate, token or OIDC binding)", envUsed)
	}
	for _, t := range f.Isolated {
		add("tool", t, "per-client login", "log out ("+logoutHint(t)+") and revoke its token", envUsed)
	}
	if k := s[profiles.GitSSHKey]; k != "" {
		add("ssh-key", k, "", "remove its public key from the client's git host and servers", envUsed)
	}
	if k := s[profiles.GitSigningKey]; k != "" {
		add("signing-key", k, "", "remove it from the client's git host", envUsed)
	}
	for _, h := range gitHosts(f.Repos) {
		add("git-host", h, "", "ask for your account to be removed from the client's organisation", nil)
	}
	return out
}

func logoutHint(tool string) string {
	switch tool {
	case "gcloud":
		return "gcloud auth revoke --all"
	case "az":
		return "az logout"
	case "gh":
		return "gh auth logout"
	case "docker":
		return "docker logout"
	case "helm":
		return "helm registry logout"
	case "terraform":
		return "terraform logout"
	}
	return tool + " logout"
}

// gitHosts are the distinct hosts of the repositories' remote URLs, for URLs
// like https://host/x, ssh://git@host/x and scp-like git@host:x.
func gitHosts(repos []Repo) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range repos {
		h := urlHost(r.URL)
		if h != "" && !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	sort.Strings(out)
	return out
}

func urlHost(raw string) string {
	if raw == "" {
		return ""
	}
	if u, err := url.Parse(raw); err == nil && u.Scheme != "" {
		return u.Hostname() // "" for file:// URLs
	}
	// scp-like: [user@]host:path, with no slash before the colon.
	if i := strings.Index(raw, ":"); i > 0 && !strings.Contains(raw[:i], "/") {
		host := raw[:i]
		if j := strings.LastIndex(host, "@"); j >= 0 {
			host = host[j+1:]
		}
		return host
	}
	return ""
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

// labeled is "label value", or "" when there is no value.
func labeled(label, value string) string {
	if value == "" {
		return ""
	}
	return label + " " + value
}

// Usage summarises an access log.
type Usage struct {
	Sessions    int            `json:"sessions"`
	Actions     map[string]int `json:"actions"`
	First       time.Time      `json:"first"`
	Last        time.Time      `json:"last"`
	SecretNames []string       `json:"secret_names"` // every secret name ever loaded
}

// Summarize counts sessions and actions of an access log.
func Summarize(events []Event) Usage {
	u := Usage{Actions: map[string]int{}, SecretNames: []string{}}
	sessions := map[string]bool{}
	names := map[string]bool{}
	for _, e := range events {
		if u.First.IsZero() || e.At.Before(u.First) {
			u.First = e.At
		}
		if e.At.After(u.Last) {
			u.Last = e.At
		}
		if e.Session != "" {
			sessions[e.Session] = true
		}
		u.Actions[e.Action]++
		for _, n := range e.SecretNames {
			names[n] = true
		}
	}
	u.Sessions = len(sessions)
	for n := range names {
		u.SecretNames = append(u.SecretNames, n)
	}
	sort.Strings(u.SecretNames)
	return u
}
