package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
)

// Short of room, the header keeps the slug, the PROD tag and the end of
// the kube context, which tells GKE contexts apart: the display name goes
// first, then the context's middle.
func TestHeaderKeepsTheEndOfTheKubeContextWhenNarrow(t *testing.T) {
	const ctx = "gke_acme-project-1234_europe-west1-b_acme-production-cluster"
	for _, w := range []int{120, 100, 80, 60, 50} {
		b := fixture()
		p := b.profiles["acme"]
		p.Kube.Contexts = append(p.Kube.Contexts, ctx)
		p.Kube.Context, p.Kube.Namespace = ctx, ""
		b.profiles["acme"] = p
		h := newHarness(t, b, Options{CurrentClient: "acme"}, w, 24)
		head := ansi.Strip(strings.SplitN(h.screen(), "\n", 2)[0])
		assert.Contains(t, head, "acme", w)
		assert.Contains(t, head, "PROD", w)
		assert.Contains(t, head, "on-cluster ", "%d: %q", w, head)
		assert.Contains(t, head, "gke_", "%d: %q", w, head)
	}
}
