package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/awscreds/awsstandin"
)

const (
	e2eKeyID  = "AKIAE2EEXAMPLE000001"
	e2eSecret = "e2e/long-lived/secret/key/0000000000000000"
)

// awsWorld is a home whose client uses temporary AWS credentials from a
// local STS stand-in, reached through AWS_ENDPOINT_URL as the SDKs do.
func awsWorld(t *testing.T) (*home, *awsstandin.Server, string) {
	needKeyring(t)
	h := newHome(t)
	srv := awsstandin.Start(t)
	srv.Users = []awsstandin.User{{Account: "111111111111", Name: "ada", AccessKeyID: e2eKeyID, SecretAccessKey: e2eSecret}}
	slug := uniqueSlug("acme")
	h.client(slug)
	h.secret(slug, "AWS_ACCESS_KEY_ID", e2eKeyID)
	h.secret(slug, "AWS_SECRET_ACCESS_KEY", e2eSecret)
	h.ok("aws", slug, "--temporary", "--region", "eu-west-1")
	h.env = append(h.env, "AWS_ENDPOINT_URL="+srv.URL)
	return h, srv, slug
}

// TestAWSSwitchInBashShowsOnlyTemporaryCredentials: a hooked switch in
// real bash gets STS session credentials made with the client's own key;
// the key itself is nowhere in the shell; a second switch is served from
// the keyring cache; `off` takes every AWS variable away again; and no
// temporary credential was written to any file.
func TestAWSSwitchInBashShowsOnlyTemporaryCredentials(t *testing.T) {
	h, srv, slug := awsWorld(t)
	dir := t.TempDir()
	out, err := h.runShell("bash", hookLine("bash")+fmt.Sprintf(`set -eu
stint switch %[1]s 2> %[2]s/switch.err
env -0 > %[2]s/in.env
stint switch %[1]s 2>> %[2]s/switch.err
env -0 > %[2]s/again.env
stint off 2>> %[2]s/switch.err
env -0 > %[2]s/off.env
`, slug, dir))
	require.NoError(t, err, out)

	in := parseEnv0(t, filepath.Join(dir, "in.env"))
	assert.True(t, strings.HasPrefix(in["AWS_ACCESS_KEY_ID"], "ASIA"), "a temporary key: %q", in["AWS_ACCESS_KEY_ID"])
	assert.NotEmpty(t, in["AWS_SESSION_TOKEN"])
	exp, err := time.Parse(time.RFC3339, in["AWS_CREDENTIAL_EXPIRATION"])
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(12*time.Hour), exp, time.Minute)
	for name, value := range in {
		assert.NotContains(t, value, e2eSecret, "the long-lived secret is in %s", name)
		assert.NotContains(t, value, e2eKeyID, "the long-lived key ID is in %s", name)
	}
	calls := srv.CallsOf("GetSessionToken")
	require.Len(t, calls, 1, "the second switch is served from the keyring cache")
	assert.Equal(t, e2eKeyID, calls[0].AccessKeyID, "STS was called with the client's own key")

	again := parseEnv0(t, filepath.Join(dir, "again.env"))
	assert.Equal(t, in["AWS_ACCESS_KEY_ID"], again["AWS_ACCESS_KEY_ID"])
	for name := range parseEnv0(t, filepath.Join(dir, "off.env")) {
		assert.False(t, strings.HasPrefix(name, "AWS_") && name != "AWS_ENDPOINT_URL", "%s is left after off", name)
	}
	summary, err := os.ReadFile(filepath.Join(dir, "switch.err"))
	require.NoError(t, err)
	assert.Contains(t, string(summary), "aws session 12h00m left")

	assertNotOnDisk(t, srv, h.dir, h.tmp)
}

