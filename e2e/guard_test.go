package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// guardKubeconfig writes a kubeconfig whose clusters listen nowhere
// (127.0.0.1:1): a kubectl that really ran says it could not connect,
// which tells it apart from a command the guard stopped.
func guardKubeconfig(t *testing.T, contexts ...string) string {
	t.Helper()
	var clusters, users, ctxs strings.Builder
	for _, c := range contexts {
		fmt.Fprintf(&clusters, "- name: %s\n  cluster:\n    server: https://127.0.0.1:1\n", c)
		fmt.Fprintf(&users, "- name: %s\n  user:\n    token: token-of-%s\n", c, c)
		fmt.Fprintf(&ctxs, "- name: %s\n  context:\n    cluster: %s\n    user: %s\n", c, c, c)
	}
	path := filepath.Join(t.TempDir(), "kubeconfig.yaml")
	body := "apiVersion: v1\nkind: Config\ncurrent-context: " + contexts[0] + "\nclusters:\n" + clusters.String() +
		"users:\n" + users.String() + "contexts:\n" + ctxs.String()
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	return path
}

// ranKubectl: what a kubectl that ran against the closed port (or, in a
// shell in no client, kubectl's default server) prints.
const ranKubectl = "The connection to the server"

// ranTerraform: what terraform prints in a directory without a module.
const ranTerraform = "No configuration files"

