package tui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
)

// Paths and context names lose their middle: the ends tell them apart.
func TestMidFitKeepsBothEnds(t *testing.T) {
	for _, c := range []struct {
		in   string
		w    int
		want string
	}{
		{"acme-prod", 12, "acme-prod   "},
		{"gke_globex-prod-1_europe-west1_primary-cluster-2", 24, "gke_glo…rimary-cluster-2"},
		{"~/src/clients/acme/infrastructure/terraform", 20, "~/src/…ure/terraform"},
		{"abc", 1, "…"},
		{"abcdef", 0, ""},
	} {
		got := midFit(c.in, c.w)
		assert.Equal(t, c.want, got, c.in)
		assert.Equal(t, max(c.w, 0), ansi.StringWidth(got), c.in)
	}
	a, b := midFit("gke_globex-prod-1_europe-west1_cluster-a", 20), midFit("gke_globex-prod-1_europe-west1_cluster-b", 20)
	assert.NotEqual(t, a, b, "two contexts that differ at the end stay apart")
}
