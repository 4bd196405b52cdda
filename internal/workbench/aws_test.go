package workbench

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/awscreds/awsstandin"
	"github.com/stint-sh/stint/internal/profiles"
)

// A switch to a client with cached temporary AWS credentials reads two
// keyring items — its secrets and its cache, side by side — writes none and
// calls no AWS service; a client without them reads one.
func TestCachedAWSSwitchReadsTheCacheBesideTheSecrets(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	clock, sec := w.clk, w.keyring
	srv := awsstandin.Start(t)
	srv.Now = func() time.Time { return clock.t }
	srv.Users = []awsstandin.User{{Account: "111111111111", Name: "ada", AccessKeyID: "AKIAWBTEST0000000001", SecretAccessKey: "wb/secret"}}
	w.addClient("acme")
	w.addClient("globex")
	require.NoError(t, w.SetSecret(ctx, "acme", awscreds.SecretAccessKeyID, "AKIAWBTEST0000000001"))
	require.NoError(t, w.SetSecret(ctx, "acme", awscreds.SecretSecretAccessKey, "wb/secret"))
	require.NoError(t, w.SetSecret(ctx, "globex", "GH_TOKEN", "ghp_x"))
	require.NoError(t, w.ApplySettings(ctx, "acme", profiles.Settings{profiles.AWSTemporary: "true"}, nil, nil))

	env := []string{"AWS_ENDPOINT_URL=" + srv.URL}
	first, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env}, delivered)
	require.NoError(t, err)
	require.NotNil(t, first.AWS)
	assert.False(t, first.AWS.Cached)

	srv.SetUnavailable(true)
	sec.watched.Store(true)
	again, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env}, delivered)
	require.NoError(t, err)
	assert.True(t, again.AWS.Cached)
	assert.Equal(t, int64(2), sec.calls.Load(), "the secrets and the cache item, nothing written")

	sec.calls.Store(0)
	_, err = w.Switch(ctx, SwitchRequest{Client: "globex", Shell: "bash", Environ: env}, delivered)
	require.NoError(t, err)
	assert.Equal(t, int64(1), sec.calls.Load(), "a client without AWS reads its secrets only")
	assert.Len(t, srv.CallsOf("GetSessionToken"), 1)
}
