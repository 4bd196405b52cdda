package tui

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/workbench"
)

// A client whose temporary AWS credentials need an MFA code: the picker
// asks for it in a form (the terminal is the TUI's), then switches with it.
func TestSwitchAsksForTheMFACodeInAForm(t *testing.T) {
	b := fixture()
	b.awsNeeds = map[string]awscreds.Needs{"globex": {MFA: true}}
	opts := hooked(t)
	h := newHarness(t, b, opts, 120, 40)
	h.press("down", "enter", "y")

	require.False(t, h.quit)
	assert.Empty(t, b.switchReqs, "no switch before the code")
	assert.Contains(t, h.screen(), "AWS credentials for globex")
	assert.Contains(t, h.screen(), "arn:aws:iam::123456789012:mfa/ada")

	h.paste("12345")
	h.press("enter")
	assert.Contains(t, h.screen(), "an MFA code is 6 digits")
	assert.Empty(t, b.switchReqs)

	h.press("backspace", "backspace", "backspace", "backspace", "backspace")
	h.paste("654321")
	h.press("enter")
	require.True(t, h.quit, "switched")
	require.Len(t, b.switchReqs, 1)
	require.NotNil(t, b.switchReqs[0].MFA)
	code, err := b.switchReqs[0].MFA(context.Background(), "globex", "arn:aws:iam::123456789012:mfa/ada")
	require.NoError(t, err)
	assert.Equal(t, "654321", code)
	assert.NotContains(t, h.screen(), "654321", "the code is never shown")
}

func TestSwitchWithAnExpiredSSOSignInSaysToLogIn(t *testing.T) {
	b := fixture()
	b.awsNeeds = map[string]awscreds.Needs{"globex": {Login: true}}
	h := newHarness(t, b, hooked(t), 120, 40)
	h.press("down", "enter", "y")
	require.False(t, h.quit)
	assert.Empty(t, b.switchReqs)
	assert.Contains(t, h.screen(), "run `stint aws login globex`")
}

// The Environment pane of a client with temporary AWS credentials says how
// long the cached ones last, in the words and numbers doctor uses.
func TestEnvironmentPaneShowsTheTimeLeftOfCachedAWSCredentials(t *testing.T) {
	b := fixture()
	now := b.now()
	b.awsStatus = map[string]workbench.AWSStatus{
		"globex": {Client: "globex", Mode: "role", CredentialsExpire: now.Add(45 * time.Minute)},
	}
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("down")
	assert.Contains(t, h.screen(), "Temporary AWS credentials")
	assert.Contains(t, h.screen(), "role · cached, 45m left")

	assert.Equal(t, "sso · made on the next switch · SSO sign-in expired: stint aws login acme",
		awsLine(workbench.AWSStatus{Client: "acme", Mode: "sso"}, now))
	assert.Equal(t, "sso · cached, 10m left · SSO sign-in 7h00m left",
		awsLine(workbench.AWSStatus{Client: "acme", Mode: "sso", CredentialsExpire: now.Add(10 * time.Minute), SSOExpires: now.Add(7 * time.Hour)}, now))
}
