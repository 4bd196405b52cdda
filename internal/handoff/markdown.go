package handoff

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/money"
	"github.com/stint-sh/stint/internal/profiles"
)

// Document is everything the handoff markdown shows: the bundle plus what
// only a person needs (servers, time per week, access to hand back).
type Document struct {
	Bundle   Bundle
	Contexts []Context
	From, To time.Time // the window Weeks covers
	Weeks    []Week
	Usage    Usage
	HandBack []AccessItem
	// RecentLog is how many log lines to show, newest first (0: 20).
	RecentLog int
}

// Markdown renders the handoff document.
func Markdown(d Document) string {
	b := d.Bundle
	c := b.Client
	loc := location(c.Timezone)
	var m mdWriter

	m.line("# Handoff: %s (`%s`)", c.Name, c.Slug)
	m.line("")
	m.line("Written by stint on %s. Secret values are not in this document: the secrets below are access to request from the client.", stamp(b.ExportedAt, loc))
	if c.Production {
		m.line("")
		m.line("> **Production client.** Commands run in its environment reach production systems.")
	}

	m.section("Client")
	m.line("| | |")
	m.line("|---|---|")
	m.row("Name", cell(c.Name))
	m.row("stint name", code(c.Slug))
	m.row("Time zone", orDash(c.Timezone, "local time of the engineer"))
	if c.Workdir != "" {
		m.row("Working directory", code(c.Workdir))
	}

	m.section("Billing")
	cur := money.Currency(c.Currency)
	if c.RateMinor > 0 {
		m.line("- Rate: %s per hour", money.Format(c.RateMinor, cur))
	} else {
		m.line("- Rate: none set (%s)", c.Currency)
	}
	if c.RoundMinutes > 0 {
		m.line("- Rounding: %s to %s per %s", c.RoundMode, display.Count(c.RoundMinutes, "minute", "minutes"), c.RoundPer)
	} else {
		m.line("- Rounding: none")
	}
	if c.MinimumMinutes > 0 {
		m.line("- Minimum billed per entry: %s", display.Count(c.MinimumMinutes, "minute", "minutes"))
	}
	m.line("- Timer starts on switch: %s", yesNo(c.AutoTrack))

	m.section("Environment")
	if len(b.Vars) == 0 && len(b.Secrets) == 0 {
		m.line("No variables.")
	}
	if len(b.Vars) > 0 {
		m.line("Plain variables:")
		m.line("")
		m.line("| Variable | Value |")
		m.line("|---|---|")
		for _, k := range sortedKeys(b.Vars) {
			m.row(code(k), code(b.Vars[k]))
		}
	}
	if len(b.Secrets) > 0 {
		m.line("")
		m.line("Secrets (values are not written down; request access, then set each one):")
		m.line("")
		m.line("| Secret | Set it with |")
		m.line("|---|---|")
		cmds := SecretSetCommands(c.Slug, b.Secrets)
		for i, n := range b.Secrets {
			m.row(code(n), code(cmds[i]))
		}
	}

	m.section("Cloud accounts")
	s := b.Settings
	cloud := 0
	if s[profiles.AWSProfile] != "" || s[profiles.AWSRegion] != "" || s[profiles.AWSConfigFile] != "" {
		cloud++
		m.line("- AWS: %s", joinNonEmpty(", ", labeledCode("profile", s[profiles.AWSProfile]), labeledCode("region", s[profiles.AWSRegion]),
			labeledCode("config file", s[profiles.AWSConfigFile]), labeledCode("credentials file", s[profiles.AWSCredentialsFile])))
	}
	if line := awsAccessLine(s); line != "" {
		cloud++
		m.line("- %s", line)
	}
	if s[profiles.GCPProject] != "" || s[profiles.GCPRegion] != "" {
		cloud++
		m.line("- GCP: %s", joinNonEmpty(", ", labeledCode("project", s[profiles.GCPProject]), labeledCode("region", s[profiles.GCPRegion])))
	}
	if s[profiles.AzureSubscription] != "" || s[profiles.AzureTenant] != "" {
		cloud++
		m.line("- Azure: %s", joinNonEmpty(", ", labeledCode("subscription", s[profiles.AzureSubscription]), labeledCode("tenant", s[profiles.AzureTenant])))
	}
	if cloud == 0 {
		m.line("None.")
	}

	m.section("Kubernetes")
	if len(b.Kube.Sources) == 0 {
		m.line("None.")
	} else {
		m.line("Kubeconfig files: %s", codeList(b.Kube.Sources))
		m.line("")
		m.line("| Context | Server | Namespace | Default |")
		m.line("|---|---|---|---|")
		for _, k := range d.Contexts {
			server := code(k.Server)
			if k.Server == "" {
				server = "—"
			}
			if k.Problem != "" {
				server = "unknown: " + cell(k.Problem)
			}
			m.row(code(k.Name), server, orDash(k.Namespace, "—"), yesNoBlank(k.Default))
		}
		if len(b.Kube.Production) > 0 {
			m.line("")
			m.line("Production contexts (mutating commands through them ask first): %s", codeList(b.Kube.Production))
		}
	}

	m.section("Git identity")
	if s[profiles.GitName] == "" && s[profiles.GitEmail] == "" && s[profiles.GitSSHKey] == "" && s[profiles.GitSigningKey] == "" {
		m.line("None: commits use the engineer's own git configuration.")
	} else {
		for _, kv := range [][2]string{{"Name", s[profiles.GitName]}, {"Email", s[profiles.GitEmail]},
			{"SSH key", s[profiles.GitSSHKey]}, {"Signing key", s[profiles.GitSigningKey]}} {
			if kv[1] != "" {
				m.line("- %s: %s", kv[0], code(kv[1]))
			}
		}
	}

	if len(b.Isolated) > 0 {
		m.section("Tool logins kept per client")
		m.line("stint keeps a separate login for %s. The next engineer logs in with their own account.", codeList(b.Isolated))
	}

	m.section("Repositories")
	if len(b.Repos) == 0 {
		m.line("None.")
	} else {
		m.line("| Path | URL |")
		m.line("|---|---|")
		for _, r := range b.Repos {
			url := "—"
			if r.URL != "" {
				url = code(r.URL)
			}
			m.row(code(r.Path), url)
		}
	}

	m.section("Runbook")
	if strings.TrimSpace(b.Runbook) == "" {
		m.line("No runbook yet.")
	} else {
		m.raw(demoteHeadings(strings.TrimRight(b.Runbook, "\n"), 2))
	}

	m.section("Recent log")
	limit := d.RecentLog
	if limit <= 0 {
		limit = 20
	}
	if len(b.Log) == 0 {
		m.line("No log entries.")
	}
	for i := len(b.Log) - 1; i >= 0 && i >= len(b.Log)-limit; i-- {
		l := b.Log[i]
		m.line("- **%s** %s", stamp(l.At, loc), strings.ReplaceAll(strings.TrimSpace(l.Text), "\n", "\n  "))
	}

	m.section(fmt.Sprintf("Time, %s to %s", d.From.In(loc).Format("2006-01-02"), d.To.In(loc).Format("2006-01-02")))
	m.line("| Week of | Tracked | Billable |")
	m.line("|---|---:|---:|")
	var total, billable display.Total // the sums of the weeks as printed
	for _, w := range d.Weeks {
		m.row(w.Start.Format("Mon 2006-01-02"), display.HM(w.Seconds), display.HM(w.BillableSeconds))
		total.Add(w.Seconds)
		billable.Add(w.BillableSeconds)
	}
	m.row("**Total**", "**"+total.HM()+"**", "**"+billable.HM()+"**")

	m.section("Access to hand back")
	u := d.Usage
	if u.Last.IsZero() {
		m.line("stint recorded no use of this client's environment.")
	} else {
		m.line("stint recorded %s in %s between %s and %s.",
			actionCounts(u.Actions), display.Count(u.Sessions, "session", "sessions"), stamp(u.First, loc), stamp(u.Last, loc))
	}
	if len(d.HandBack) > 0 {
		m.line("")
	}
	for _, a := range d.HandBack {
		line := fmt.Sprintf("- [ ] **%s** %s", a.Kind, code(a.Name))
		if a.Detail != "" {
			line += " (" + a.Detail + ")"
		}
		line += ": " + a.Action
		if a.LastUsed != nil {
			line += "; last used " + stamp(*a.LastUsed, loc)
		}
		m.line("%s", line)
	}
	return m.String()
}

