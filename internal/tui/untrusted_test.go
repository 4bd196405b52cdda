package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/stint-sh/stint/internal/workbench"
)

// hostile would retitle the terminal, clear it, start a C1 sequence and
// reverse the text after it, if printed raw.
const hostile = "x\x1b]0;pwned\x07\x1b[2J\u009b1m\u202eevil\rX"

// TestUntrustedTextIsShownEscaped walks every pane of a client whose
// display name, variable, kube context, namespace, repository branch,
// runbook and log carry escape sequences: the screen shows them escaped
// and never holds one of them raw.
func TestUntrustedTextIsShownEscaped(t *testing.T) {
	b := fixture()
	b.clients[0].Name = "Acme " + hostile
	p := b.profiles["acme"]
	p.Vars = map[string]string{"EVIL": hostile}
	p.Kube.Contexts = []string{"acme-prod", "ctx" + hostile}
	p.Kube.Namespace = "ns" + hostile
	b.profiles["acme"] = p
	b.repos["acme"][0].Branch = "br" + hostile
	b.runbooks["acme"] = "# Runbook\n\nrun " + hostile + "\n"
	b.notes["acme"] = append(b.notes["acme"], workbench.Note{Client: "acme", At: testNow.Add(-time.Hour), Text: "note " + hostile})

	h := newHarness(t, b, Options{}, 140, 50)
	seen := map[string]bool{}
	for range 8 {
		raw := h.m.View().Content
		for _, bad := range []string{"\x1b]0;pwned", "\x1b[2J", "\u009b", "\u202e", "\r"} {
			assert.NotContains(t, raw, bad, "a raw %q reached the screen", bad)
		}
		plain := h.screen()
		for _, want := range []string{`Acme x\x1b]0;pwned`, `ctxx\x1b`, `nsx\x1b`, `brx\x1b`, `run x\x1b]0;pwned`, `note x\x1b]0;pwned`} {
			if strings.Contains(plain, want) {
				seen[want] = true
			}
		}
		h.press("tab")
	}
	for _, want := range []string{`Acme x\x1b]0;pwned`, `ctxx\x1b`, `nsx\x1b`, `run x\x1b]0;pwned`, `note x\x1b]0;pwned`} {
		assert.True(t, seen[want], "no pane showed %s", want)
	}
}
