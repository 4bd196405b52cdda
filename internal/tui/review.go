package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

// Review before use (docs/safety.md): a client imported from a handoff
// bundle is marked pending in the list and the detail title, its switch is
// refused by the workbench, and A shows what it would apply and allows it
// after a yes.

// reviewMsg is a client's review, loaded for the allow dialog.
type reviewMsg struct {
	review workbench.Review
	err    error
}

func (e effects) loadReview(slug string) tea.Cmd {
	return func() tea.Msg {
		r, err := e.b.Review(e.ctx, slug)
		return reviewMsg{review: r, err: err}
	}
}

// allow accepts the content whose hash the user was shown: if an import
// changed it in between, the workbench refuses and nothing is allowed.
func (e effects) allow(slug, hash string) tea.Cmd {
	return func() tea.Msg {
		if _, err := e.b.Allow(e.ctx, slug, hash); err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: "Allowed " + slug + ": switching to it applies its settings", reload: reloadClients | reloadProfile, slug: slug}
	}
}

// openAllow starts the review of the selected client.
func (m *Model) openAllow() tea.Cmd {
	c, ok := m.selected()
	if !ok {
		return nil
	}
	if !c.ReviewPending {
		m.note(c.Slug + " has nothing pending review")
		return nil
	}
	return m.sh.fx.loadReview(c.Slug)
}

// onReview asks, showing what the client would apply.
func (m *Model) onReview(msg reviewMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(msg.err.Error())
		return nil
	}
	m.dialog.Confirm(reviewPrompt(msg.review), m.sh.fx.allow(msg.review.Client, msg.review.Hash))
	return nil
}

// reviewPrompt is the review in a few lines: every variable with its
// value, the names that run code, and how much else comes with it; every
// detail is in `stint client review`.
func reviewPrompt(r workbench.Review) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Allow what %s's import brought?", r.Client)
	if len(r.Vars) > 0 {
		vars := make([]string, len(r.Vars))
		for i, v := range r.Vars {
			vars[i] = v.Name + "=" + display.Safe(v.Value)
		}
		b.WriteString(" Variables: " + strings.Join(vars, ", ") + ".")
	}
	if risky := r.RunsCode(); len(risky) > 0 {
		b.WriteString(" RUNS CODE: " + strings.Join(risky, ", ") + ".")
	}
	var more []string
	if n := len(r.Secrets); n > 0 {
		more = append(more, display.Count(n, "secret name", "secret names"))
	}
	if n := len(r.Settings); n > 0 {
		more = append(more, display.Count(n, "setting", "settings"))
	}
	if n := len(r.Repos); n > 0 {
		more = append(more, display.Count(n, "repository", "repositories")+" under "+display.Safe(r.SrcRoot))
	}
	if len(more) > 0 {
		b.WriteString(" Also " + strings.Join(more, ", ") + ".")
	}
	b.WriteString(" Every value: stint client review " + r.Client)
	return b.String()
}
