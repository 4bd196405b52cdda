package workbench

import (
	"context"
	"errors"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A switch whose script cannot be delivered changes nothing: no access-log
// row, no timer move, no session kubeconfig or tool home left behind, and
// no kubeconfig of the client left removed — whatever the command.
func TestASwitchThatCannotBeDeliveredChangesNothing(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme", "name=Acme Corp")
	w.addClient("globex")
	_, err := w.KubeAdd(ctx, "acme", writeKubeconfig(t, t.TempDir(), "acme-prod"), nil, nil)
	require.NoError(t, err)
	require.NoError(t, w.Isolate(ctx, "globex", []string{"gh"}, false))
	require.NoError(t, w.SetSecret(ctx, "acme", "GH_TOKEN", "s3cret"))
	session := strconv.Itoa(os.Getpid()) + "-a"
	fresh := []string{"STINT_SESSION=" + session, "HOME=/h"}
	// A shell in acme, its timer running, for the commands that start there.
	res, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: fresh, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	inAcme := environOf(t, fresh, res)
	w.clk.t = w.clk.t.Add(10 * time.Minute)

	refused := errors.New("the hook's file is gone")
	refuse := func(script, summary string) error {
		assert.NotEmpty(t, script, "only a script is handed over")
		return refused
	}
	for _, tc := range []struct {
		name string
		run  func() (SwitchResult, error)
	}{
		{"switch to another client", func() (SwitchResult, error) {
			return w.Switch(ctx, SwitchRequest{Client: "globex", Shell: "bash", Environ: inAcme, Action: ActionSwitch}, refuse)
		}},
		{"switch from no client", func() (SwitchResult, error) {
			return w.Switch(ctx, SwitchRequest{Client: "globex", Shell: "zsh", Environ: []string{"STINT_SESSION=" + session + "b"}, Action: ActionSwitch}, refuse)
		}},
		{"env", func() (SwitchResult, error) {
			return w.Switch(ctx, SwitchRequest{Client: "globex", Shell: "fish", Environ: inAcme, Action: ActionEnv}, refuse)
		}},
		{"env preview", func() (SwitchResult, error) {
			return w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: fresh, Action: ActionEnv, Preview: true}, refuse)
		}},
		{"off", func() (SwitchResult, error) {
			return w.Switch(ctx, SwitchRequest{Shell: "bash", Environ: inAcme, Action: ActionOff}, refuse)
		}},
		{"off --force", func() (SwitchResult, error) {
			return w.Forget(SwitchRequest{Shell: "bash", Environ: inAcme}, refuse)
		}},
		{"adopt", func() (SwitchResult, error) {
			child := append(slices.Clone(inAcme), "STINT_SESSION="+session+"-child")
			return w.Adopt(ctx, SwitchRequest{Shell: "bash", Environ: child}, refuse)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, files := w.dump(), w.runtimeFiles()
			res, err := tc.run()
			require.ErrorIs(t, err, refused)
			assert.Empty(t, res.Script)
			assert.Equal(t, rows, w.dump(), "no access-log row, no timer move")
			assert.Equal(t, files, w.runtimeFiles(), "no session kubeconfig added or removed")
			assert.NoDirExists(t, w.Layout().ToolHome("globex", "gh"))
		})
	}
}

// The summary handed over with the script says what the timer did in the
// switch's own transaction: a flicked-past entry discarded, the entry left
// within switch_grace resumed.
func TestTheSummaryIsWhatTheSwitchDid(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme", "name=Acme Corp")
	w.addClient("globex")
	_, err := w.KubeAdd(ctx, "acme", writeKubeconfig(t, t.TempDir(), "acme-prod"), nil, nil)
	require.NoError(t, err)
	env := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-s"}
	var summaries []string
	keep := func(script, summary string) error {
		summaries = append(summaries, summary)
		return nil
	}
	move := func(after time.Duration, client string) SwitchResult {
		w.clk.t = w.clk.t.Add(after)
		res, err := w.Switch(ctx, SwitchRequest{Client: client, Shell: "bash", Environ: env, Action: ActionSwitch}, keep)
		require.NoError(t, err)
		env = environOf(t, env, res)
		return res
	}
	move(0, "acme")
	move(2*time.Minute, "globex")
	res := move(20*time.Second, "acme")
	assert.Equal(t, []string{
		"→ acme (Acme Corp) · kube acme-prod · timer started",
		"→ globex · kube none · acme stopped after 2m · timer started",
		"→ acme (Acme Corp) · kube acme-prod · globex stopped after 20s and discarded (shorter than switch_grace) · timer resumed",
	}, summaries)
	assert.True(t, res.TimerResumed)
	assert.True(t, res.TimerStopped.Discarded())
	assert.Equal(t, res.Summary(w.Now()), summaries[2], "the result says what was handed over")

	w.clk.t = w.clk.t.Add(42 * time.Minute)
	res, err = w.Switch(ctx, SwitchRequest{Shell: "bash", Environ: env, Action: ActionOff}, keep)
	require.NoError(t, err)
	assert.Equal(t, "← left acme · timer stopped after 44m", summaries[3], "acme's resumed entry ran from its first start")
	assert.Equal(t, "acme", res.From)
}
