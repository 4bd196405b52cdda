package awsstandin

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/testenv"
)

// awsCLI runs the real aws CLI (botocore: another SigV4 signer, another
// protocol implementation) against the stand-in, in an environment of its
// own.
func awsCLI(t *testing.T, s *Server, env []string, args ...string) []byte {
	t.Helper()
	bin := testenv.Program(t, "aws")
	home := t.TempDir()
	// aws CLI v1 fetches http(s) URLs given as parameters unless told not to.
	config := filepath.Join(home, "config")
	require.NoError(t, os.WriteFile(config, []byte("[default]\ncli_follow_urlparam = false\n"), 0o600))
	cmd := exec.Command(bin, append(args, "--output", "json")...)
	cmd.Env = append([]string{
		"HOME=" + home, "PATH=" + os.Getenv("PATH"),
		"AWS_CONFIG_FILE=" + config, "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "none"),
		"AWS_ENDPOINT_URL=" + s.URL, "AWS_DEFAULT_REGION=eu-west-1", "AWS_EC2_METADATA_DISABLED=true",
	}, env...)
	out, err := cmd.Output()
	stderr := ""
	if exit, ok := err.(*exec.ExitError); ok {
		stderr = string(exit.Stderr)
	}
	require.NoError(t, err, "aws %v: %s", args, stderr)
	return out
}

func TestTheAWSCLITalksToTheStandIn(t *testing.T) {
	s := standin(t)
	keys := []string{"AWS_ACCESS_KEY_ID=AKIAORACLE0000000001", "AWS_SECRET_ACCESS_KEY=oracle/secret"}

	var session struct {
		Credentials struct{ AccessKeyId, SecretAccessKey, SessionToken string }
	}
	require.NoError(t, json.Unmarshal(awsCLI(t, s, keys, "sts", "get-session-token", "--serial-number", "arn:aws:iam::111111111111:mfa/ada", "--token-code", "123456"), &session))
	assert.Equal(t, "AKIAORACLE0000000001", s.CallsOf("GetSessionToken")[0].AccessKeyID)

	temp := []string{"AWS_ACCESS_KEY_ID=" + session.Credentials.AccessKeyId, "AWS_SECRET_ACCESS_KEY=" + session.Credentials.SecretAccessKey,
		"AWS_SESSION_TOKEN=" + session.Credentials.SessionToken}
	var id struct{ Arn string }
	require.NoError(t, json.Unmarshal(awsCLI(t, s, temp, "sts", "get-caller-identity"), &id))
	assert.Equal(t, "arn:aws:iam::111111111111:user/ada", id.Arn)
}
