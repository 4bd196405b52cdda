package e2e

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The real binary's TUI in a real terminal, on a real database: p sets a
// plain variable and changes the default kube context, as `stint set` and
// `stint kube use` would; a client whose kubeconfig has gone is marked in
// the list once it is refreshed.
func TestProfileEditorInTheRealTUI(t *testing.T) {
	h := newHome(t)
	h.client("acme", "--name", "Acme Corp")
	h.client("globex", "--name", "Globex")
	kc := writeKubeconfig(t, t.TempDir(), "acme.yaml", "acme-prod", "acme-dev")
	h.ok("kube", "add", "acme", "--kubeconfig", kc)
	gone := writeKubeconfig(t, t.TempDir(), "globex.yaml", "globex-prod")
	h.ok("kube", "add", "globex", "--kubeconfig", gone)

	// The other of acme's two contexts becomes the default.
	var contexts []struct {
		Name    string `json:"name"`
		Default bool   `json:"default"`
	}
	require.NoError(t, json.Unmarshal([]byte(h.ok("kube", "list", "acme", "--json")), &contexts))
	require.Len(t, contexts, 2)
	target := contexts[0].Name
	if contexts[0].Default {
		target = contexts[1].Name
	}

	s := startTmux(t, h.env, stintBin)
	s.waitFor("Globex")

	// A variable: acme has none, so the form opens at once.
	s.send("p")
	s.waitFor("Edit the profile of acme")
	s.send("Enter")
	s.waitFor("e.g. TF_WORKSPACE")
	s.send("TF_WORKSPACE")
	s.send("Enter")
	s.waitFor("┃ > e.g. prod") // the value has the focus
	s.send("acme-prod")
	s.send("Enter")
	s.waitFor("Set TF_WORKSPACE of acme")

	// The default context, from the contexts acme has.
	s.send("p")
	s.waitFor("Edit the profile of acme")
	s.send("Down", "Down")
	s.waitFor("> Kubernetes: default context")
	s.send("Enter")
	s.waitFor("Default context")
	s.send("Down") // the list wraps: from the default to the other
	s.waitFor("> " + target)
	s.send("Enter")
	s.waitFor("┃ Namespace")
	s.send("Enter")
	s.waitFor("acme now switches to context " + target)

	// globex's kubeconfig vanishes: r marks it.
	require.NoError(t, os.Remove(gone))
	s.send("r")
	s.waitFor("! Globex globex")
	s.send("q")

	var show struct {
		Vars map[string]string `json:"vars"`
		Kube struct {
			Context string `json:"context"`
		} `json:"kube"`
	}
	require.NoError(t, json.Unmarshal([]byte(h.ok("client", "show", "acme", "--json")), &show))
	assert.Equal(t, "acme-prod", show.Vars["TF_WORKSPACE"])
	assert.Equal(t, target, show.Kube.Context)
	assert.True(t, strings.Contains(h.ok("kube", "list", "acme"), "*  "+target))
}