// TestAWSCLIUsesCredentialProcess: the real aws CLI, with a profile whose
// credential_process is `stint aws creds NAME`, signs its calls with the
// temporary credentials stint hands it.
func TestAWSCLIUsesCredentialProcess(t *testing.T) {
	h, srv, slug := awsWorld(t)
	aws := needTool(t, "aws")
	config := filepath.Join(h.userHo, "aws-config")
	require.NoError(t, os.WriteFile(config, []byte(fmt.Sprintf("[profile %s]\ncredential_process = %s aws creds %s\nregion = eu-west-1\n", slug, stintBin, slug)), 0o600))

	cmd := exec.Command(aws, "sts", "get-caller-identity", "--profile", slug, "--output", "json")
	cmd.Env = append(append([]string{}, h.env...), "AWS_CONFIG_FILE="+config,
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(h.userHo, "none"), "AWS_EC2_METADATA_DISABLED=true")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	var id struct{ Arn, Account string }
	require.NoError(t, json.Unmarshal(out, &id))
	assert.Equal(t, "arn:aws:iam::111111111111:user/ada", id.Arn)

	ident := srv.CallsOf("GetCallerIdentity")
	require.Len(t, ident, 1)
	assert.True(t, strings.HasPrefix(ident[0].AccessKeyID, "ASIA"), "the CLI signed with the temporary key: %s", ident[0].AccessKeyID)
	assert.Equal(t, e2eKeyID, srv.CallsOf("GetSessionToken")[0].AccessKeyID)

	// The same credentials a switch gets: one cache for both.
	var doc struct{ Set map[string]string }
	require.NoError(t, json.Unmarshal([]byte(h.ok("env", slug, "--shell", "json")), &doc))
	assert.Equal(t, ident[0].AccessKeyID, doc.Set["AWS_ACCESS_KEY_ID"])
	assert.Len(t, srv.CallsOf("GetSessionToken"), 1)

	assertNotOnDisk(t, srv, h.dir, h.tmp, h.userHo)
}

// assertNotOnDisk: no secret the stand-in handed out (temporary secret
// keys, session tokens) is in any file under the roots.
func assertNotOnDisk(t *testing.T, srv *awsstandin.Server, roots ...string) {
	t.Helper()
	issued := srv.Issued()
	require.NotEmpty(t, issued)
	files := 0
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			body, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			for _, secret := range issued {
				require.False(t, bytes.Contains(body, []byte(secret)), "a temporary credential is written in %s", path)
			}
			return nil
		})
		require.NoError(t, err)
	}
	require.NotZero(t, files, "the scan found the data files")
}

// TestAWSHookedSwitchAsksForTheMFACodeOnTheTerminal: in a real terminal, a
// hooked switch to a role that needs MFA asks for the code on the
// terminal, sends it to STS, and the shell gets the role's credentials.
// The code never appears in the shell's history or environment.
func TestAWSHookedSwitchAsksForTheMFACodeOnTheTerminal(t *testing.T) {
	h, srv, slug := awsWorld(t)
	const mfa = "arn:aws:iam::111111111111:mfa/ada"
	srv.Users[0].MFASerial = mfa
	srv.Roles = []awsstandin.Role{{ARN: "arn:aws:iam::222222222222:role/Deploy", RequireMFA: true}}
	srv.MFACode = func(string) string { return "246810" }
	h.ok("aws", slug, "--no-temporary")
	h.ok("aws", slug, "--role-arn", "arn:aws:iam::222222222222:role/Deploy", "--mfa-serial", mfa, "--session-name", "ada-e2e")

	bash := needTool(t, "bash")
	rc := filepath.Join(h.userHo, ".bashrc")
	writeFile(t, rc, "PS1='READY> '\n"+hookLine("bash"))
	s := startTmux(t, h.env, bash+" --noprofile --rcfile "+rc+" -i")
	s.waitFor("READY>")
	s.send("stint switch "+slug, "Enter")
	s.waitFor("MFA code for " + slug + " (" + mfa + "):")
	s.send("246810", "Enter")
	s.waitFor("aws role 1h00m left")
	s.send(`printf 'KEY=%s EXP=%s\n' "${AWS_ACCESS_KEY_ID:0:4}" "${AWS_CREDENTIAL_EXPIRATION:+set}"`, "Enter")
	s.waitFor("KEY=ASIA EXP=set")

	calls := srv.CallsOf("AssumeRole")
	require.Len(t, calls, 1)
	assert.Equal(t, e2eKeyID, calls[0].AccessKeyID)
	assert.Equal(t, "246810", calls[0].Params["TokenCode"])
	assert.Equal(t, "ada-e2e", calls[0].Params["RoleSessionName"])

	// The cached role needs no second code.
	s.send("stint switch "+slug, "Enter")
	s.waitUntil("switched again without a prompt", func(screen string) bool {
		return strings.Count(screen, "aws role") == 2
	})
	assert.Len(t, srv.CallsOf("AssumeRole"), 1)
	assertNotOnDisk(t, srv, h.dir, h.tmp)
}
