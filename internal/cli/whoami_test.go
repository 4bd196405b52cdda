package cli

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

// whoami against the local STS stand-in: the client's key belongs to
// account 111111111111; expecting another account is a mismatch (exit 1,
// the line names both), the right one a match (exit 0), an unreachable STS
// unknown (exit 0), and bad input exit 2.
func TestWhoamiAgainstTheSTSStandIn(t *testing.T) {
	h, srv, _ := awsHarness(t)
	h.ok("aws", "acme", "--account", "222222222222")
	r := h.run("whoami", "acme")
	assert.Equal(t, 1, r.code, r.stderr)
	assert.Regexp(t, `^aws +mismatch +expected 222222222222, actual 111111111111\n$`, r.stdout)
	assert.Len(t, srv.CallsOf("GetCallerIdentity"), 1)

	var rep workbench.IdentityReport
	r = h.run("whoami", "acme", "--json")
	assert.Equal(t, 1, r.code)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.Len(t, rep.Checks, 1)
	assert.Equal(t, "mismatch", rep.Checks[0].Status)
	assert.Equal(t, "222222222222", rep.Checks[0].Expected)
	assert.Equal(t, "111111111111", rep.Checks[0].Actual)
	assert.Equal(t, "arn:aws:iam::111111111111:user/ada", rep.Checks[0].Detail)

	h.ok("aws", "acme", "--account", "111111111111")
	out := h.ok("whoami", "acme")
	assert.Regexp(t, `^aws +match +111111111111  arn:aws:iam::111111111111:user/ada\n$`, out)

	// In a shell switched to acme, its own environment is asked: no
	// keyring read, and NAME may be left out.
	env := envOf(t, h, "acme")
	for k, v := range env.Set {
		h.env[k] = v
	}
	out = h.ok("whoami")
	assert.Contains(t, out, "match")

	// STS unreachable: unknown, not a mismatch.
	delete(h.env, "STINT_CLIENT")
	h.env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1"
	h.ok("aws", "acme", "--account", "222222222222")
	r = h.run("whoami", "acme")
	assert.Equal(t, 0, r.code, r.stdout+r.stderr)
	assert.Regexp(t, `^aws +unknown +expected 222222222222, actual unknown: `, r.stdout)

	h.fails(2, "no client named", "whoami", "nobody")
	h.fails(2, "this shell is in no client", "whoami")
	h.fails(2, "", "whoami", "a", "b")
	h.fails(2, "12-digit", "aws", "acme", "--account", "12345")
	h.fails(2, "GCP account", "gcp", "acme", "--account", "not an email")
	h.fails(2, "GitHub login", "git", "acme", "--github-login", "-bad-")
}

// After a switch the check runs in the background, in the switched
// environment; a mismatch it records shows in `stint status` for that
// shell's session, and goes once a later check finds none.
func TestWhoamiInTheBackgroundAfterASwitch(t *testing.T) {
	h, _, _ := awsHarness(t)
	h.env["STINT_SESSION"] = "4242-bg"
	envOf(t, h, "acme")
	assert.Empty(t, h.background, "a client that expects nothing starts no check")

	h.ok("aws", "acme", "--account", "222222222222")
	env := envOf(t, h, "acme")
	require.Len(t, h.background, 1)
	assert.Equal(t, []string{"whoami", "acme", "--record"}, h.background[0])

	// What the background process does, in the shell's new environment.
	for k, v := range env.Set {
		h.env[k] = v
	}
	r := h.run("whoami", "acme", "--record")
	assert.Equal(t, 0, r.code, "a mismatch is recorded, not an error")
	assert.Empty(t, r.stdout+r.stderr)
	status := h.ok("status")
	assert.Contains(t, status, "Warning: identity mismatch in acme: aws is 111111111111, not 222222222222 — `stint whoami` for details.")
	var st workbench.Status
	require.NoError(t, json.Unmarshal([]byte(h.ok("status", "--json")), &st))
	assert.Contains(t, st.IdentityWarning, "aws is 111111111111")

	h.ok("aws", "acme", "--account", "111111111111")
	h.ok("whoami", "acme", "--record")
	assert.NotContains(t, h.ok("status"), "identity")
}