// runDetached runs script with a real shell in a session of its own, so it
// has no controlling terminal at all — as under cron or CI.
func (h *home) runDetached(sh, script string, extra ...string) string {
	h.t.Helper()
	path := needTool(h.t, sh)
	file := filepath.Join(h.t.TempDir(), "script."+sh)
	require.NoError(h.t, os.WriteFile(file, []byte(script), 0o600))
	args := map[string][]string{"bash": {"--norc", "--noprofile", file}, "zsh": {"-f", file}, "fish": {"--no-config", file}}[sh]
	cmd := exec.Command(path, args...)
	cmd.Env = append(append([]string{}, h.env...), extra...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Stdin = bytes.NewReader(nil)
	out, err := cmd.CombinedOutput()
	require.NoError(h.t, err, "%s script failed:\n%s", sh, out)
	return string(out)
}

// The guard in real bash, zsh and fish, with the real kubectl and
// terraform, without a terminal: mutating verbs are refused with exit 1 and
// one line saying how to confirm — also through an alias and a function —
// STINT_CONFIRM lets them run, reads run untouched, a production context
// is guarded from a client that is not production, leaving the client
// takes the guard off PATH exactly, and the access log holds tool and
// verb, never an argument.
func TestGuardWithoutATerminal(t *testing.T) {
	needTool(t, "kubectl")
	needTool(t, "terraform")
	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			h := newHome(t)
			kc := guardKubeconfig(t, "acme-prod", "acme-dev")
			bank, acme := uniqueSlug("bank"), uniqueSlug("acme")
			h.client(bank, "--prod")
			h.client(acme)
			h.ok("kube", "add", acme, "--kubeconfig", kc)
			h.ok("kube", "prod", acme, "acme-prod", "on")
			h.ok("kube", "add", bank, "--kubeconfig", kc, "--context", "acme-dev")
			tf := t.TempDir()

			aliases := "shopt -s expand_aliases 2>/dev/null\nalias k=kubectl\nkf() { kubectl \"$@\"; }\n"
			status := `; echo "rc=$?"`
			confirm := func(name, cmd string) string { return "STINT_CONFIRM=" + name + " " + cmd }
			if sh == "fish" {
				aliases = "alias k=kubectl\nfunction kf; kubectl $argv; end\n"
				status = `; echo "rc=$status"`
			}
			mark := func(s string) string { return "echo '## " + s + "'\n" }
			script := hookLine(sh) + "echo \"PATH0=$PATH\"\n" + aliases +
				"stint switch " + bank + "\n" +
				mark("delete") + "kubectl delete pod victim-pod --token=SEKRET" + status + "\n" +
				mark("alias") + "k delete pod victim-pod" + status + "\n" +
				mark("function") + "kf rollout restart deploy/victim" + status + "\n" +
				mark("confirmed") + confirm(bank, "kubectl delete pod victim-pod --request-timeout=2s") + status + "\n" +
				mark("wrong name") + confirm(acme, "kubectl delete pod victim-pod") + status + "\n" +
				mark("read") + "kubectl get pods --request-timeout=2s" + status + "\n" +
				mark("dry run") + "kubectl delete pod victim-pod --dry-run=client" + status + "\n" +
				mark("tf apply") + "cd " + tf + "; terraform apply -var password=hunter2" + status + "\n" +
				mark("tf confirmed") + confirm(bank, "terraform apply") + status + "\n" +
				mark("tf plan") + "terraform plan" + status + "\n" +
				mark("prod context") + "stint switch " + acme + "\nkubectl delete pod victim-pod" + status + "\n" +
				mark("dev context") + "kubectl --context acme-dev delete pod victim-pod --request-timeout=2s" + status + "\n" +
				mark("tf prod context") + "terraform apply" + status + "\n" +
				"kubectl config use-context acme-dev >/dev/null\n" +
				mark("tf dev context") + "terraform apply" + status + "\n" +
				mark("kubectl dev context") + "kubectl delete pod victim-pod --request-timeout=2s" + status + "\n" +
				"stint off\necho \"PATH1=$PATH\"\n" +
				mark("off") + "kubectl delete pod victim-pod --request-timeout=2s" + status + "\n"
			out := h.runDetached(sh, script)
			parts := map[string]string{}
			for _, chunk := range strings.Split(out, "## ")[1:] {
				name, body, _ := strings.Cut(chunk, "\n")
				parts[name] = body
			}
			refused := func(part, tool, verb, client string) {
				t.Helper()
				body := parts[part]
				assert.Contains(t, body, fmt.Sprintf("stint: %s %s refused: ", tool, verb), part)
				assert.Contains(t, body, "to confirm, run it with STINT_CONFIRM="+client+"\nrc=1\n", part)
				assert.NotContains(t, body, ranKubectl, part)
				assert.NotContains(t, body, ranTerraform, part)
			}
			ran := func(part, marker string) {
				t.Helper()
				assert.Contains(t, parts[part], marker, part)
				assert.NotContains(t, parts[part], "stint:", part)
			}
			refused("delete", "kubectl", "delete", bank)
			refused("alias", "kubectl", "delete", bank)
			refused("function", "kubectl", "rollout restart", bank)
			ran("confirmed", ranKubectl)
			refused("wrong name", "kubectl", "delete", bank)
			ran("read", ranKubectl)
			ran("dry run", ranKubectl)
			refused("tf apply", "terraform", "apply", bank)
			ran("tf confirmed", ranTerraform)
			ran("tf plan", ranTerraform)
			refused("prod context", "kubectl", "delete", acme)
			assert.Contains(t, parts["prod context"], "production context acme-prod ("+acme+")")
			ran("dev context", ranKubectl)
			refused("tf prod context", "terraform", "apply", acme)
			ran("tf dev context", ranTerraform)
			ran("kubectl dev context", ranKubectl)
			ran("off", ranKubectl)

			var path0, path1 string
			for _, l := range strings.Split(out, "\n") {
				if v, ok := strings.CutPrefix(l, "PATH0="); ok {
					path0 = v
				}
				if v, ok := strings.CutPrefix(l, "PATH1="); ok {
					path1 = v
				}
			}
			require.NotEmpty(t, path0)
			assert.Equal(t, path0, path1, "leaving gives PATH back exactly")

			access := h.ok("access", bank)
			for _, want := range []string{"kubectl delete refused: no terminal", "kubectl rollout restart refused: no terminal",
				"kubectl delete confirmed by STINT_CONFIRM", "terraform apply refused: no terminal", "terraform apply confirmed by STINT_CONFIRM"} {
				assert.Contains(t, access, want)
			}
			assert.Equal(t, 3, strings.Count(access, "kubectl delete refused: no terminal"), "the alias and the wrong name too:\n%s", access)
			assert.Contains(t, h.ok("access", acme), "kubectl delete refused: no terminal")
			for _, c := range []string{bank, acme} {
				log := h.ok("access", c)
				for _, arg := range []string{"victim", "SEKRET", "hunter2", "deploy/", "acme-dev"} {
					assert.NotContains(t, log, arg, "the access log never holds an argument")
				}
			}
		})
	}
}

