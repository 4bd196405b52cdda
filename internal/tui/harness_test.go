package tui

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"
	"unicode"

	"charm.land/bubbles/v2/cursor"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"

	"github.com/stint-sh/stint/internal/workbench"
)

// The fixed clock of every test: Wednesday 25 November 2026, 10:15 UTC.
var testNow = time.Date(2026, 11, 25, 10, 15, 0, 0, time.UTC)

func at(day, hour, minute int) time.Time {
	return time.Date(2026, 11, day, hour, minute, 0, 0, time.UTC)
}

func ptr[T any](v T) *T { return &v }

// fixture fills a fake with four clients, a profile, entries this week
// (acme's timer running since 08:30), repos, a runbook and notes.
func fixture() *fakeBackend {
	f := newFake(func() time.Time { return testNow })
	f.clients = []workbench.ClientInfo{
		{Slug: "acme", Name: "Acme Corp", Color: "#ff8800", RateMinor: 15000, Rate: "150.00", Currency: "USD",
			RoundMinutes: 15, RoundMode: "up", RoundPer: "entry", Timezone: "Europe/Berlin", Production: true, AutoTrack: true},
		{Slug: "globex", Name: "Globex", Color: "#3366ff", RateMinor: 12000, Rate: "120.00", Currency: "EUR",
			RoundMode: "up", RoundPer: "entry", AutoTrack: true},
		{Slug: "initech", Name: "Initech", Rate: "0.00", Currency: "USD", RoundMode: "up", RoundPer: "entry", AutoTrack: false},
		{Slug: "umbrella", Name: "Umbrella", Rate: "0.00", Currency: "USD", RoundMode: "up", RoundPer: "entry", Archived: true},
	}
	f.profiles["acme"] = workbench.ProfileView{
		Vars:    map[string]string{"TF_WORKSPACE": "acme-prod", "LOG_LEVEL": "debug"},
		Secrets: []workbench.SecretInfo{{Name: "DATADOG_API_KEY", Size: 32}, {Name: "GITHUB_TOKEN", Size: 40}},
		AWS:     map[string]string{"profile": "acme", "region": "eu-west-1"},
		Git:     map[string]string{"name": "Ada Lovelace", "email": "ada@acme.io"},
		Kube: workbench.KubeView{Sources: []string{"/home/ada/.kube/acme.yaml"},
			Contexts: []string{"acme-prod", "acme-staging"}, Context: "acme-prod", Namespace: "web"},
		Isolated: []string{"gcloud", "gh"},
		Repos:    []workbench.RepoInfo{{Path: "/home/ada/src/acme/api"}},
	}
	f.profiles["globex"] = workbench.ProfileView{
		Vars: map[string]string{}, GCP: map[string]string{"project": "globex-prod-1", "region": "europe-west1"},
	}
	f.repos["acme"] = []workbench.RepoStatus{
		{Path: "/home/ada/src/acme/api", Exists: true, Branch: "main"},
		{Path: "/home/ada/src/acme/web", Exists: true, Branch: "feat/login", Dirty: true, Ahead: 2, Behind: 1},
		{Path: "/home/ada/src/acme/infra", URL: "git@github.com:acme/infra.git", Exists: false},
	}
	f.runbooks["acme"] = "# Acme\n\nDeploys go through **ArgoCD**; the [deploy guide](https://wiki.acme.example/deploy) has the details.\n\n" +
		"- prod: `acme-prod`\n- on-call: #acme-ops\n- [ ] rotate the VPN cert\n\n" +
		"```sh\nkubectl --context acme-prod -n api rollout restart deployment/api\n```\n"
	f.notes["acme"] = []workbench.Note{
		{ID: 1, Client: "acme", At: at(23, 16, 40), Text: "rotated the staging DB password"},
		{ID: 2, Client: "acme", At: at(24, 9, 5), Text: "handed the VPN cert to Bob"},
	}
	end := func(t time.Time) *time.Time { return &t }
	f.entries = []workbench.Entry{
		{ID: 1, Client: "acme", Start: at(23, 9, 0), End: end(at(23, 12, 0)), Seconds: 3 * 3600, Note: "cluster upgrade", Billable: true},
		{ID: 2, Client: "globex", Start: at(23, 13, 0), End: end(at(23, 14, 30)), Seconds: 5400, Billable: true},
		{ID: 3, Client: "acme", Start: at(24, 10, 0), End: end(at(24, 11, 40)), Seconds: 6000, Note: "incident review", Billable: true},
		{ID: 4, Client: "globex", Start: at(25, 7, 0), End: end(at(25, 8, 15)), Seconds: 4500, Note: "standup", Billable: false},
		{ID: 5, Client: "acme", Start: at(25, 8, 30), Billable: true},
	}
	f.nextID = 100
	return f
}

func testEnviron() []string {
	return []string{"HOME=/home/ada", "SHELL=/bin/bash", "EDITOR=true"}
}

// harness drives a Model directly: it sends messages to Update and runs
// the commands it returns, feeding their messages back.
type harness struct {
	t      *testing.T
	m      *Model
	b      *fakeBackend // nil when the harness runs on another backend
	quit   bool
	cancel context.CancelFunc
}

