package awsstandin

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	oidctypes "github.com/aws/aws-sdk-go-v2/service/ssooidc/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests hold the stand-in to the real protocols: aws-sdk-go-v2's own
// service clients (linked into tests only) talk to it, and must get what
// they would get from AWS — including typed errors, which the SDK builds
// from the error document's shape.

func standin(t *testing.T) *Server {
	s := Start(t)
	s.Users = []User{{Account: "111111111111", Name: "ada", AccessKeyID: "AKIAORACLE0000000001", SecretAccessKey: "oracle/secret", MFASerial: "arn:aws:iam::111111111111:mfa/ada"}}
	s.Roles = []Role{{ARN: "arn:aws:iam::111111111111:role/Deploy", ExternalID: "x-1"}}
	s.SSO = SSO{StartURL: "https://acme.awsapps.com/start", Email: "ada@acme.io", PendingPolls: 1,
		Assignments: map[string][]string{"444444444444": {"ReadOnly"}}}
	return s
}

func sdkConfig(s *Server, id, secret, token string) aws.Config {
	return aws.Config{
		Region:       "eu-west-1",
		Credentials:  credentials.NewStaticCredentialsProvider(id, secret, token),
		BaseEndpoint: aws.String(s.URL),
	}
}

func TestTheSDKsSTSClientTalksToTheStandIn(t *testing.T) {
	s := standin(t)
	ctx := context.Background()
	client := sts.NewFromConfig(sdkConfig(s, "AKIAORACLE0000000001", "oracle/secret", ""))

	session, err := client.GetSessionToken(ctx, &sts.GetSessionTokenInput{
		DurationSeconds: aws.Int32(3600), SerialNumber: aws.String("arn:aws:iam::111111111111:mfa/ada"), TokenCode: aws.String("123456")})
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(time.Hour), *session.Credentials.Expiration, 5*time.Second)
	call := s.CallsOf("GetSessionToken")[0]
	assert.Equal(t, "eu-west-1", call.Region)
	assert.Equal(t, "123456", call.Params["TokenCode"])

	role, err := client.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::111111111111:role/Deploy"),
		RoleSessionName: aws.String("ada"), ExternalId: aws.String("x-1")})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sts::111111111111:assumed-role/Deploy/ada", *role.AssumedRoleUser.Arn)

	// The role's temporary credentials, session token included, are accepted.
	c := role.Credentials
	asRole := sts.NewFromConfig(sdkConfig(s, *c.AccessKeyId, *c.SecretAccessKey, *c.SessionToken))
	id, err := asRole.GetCallerIdentity(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sts::111111111111:assumed-role/Deploy/ada", *id.Arn)

	// Refusals come back as the SDK's API errors with AWS's codes.
	_, err = client.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::111111111111:role/Deploy"), RoleSessionName: aws.String("ada")})
	var apiErr interface{ ErrorCode() string }
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, "AccessDenied", apiErr.ErrorCode())
	_, err = sts.NewFromConfig(sdkConfig(s, "AKIAORACLE0000000001", "not/the/secret", "")).GetCallerIdentity(ctx, nil)
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, "SignatureDoesNotMatch", apiErr.ErrorCode())
}

func TestTheSDKsSSOClientsTalkToTheStandIn(t *testing.T) {
	s := standin(t)
	ctx := context.Background()
	cfg := aws.Config{Region: "eu-west-1", BaseEndpoint: aws.String(s.URL), Credentials: aws.AnonymousCredentials{}}
	oidc := ssooidc.NewFromConfig(cfg)

	reg, err := oidc.RegisterClient(ctx, &ssooidc.RegisterClientInput{ClientName: aws.String("oracle"), ClientType: aws.String("public"), Scopes: []string{"sso:account:access"}})
	require.NoError(t, err)
	auth, err := oidc.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{ClientId: reg.ClientId, ClientSecret: reg.ClientSecret, StartUrl: aws.String(s.SSO.StartURL)})
	require.NoError(t, err)
	assert.Equal(t, int32(1), auth.Interval)
	in := &ssooidc.CreateTokenInput{ClientId: reg.ClientId, ClientSecret: reg.ClientSecret,
		GrantType: aws.String("urn:ietf:params:oauth:grant-type:device_code"), DeviceCode: auth.DeviceCode}
	_, err = oidc.CreateToken(ctx, in)
	var pending *oidctypes.AuthorizationPendingException
	require.ErrorAs(t, err, &pending, "the SDK's typed exception")
	tok, err := oidc.CreateToken(ctx, in)
	require.NoError(t, err)
	require.NotNil(t, tok.RefreshToken)

	portal := sso.NewFromConfig(cfg)
	out, err := portal.GetRoleCredentials(ctx, &sso.GetRoleCredentialsInput{AccessToken: tok.AccessToken, AccountId: aws.String("444444444444"), RoleName: aws.String("ReadOnly")})
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(time.Hour), time.UnixMilli(out.RoleCredentials.Expiration), 5*time.Second)
	_, err = portal.GetRoleCredentials(ctx, &sso.GetRoleCredentialsInput{AccessToken: aws.String("nope"), AccountId: aws.String("444444444444"), RoleName: aws.String("ReadOnly")})
	var apiErr interface{ ErrorCode() string }
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, "UnauthorizedException", apiErr.ErrorCode())

	refreshed, err := oidc.CreateToken(ctx, &ssooidc.CreateTokenInput{ClientId: reg.ClientId, ClientSecret: reg.ClientSecret,
		GrantType: aws.String("refresh_token"), RefreshToken: tok.RefreshToken})
	require.NoError(t, err)
	assert.NotEqual(t, *tok.AccessToken, *refreshed.AccessToken)
}
