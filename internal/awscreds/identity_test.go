package awscreds

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// GetCallerIdentity, signed with a long-lived key and with temporary
// credentials (their session token sent), at the endpoint the environment
// names — AWS_ENDPOINT_URL_STS before AWS_ENDPOINT_URL, as the SDKs do.
func TestCallerIdentity(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	env := map[string]string{"AWS_ENDPOINT_URL_STS": f.aws.URL, "AWS_ENDPOINT_URL": "http://127.0.0.1:1",
		"AWS_ACCESS_KEY_ID": globexKey, "AWS_SECRET_ACCESS_KEY": globexSec, "AWS_REGION": "eu-west-1"}
	id, err := CallerIdentity(ctx, env, nil, f.clock.Now)
	require.NoError(t, err)
	assert.Equal(t, Identity{Account: "333333333333", ARN: "arn:aws:iam::333333333333:user/ada", UserID: "AIDAADA"}, id)
	calls := f.aws.CallsOf("GetCallerIdentity")
	require.Len(t, calls, 1)
	assert.Equal(t, "eu-west-1", calls[0].Region)

	// Temporary credentials: the session token goes with the request.
	res, err := f.provider.Credentials(ctx, Request{Config: Config{Client: "globex", Mode: ModeSession}, Env: f.env,
		Secrets: map[string]string{SecretAccessKeyID: globexKey, SecretSecretAccessKey: globexSec}})
	require.NoError(t, err)
	temp := map[string]string{"AWS_ENDPOINT_URL": f.aws.URL, "AWS_ACCESS_KEY_ID": res.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY": res.SecretAccessKey, "AWS_SESSION_TOKEN": res.SessionToken}
	id, err = CallerIdentity(ctx, temp, nil, f.clock.Now)
	require.NoError(t, err)
	assert.Equal(t, "333333333333", id.Account)
	delete(temp, "AWS_SESSION_TOKEN")
	_, err = CallerIdentity(ctx, temp, nil, f.clock.Now)
	assert.Error(t, err, "a temporary key without its token is refused")

	_, err = CallerIdentity(ctx, map[string]string{"AWS_PROFILE": "x"}, nil, f.clock.Now)
	assert.ErrorIs(t, err, ErrNoKeys)
	env["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:1"
	_, err = CallerIdentity(ctx, env, &http.Client{}, f.clock.Now)
	assert.Error(t, err, "unreachable")
}