func newHarness(t *testing.T, b *fakeBackend, opts Options, w, h int) *harness {
	t.Helper()
	hs := newHarnessOn(t, b, opts, w, h)
	hs.b = b
	return hs
}

// newHarnessOn drives a Model over any backend, the real workbench too.
func newHarnessOn(t *testing.T, b Backend, opts Options, w, h int) *harness {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	if opts.Environ == nil {
		opts.Environ = testEnviron()
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	m := New(ctx, b, opts)
	m.sh.fx.every = nil // the tests step the clock themselves
	hs := &harness{t: t, m: m, cancel: cancel}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(m.Init())
	return hs
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

// press sends key presses by name: "enter", "esc", "tab", "shift+tab",
// "up", "down", "ctrl+c", "ctrl+d", "space", or text typed one rune each.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

// paste types text in one message, as a terminal paste does.
func (h *harness) paste(s string) {
	h.t.Helper()
	h.send(tea.PasteMsg{Content: s})
}

var namedKeys = map[string]tea.KeyPressMsg{
	"enter":     {Code: tea.KeyEnter},
	"esc":       {Code: tea.KeyEscape},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"left":      {Code: tea.KeyLeft},
	"right":     {Code: tea.KeyRight},
	"pgdown":    {Code: tea.KeyPgDown},
	"pgup":      {Code: tea.KeyPgUp},
	"backspace": {Code: tea.KeyBackspace},
	"space":     {Code: tea.KeySpace, Text: " "},
	"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
	"ctrl+d":    {Code: 'd', Mod: tea.ModCtrl},
	"ctrl+u":    {Code: 'u', Mod: tea.ModCtrl},
	"ctrl+n":    {Code: 'n', Mod: tea.ModCtrl},
	"ctrl+p":    {Code: 'p', Mod: tea.ModCtrl},
	"ctrl+o":    {Code: 'o', Mod: tea.ModCtrl},
}

func keyMsg(k string) tea.KeyPressMsg {
	if m, ok := namedKeys[k]; ok {
		return m
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("unknown key " + k)
	}
	if unicode.IsUpper(r[0]) {
		return tea.KeyPressMsg{Code: unicode.ToLower(r[0]), ShiftedCode: r[0], Mod: tea.ModShift, Text: k}
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// A round of commands runs concurrently and is waited for whole, except a
// text input's cursor blink: a timer that answers only after half a second,
// and again after each answer, which a test has no use for. Blinks are told
// apart by their code (every one is the closure cursor.Model.Blink makes)
// and not run. Nothing is dropped for taking long: a loaded machine may
// take long to start a goroutine.
var blinkCode = func() uintptr {
	c := cursor.New()
	return reflect.ValueOf(c.Focus()).Pointer()
}()

func isBlink(c tea.Cmd) bool { return reflect.ValueOf(c).Pointer() == blinkCode }

// cmdWait is how long a round waits for its commands before the test
// fails: one that never answers is a bug, not a slow machine.
const cmdWait = 30 * time.Second

var cmdSliceType = reflect.TypeOf([]tea.Cmd(nil))

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for round := 0; len(queue) > 0; round++ {
		if round > 100 {
			h.t.Fatal("commands keep coming after 100 rounds")
		}
		msgs := runRound(queue)
		queue = nil
		for _, msg := range msgs {
			if msg == nil {
				continue
			}
			if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdSliceType) {
				queue = append(queue, v.Convert(cmdSliceType).Interface().([]tea.Cmd)...)
				continue
			}
			if _, ok := msg.(tea.QuitMsg); ok {
				h.quit = true
				continue
			}
			_, next := h.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

func runRound(cmds []tea.Cmd) []tea.Msg {
	type result struct {
		i   int
		msg tea.Msg
	}
	out := make([]tea.Msg, len(cmds))
	done := make(chan result, len(cmds))
	pending := 0
	for i, c := range cmds {
		if c == nil || isBlink(c) {
			continue
		}
		pending++
		go func() { done <- result{i, c()} }()
	}
	deadline := time.After(cmdWait)
	for ; pending > 0; pending-- {
		select {
		case r := <-done:
			out[r.i] = r.msg
		case <-deadline:
			panic(fmt.Sprintf("%d commands still unanswered after %v", pending, cmdWait))
		}
	}
	return out
}

// screen is the view as plain text.
func (h *harness) screen() string {
	return ansi.Strip(h.m.View().Content)
}

// The harness skips cursor blinks and runs everything else; it must tell
// them apart.
func TestHarnessTellsBlinksFromOtherCommands(t *testing.T) {
	in := textinput.New()
	assert.True(t, isBlink(in.Focus()), "a text input's blink")
	fx := testShared(fixture()).fx
	assert.False(t, isBlink(fx.loadClients("")))
	assert.False(t, isBlink(textinput.Blink), "the first blink message comes at once")
	assert.False(t, isBlink(func() tea.Msg { return nil }))
}
