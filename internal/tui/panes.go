package tui

import (
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

// envPane: what a switch sets (values; secrets by name and size only),
// what it clears, the isolated tool homes: the workbench's PreviewPlan.
func (d *detail) envPane(slug string, w int) []string {
	l, present := d.previews[slug]
	if lines, ok := state(d.sh.st, l, present); !ok {
		return lines
	}
	p := l.val
	ready := d.readinessLines(slug, w)
	nameW := 0
	for _, v := range p.Vars {
		nameW = max(nameW, len(v.Name))
	}
	nameW = min(nameW, max(w/2-3, 8))
	lines := append(ready, section(d.sh.st, "Sets "+display.Count(len(p.Vars), "variable", "variables")))
	for _, v := range p.Vars {
		value := d.sh.home(v.Value)
		switch {
		case v.Temporary:
			value = d.sh.st.Dim.Render("temporary, made by the switch")
		case v.Secret && slices.Contains(d.sh.ready[slug].MissingSecrets, v.Name):
			// What the database says it stored is not what a switch finds.
			value = d.sh.st.Warn.Render("! secret, not in the keyring") // the readiness lines above say what to do
		case v.Secret:
			value = d.sh.st.Warn.Render("••••••") + d.sh.st.Dim.Render(fmt.Sprintf(" secret, %d B, keyring", v.Size))
		}
		lines = append(lines, kv(display.Safe(v.Name), value, nameW))
	}
	lines = append(lines, d.sh.st.Dim.Render("   and clears "+display.Count(p.Cleared, "leak-prone variable", "leak-prone variables")+" it does not set"), "")
	if p.AWS != nil {
		lines = append(lines, section(d.sh.st, "Temporary AWS credentials"), "   "+awsLine(*p.AWS, d.sh.now), "")
	}
	lines = append(lines, section(d.sh.st, "Isolated tool homes"))
	if len(p.ToolHomes) == 0 {
		lines = append(lines, d.sh.st.Dim.Render("   none: tools use your global logins (stint isolate "+slug+" gcloud gh …)"))
	}
	if len(p.ToolHomes) > 0 {
		lines = append(lines, "   "+d.toolHomes(p.ToolHomes))
	}
	if c, ok := d.sh.clientBySlug(slug); ok && c.Workdir != "" {
		lines = append(lines, "", section(d.sh.st, "Workdir"), "   "+d.sh.home(c.Workdir))
	}
	return lines
}

// toolHomes is one line: the tools, and the directory their homes share
// (the client's directory), which the variables above show in full.
func (d *detail) toolHomes(hs []workbench.ToolHome) string {
	tools := make([]string, len(hs))
	parent := filepath.Dir(hs[0].Path)
	for i, h := range hs {
		tools[i] = h.Tool
		if filepath.Dir(h.Path) != parent {
			parent = ""
		}
	}
	line := strings.Join(tools, ", ")
	if parent != "" {
		line += d.sh.st.Dim.Render("  in " + d.sh.home(parent))
	}
	return line
}

// kubePane: sources, the client's contexts with the default marked, namespace.
func (d *detail) kubePane(slug string, w int) []string {
	p, lines, ok := d.profileOf(slug)
	if !ok {
		return lines
	}
	k := p.Kube
	lines = d.readinessLines(slug, w)
	if len(k.Contexts) == 0 && len(k.Sources) == 0 {
		return append(lines, d.sh.st.Dim.Render(" no Kubernetes contexts: stint kube add "+slug+" --kubeconfig PATH"),
			d.sh.st.Dim.Render(" a switch still writes an empty session kubeconfig, so no other cluster is reachable"))
	}
	lines = append(lines, section(d.sh.st, fmt.Sprintf("Contexts %d", len(k.Contexts))))
	for _, c := range k.Contexts {
		prod := ""
		if slices.Contains(k.Production, c) {
			prod = "  PRODUCTION"
		}
		def := ""
		if c == k.Context {
			def = "  default"
		}
		// A long name loses its middle, never its end nor the tags.
		name := strings.TrimRight(midFit(display.Safe(c), w-5-len(def)-len(prod)), " ")
		if prod != "" {
			prod = "  " + d.sh.st.Prod.Render("PRODUCTION")
		}
		if def != "" {
			lines = append(lines, "   "+d.sh.st.Live.Render("* "+name)+d.sh.st.Dim.Render(def)+prod)
		} else {
			lines = append(lines, "     "+name+prod)
		}
	}
	ns := display.Safe(k.Namespace)
	if ns == "" {
		ns = d.sh.st.Dim.Render("(the context's own)")
	}
	lines = append(lines, "", section(d.sh.st, "Namespace"), "   "+ns, "", section(d.sh.st, "Sources"))
	for _, s := range k.Sources {
		lines = append(lines, "   "+midFit(d.sh.home(display.Safe(s)), w-3))
	}
	lines = append(lines, "", d.sh.st.Dim.Render(" A switch writes a kubeconfig for this shell only, holding just these contexts."))
	return lines
}

// reposPane: path, branch and state of each repository, loaded on demand.
func (d *detail) reposPane(slug string, w int) []string {
	l, present := d.repos[slug]
	if lines, ok := state(d.sh.st, l, present); !ok {
		return lines
	}
	if len(l.val) == 0 {
		return []string{d.sh.st.Dim.Render(" no repositories: stint repo add " + slug + " PATH")}
	}
	pathW := max(w*45/100, 10)
	branchW := max(min(14, w/4), 6)
	lines := []string{d.sh.st.Dim.Render(" " + fit("PATH", pathW) + " " + fit("BRANCH", branchW) + " STATE")}
	for _, r := range l.val {
		lines = append(lines, " "+midFit(d.sh.home(display.Safe(r.Path)), pathW)+" "+fit(orDash(display.Safe(r.Branch)), branchW)+" "+d.repoState(r, slug))
	}
	return lines
}

func (d *detail) repoState(r workbench.RepoStatus, slug string) string {
	switch {
	case !r.Exists:
		return d.sh.st.Warn.Render("missing") + d.sh.st.Dim.Render(" (stint repo clone "+slug+")")
	case r.Error != "":
		return d.sh.st.Err.Render("✗ " + display.Safe(display.OneLine(r.Error)))
	}
	var parts []string
	if r.Dirty {
		parts = append(parts, d.sh.st.Warn.Render("dirty"))
	}
	if r.Ahead > 0 {
		parts = append(parts, fmt.Sprintf("↑%d", r.Ahead))
	}
	if r.Behind > 0 {
		parts = append(parts, fmt.Sprintf("↓%d", r.Behind))
	}
	if len(parts) == 0 {
		return d.sh.st.OK.Render("clean")
	}
	return strings.Join(parts, " ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// runbookIndent is how far the rendered runbook sits in from the pane's
// edge, level with the log lines under it.
const runbookIndent = 3

// notesPane: the runbook rendered from markdown, then the latest log
// lines, timed in the client's zone as `stint note list` times them.
func (d *detail) notesPane(slug string, w int) []string {
	l, present := d.notes[slug]
	if lines, ok := state(d.sh.st, l, present); !ok {
		return lines
	}
	n := l.val
	lines := []string{section(d.sh.st, "Runbook") + d.sh.st.Dim.Render("  E edit")}
	if strings.TrimSpace(n.runbook) == "" {
		lines = append(lines, d.sh.st.Dim.Render("   empty: press E to write how to work on "+slug))
	} else {
		for _, line := range splitLines(n.rendered) {
			if line != "" {
				line = strings.Repeat(" ", runbookIndent) + line
			}
			lines = append(lines, line)
		}
	}
	lines = append(lines, "", section(d.sh.st, "Log")+d.sh.st.Dim.Render("  n add"))
	if len(n.log) == 0 {
		lines = append(lines, d.sh.st.Dim.Render("   nothing logged yet"))
	}
	zone := n.zone
	if zone == nil {
		zone = d.sh.now.Location()
	}
	for _, note := range n.log {
		// Whole, wrapped under itself at spaces: a log line is read, not
		// guessed from its first words.
		when := logTime(note.At, zone, d.sh.now.Location())
		indent := 3 + ansi.StringWidth(when) + 2
		for i, l := range wrapWords(display.Safe(note.Text), max(w-indent, 20)) {
			if i == 0 {
				lines = append(lines, "   "+d.sh.st.Dim.Render(when)+"  "+l)
			} else {
				lines = append(lines, strings.Repeat(" ", indent)+l)
			}
		}
	}
	return lines
}

// logTime is when a log line was written, in the client's zone, which is
// named when it reads differently from the local one.
func logTime(at time.Time, zone, local *time.Location) string {
	return display.Time(at, zone, local)
}

// awsLine says how long a client's cached AWS credentials last, with the
// same words and numbers as the CLI's doctor (display.Compact).
func awsLine(st workbench.AWSStatus, now time.Time) string {
	left := func(t time.Time) string { return display.Compact(int64(t.Sub(now) / time.Second)) }
	parts := []string{st.Mode}
	switch {
	case st.Problem != "":
		parts = append(parts, display.OneLine(st.Problem))
	case st.CredentialsExpire.After(now):
		parts = append(parts, "cached, "+left(st.CredentialsExpire)+" left")
	default:
		parts = append(parts, "made on the next switch")
	}
	if st.Mode == "sso" {
		switch {
		case st.SSOExpires.After(now):
			parts = append(parts, "SSO sign-in "+left(st.SSOExpires)+" left")
		case st.SSORenewable && st.SSORenewableExpire.After(now):
			parts = append(parts, "SSO sign-in renews itself")
		default:
			parts = append(parts, "SSO sign-in expired: stint aws login "+st.Client)
		}
	}
	return strings.Join(parts, " · ")
}