type mdWriter struct{ strings.Builder }

func (m *mdWriter) line(format string, args ...any) {
	fmt.Fprintf(&m.Builder, format, args...)
	m.WriteByte('\n')
}

func (m *mdWriter) raw(s string) {
	m.WriteString(s)
	m.WriteByte('\n')
}

func (m *mdWriter) section(title string) {
	m.WriteString("\n## " + title + "\n\n")
}

func (m *mdWriter) row(cells ...string) {
	m.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

// code renders s as inline code that survives backticks, pipes and
// newlines inside a table cell.
func code(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(s, "\n", "↵")
	s = strings.ReplaceAll(s, "|", `\|`)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// cell escapes text for a table cell.
func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\n", " "), "|", `\|`)
}

func codeList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = code(s)
	}
	return strings.Join(out, ", ")
}

func labeledCode(label, value string) string {
	if value == "" {
		return ""
	}
	return label + " " + code(value)
}

func orDash(s, dash string) string {
	if s == "" {
		return dash
	}
	return cell(s)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func yesNoBlank(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// stamp is t in the client's zone, always named: the document is read
// wherever its reader is.
func stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "an unknown time"
	}
	return display.Time(t, loc, nil)
}

func location(tz string) *time.Location {
	if tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			return loc
		}
	}
	return time.Local
}

