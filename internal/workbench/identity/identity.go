// Package identity is the workbench's identity-check component (`stint
// whoami`): it asks each cloud a client's profile configures who the
// client's environment is signed in as — AWS STS, the active gcloud
// account, the Azure subscription and tenant, the Kubernetes user, the
// GitHub login — in parallel, each with a timeout, and compares the
// answers with what the profile expects. A service that cannot be asked
// (not installed, unreachable, signed out) is "unknown", never a mismatch.
package identity

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/display"
)

// The statuses of a check.
const (
	Match    = "match"    // the identity is the expected one
	Mismatch = "mismatch" // it is another one
	Unknown  = "unknown"  // it could not be asked
	Seen     = "seen"     // it was asked, and the profile expects nothing
)

// Check is one identity compared.
type Check struct {
	What     string `json:"what"` // aws, gcp, azure subscription, azure tenant, kube, github
	Status   string `json:"status"`
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual,omitempty"`
	Detail   string `json:"detail,omitempty"` // the ARN; why it is unknown
}

// Report is every check of one client.
type Report struct {
	Client string    `json:"client"`
	At     time.Time `json:"at"`
	Checks []Check   `json:"checks"`
}

// Mismatch reports whether any identity is not the expected one.
func (r Report) Mismatch() bool {
	for _, c := range r.Checks {
		if c.Status == Mismatch {
			return true
		}
	}
	return false
}

// Warning is the one line a mismatch shows as (status, the TUI header,
// $STINT_WARN); "" when there is none.
func (r Report) Warning() string {
	var parts []string
	for _, c := range r.Checks {
		if c.Status == Mismatch {
			parts = append(parts, fmt.Sprintf("%s is %s, not %s", c.What, c.Actual, c.Expected))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "identity mismatch in " + r.Client + ": " + strings.Join(parts, "; ")
}

// Expect is what a profile configures and expects. A cloud is checked when
// it is configured; an empty expectation makes its check Seen.
type Expect struct {
	AWS, GCP, Azure, Kube, GitHub bool
	AWSAccount                    string
	GCPAccount                    string
	AzureSubscription             string
	AzureTenant                   string
	GitHubLogin                   string
}

// Compare is a check's status from what was expected and what was found
// (err: it could not be found). Pure: the rule of the whole command.
func Compare(what, expected, actual string, err error) Check {
	c := Check{What: what, Expected: expected, Actual: actual}
	switch {
	case err != nil:
		c.Status, c.Actual, c.Detail = Unknown, "", display.OneLine(err.Error())
	case actual == "":
		c.Status, c.Detail = Unknown, "no identity reported"
	case expected == "":
		c.Status = Seen
	case strings.EqualFold(expected, actual):
		c.Status = Match
	default:
		c.Status = Mismatch
	}
	return c
}

// Prober asks the services. The zero value uses the programs on the
// environment's PATH and a 10 s timeout per service.
type Prober struct {
	HTTP    *http.Client
	Timeout time.Duration
	Now     func() time.Time
}

// Probe runs the checks e asks for in env, in parallel, and returns them in
// a fixed order.
func (p Prober) Probe(ctx context.Context, env map[string]string, e Expect) []Check {
	timeout := p.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	type job struct {
		enabled bool
		run     func(ctx context.Context) []Check
	}
	jobs := []job{
		{e.AWS || e.AWSAccount != "", func(ctx context.Context) []Check {
			id, err := p.aws(ctx, env)
			c := Compare("aws", e.AWSAccount, id.Account, err)
			if err == nil && id.ARN != "" {
				c.Detail = id.ARN
			}
			return []Check{c}
		}},
		{e.GCP || e.GCPAccount != "", func(ctx context.Context) []Check {
			out, err := run(ctx, env, "gcloud", "config", "get-value", "account")
			if out == "(unset)" {
				out = ""
			}
			return []Check{Compare("gcp", e.GCPAccount, out, err)}
		}},
		{e.Azure || e.AzureSubscription != "" || e.AzureTenant != "", func(ctx context.Context) []Check {
			out, err := run(ctx, env, "az", "account", "show", "--output", "json")
			var acct struct {
				ID       string `json:"id"`
				TenantID string `json:"tenantId"`
			}
			if err == nil {
				if jerr := json.Unmarshal([]byte(out), &acct); jerr != nil {
					err = errors.New("az account show did not print JSON")
				}
			}
			return []Check{Compare("azure subscription", e.AzureSubscription, acct.ID, err),
				Compare("azure tenant", e.AzureTenant, acct.TenantID, err)}
		}},
		{e.Kube, func(ctx context.Context) []Check {
			out, err := run(ctx, env, "kubectl", "auth", "whoami", "--output", "jsonpath={.status.userInfo.username}")
			return []Check{Compare("kube", "", out, err)}
		}},
		{e.GitHub || e.GitHubLogin != "", func(ctx context.Context) []Check {
			out, err := run(ctx, env, "gh", "api", "user", "--jq", ".login")
			return []Check{Compare("github", e.GitHubLogin, out, err)}
		}},
	}
	results := make([][]Check, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		if !j.enabled {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cctx, cancel := context.WithTimeout(ctx, timeout)
			defer cancel()
			results[i] = j.run(cctx)
		}()
	}
	wg.Wait()
	var out []Check
	for _, r := range results {
		out = append(out, r...)
	}
	return out
}

// aws asks STS with the environment's keys, or the aws CLI when the
// identity comes from a profile (SSO, credential_process …).
func (p Prober) aws(ctx context.Context, env map[string]string) (awscreds.Identity, error) {
	id, err := awscreds.CallerIdentity(ctx, env, p.HTTP, p.Now)
	if !errors.Is(err, awscreds.ErrNoKeys) {
		return id, err
	}
	out, err := run(ctx, env, "aws", "sts", "get-caller-identity", "--output", "json")
	if err != nil {
		return id, err
	}
	var doc struct{ Account, Arn, UserId string }
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		return id, errors.New("aws sts get-caller-identity did not print JSON")
	}
	return awscreds.Identity{Account: doc.Account, ARN: doc.Arn, UserID: doc.UserId}, nil
}

// run runs a tool found on env's PATH with env, and returns its stdout
// trimmed; its first stderr line says why when it fails.
func run(ctx context.Context, env map[string]string, tool string, args ...string) (string, error) {
	path, err := lookPath(tool, env["PATH"])
	if err != nil {
		return "", fmt.Errorf("%s is not installed", tool)
	}
	cmd := exec.CommandContext(ctx, path, args...)
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		return "", fmt.Errorf("%s did not answer in time", tool)
	}
	if err != nil {
		line, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		if line == "" {
			line = err.Error()
		}
		return "", fmt.Errorf("%s %s: %s", tool, args[0], line)
	}
	return strings.TrimSpace(stdout.String()), nil
}

// lookPath finds tool on a PATH list the way a shell does.
func lookPath(tool, pathList string) (string, error) {
	for _, dir := range filepath.SplitList(pathList) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(dir, tool)
		if _, err := exec.LookPath(p); err == nil {
			return p, nil
		}
	}
	return "", exec.ErrNotFound
}