// In a real terminal (tmux) the guard asks for the client's name: typing it
// runs the command, anything else stops it — in bash, zsh and fish.
func TestGuardAsksOnATerminal(t *testing.T) {
	needTool(t, "kubectl")
	needTool(t, "terraform")
	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			path := needTool(t, sh)
			h := newHome(t)
			bank := uniqueSlug("bank")
			h.client(bank, "--prod")
			h.ok("kube", "add", bank, "--kubeconfig", guardKubeconfig(t, "bank-prod"))
			tf := t.TempDir()
			args := map[string]string{"bash": " --norc --noprofile", "zsh": " -f", "fish": " --no-config"}[sh]
			s := startTmux(t, h.env, path+args)
			s.send(strings.TrimSuffix(hookLine(sh), "\n"), "Enter")
			s.send("cd "+tf, "Enter")
			s.send("stint switch "+bank, "Enter")
			s.waitFor("PRODUCTION")

			s.send("kubectl delete pod victim-pod --request-timeout=2s", "Enter")
			s.waitFor("Type " + bank + " to run it")
			s.send(bank, "Enter")
			s.waitFor(ranKubectl)

			s.send("terraform apply", "Enter")
			s.waitFor("⚠ PRODUCTION ⚠ terraform apply — production client " + bank)
			s.send("yes", "Enter")
			s.waitFor("stint: terraform apply was not run: " + bank + " was not typed")
			assert.NotContains(t, s.screen(), ranTerraform)

			s.send("terraform destroy", "Enter")
			s.waitFor("⚠ PRODUCTION ⚠ terraform destroy")
			s.send(bank, "Enter")
			s.waitFor("Destroy complete!")

			access := h.ok("access", bank)
			for _, want := range []string{"kubectl delete confirmed", "terraform apply refused", "terraform destroy confirmed"} {
				assert.Contains(t, access, want)
			}
			assert.NotContains(t, access, "victim")
		})
	}
}

// `stint exec` of a production client runs its command behind the guard:
// refused without a terminal, run with STINT_CONFIRM; a read runs.
func TestGuardUnderExec(t *testing.T) {
	needTool(t, "kubectl")
	h := newHome(t)
	kc := guardKubeconfig(t, "bank-prod")
	bank := uniqueSlug("bank")
	h.client(bank, "--prod")
	h.ok("kube", "add", bank, "--kubeconfig", kc)
	out := h.runDetached("bash", "S="+stintBin+"\n"+
		"$S exec "+bank+" -- kubectl delete pod victim-pod; echo \"rc=$?\"\n"+
		"echo '## confirmed'\nSTINT_CONFIRM="+bank+" $S exec "+bank+" -- kubectl delete pod victim-pod --request-timeout=2s; echo \"rc=$?\"\n"+
		"echo '## read'\n$S exec "+bank+" -- kubectl get pods --request-timeout=2s; echo \"rc=$?\"\n")
	refused, rest, _ := strings.Cut(out, "## confirmed")
	confirmed, read, _ := strings.Cut(rest, "## read")
	assert.Contains(t, refused, "stint: kubectl delete refused: production client "+bank+", and no terminal to confirm on — to confirm, run it with STINT_CONFIRM="+bank+"\nrc=1\n")
	assert.NotContains(t, refused, ranKubectl)
	assert.Contains(t, confirmed, ranKubectl)
	assert.NotContains(t, confirmed, "refused:")
	assert.Contains(t, read, ranKubectl)
	assert.Contains(t, h.ok("access", bank), "kubectl delete confirmed by STINT_CONFIRM")
}