func actionCounts(actions map[string]int) string {
	var parts []string
	for _, k := range sortedKeys(actions) {
		parts = append(parts, fmt.Sprintf("%d %s", actions[k], k))
	}
	return strings.Join(parts, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// demoteHeadings pushes the runbook's ATX headings down by levels so they
// nest under the document's own "## Runbook". Fenced code is left alone.
func demoteHeadings(md string, levels int) string {
	lines := strings.Split(md, "\n")
	fence := ""
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		if strings.HasPrefix(l, "#") {
			n := len(l) - len(strings.TrimLeft(l, "#"))
			if n <= 6 && (len(l) == n || l[n] == ' ') {
				lines[i] = strings.Repeat("#", min(n+levels, 6)) + l[n:]
			}
		}
	}
	return strings.Join(lines, "\n")
}

// awsAccessLine is the AWS access the next engineer must request for a
// client with temporary credentials: the role or SSO assignment, never a
// credential (the bundle carries the same settings; their own key and MFA
// device are theirs to add).
func awsAccessLine(s map[string]string) string {
	cfg := profiles.AWSCredentialConfig("", s)
	switch cfg.Mode {
	case "role":
		ext := ""
		if cfg.ExternalID != "" {
			ext = " (with the external ID the bundle carries)"
		}
		return fmt.Sprintf("AWS access to request: `sts:AssumeRole` on %s%s for your own IAM user", code(cfg.RoleARN), ext)
	case "sso":
		return fmt.Sprintf("AWS access to request: an IAM Identity Center assignment to account %s with permission set %s at %s (%s); then `stint aws login`", code(cfg.SSOAccount), code(cfg.SSORole), cfg.SSOStartURL, cfg.SSORegion)
	case "session":
		return "AWS access to request: an IAM user of your own; stint makes temporary session credentials from its key"
	}
	return ""
}
