package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"

	"github.com/stint-sh/stint/internal/workbench"
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

// A long context name in the profile editor's lists is one line that
// keeps its end, whatever the width: Huh wrapped it at a hyphen.
func TestProfileListsKeepALongContextOnOneLine(t *testing.T) {
	const ctx = "gke_acme-project-1234_europe-west1-b_acme-production-cluster"
	for _, menu := range []string{menuKubeRm, menuKubeUse, menuKubeProd} {
		for _, size := range [][2]int{{120, 40}, {80, 24}, {60, 15}} {
			b := fixture()
			p := b.profiles["acme"]
			p.Kube.Contexts = append([]string{ctx}, p.Kube.Contexts...)
			p.Kube.Context = ctx
			b.profiles["acme"] = p
			h := newHarness(t, b, Options{CurrentClient: "acme"}, size[0], size[1])
			h.openMenu(menu)
			found := false
			for _, l := range strings.Split(ansi.Strip(h.screen()), "\n")[1:] { // below the header
				if strings.Contains(l, "gke_") {
					found = true
					assert.Regexp(t, `gke_.*-cluster( |$)`, l, "%s %v: one line, its end kept", menu, size)
				}
			}
			assert.True(t, found, "%s %v:\n%s", menu, size, h.screen())
		}
	}
}

// The picker's preview names the AWS profile and region, each when set:
// a region without a profile is still where the next command lands.
func TestPickerPreviewNamesTheAWSProfileAndRegion(t *testing.T) {
	c := workbench.ClientInfo{Slug: "globex"}
	for _, tc := range []struct {
		aws  map[string]string
		want string
	}{
		{map[string]string{"profile": "globex-admin", "region": "eu-west-1"}, "aws globex-admin eu-west-1"},
		{map[string]string{"profile": "globex-admin"}, "aws globex-admin"},
		{map[string]string{"region": "eu-west-1"}, "aws eu-west-1"},
		{map[string]string{"account": "123456789012"}, ""},
	} {
		facts := previewFacts(workbench.ProfileView{AWS: tc.aws}, c)
		if tc.want == "" {
			assert.Equal(t, []string{"kube none"}, facts)
			continue
		}
		assert.Contains(t, facts, tc.want, tc.aws)
	}
}

// A client that is not production whose switch selects a production
// context has the header's PROD tag too.
func TestHeaderTagsAProductionContext(t *testing.T) {
	for _, prodCtx := range []bool{false, true} {
		b := fixture()
		p := b.profiles["acme"]
		b.clients[0].Production = false
		if prodCtx {
			p.Kube.Production = []string{"acme-prod"}
		}
		b.profiles["acme"] = p
		h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
		head := ansi.Strip(strings.SplitN(h.screen(), "\n", 2)[0])
		assert.Equal(t, prodCtx, strings.Contains(head, " PROD "), "%v: %q", prodCtx, head)
	}
}
