package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/stint-sh/stint/internal/awscreds"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/money"
	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/workbench"
)

// fakeBackend is an in-memory workbench with the same rules where the TUI
// can observe them: one running entry, auto-track on switch, validation
// through the profiles package.
type fakeBackend struct {
	mu       sync.Mutex
	now      func() time.Time
	clients  []workbench.ClientInfo // sorted by slug, archived included
	profiles map[string]workbench.ProfileView
	entries  []workbench.Entry
	budgets  map[string]*workbench.BudgetUse
	idle     *workbench.IdleGap
	// identityWarning is what the background whoami left for this shell.
	identityWarning string
	secrets         map[string]map[string]string
	repos           map[string][]workbench.RepoStatus
	runbooks        map[string]string
	notes           map[string][]workbench.Note
	nextID          int64
	// undos are the entries as they were before each Start and Stop, for Undo.
	undos []undoStep
	// weekStart is the week_start setting; Monday unless a test sets it.
	weekStart time.Weekday

	calls      []string // one line per mutating call, values of secrets never
	switchReqs []workbench.SwitchRequest
	weekAsked  []time.Time      // the day of each Week call, in order
	failWith   map[string]error // method name → error to return
	repoDelay  time.Duration    // how long RepoStatus takes, like git on a big repo
	// missingSecrets are the secret names a switch finds no keyring value
	// for, by client, as after a handoff import.
	missingSecrets map[string][]string
	// awsNeeds is what a switch to a client must ask first, by client.
	awsNeeds map[string]awscreds.Needs
	// awsStatus is the cache of clients with temporary AWS credentials.
	awsStatus map[string]workbench.AWSStatus
	// readiness is what Readiness finds of a client: none wrong unless set.
	readiness map[string]workbench.Readiness
	// readinessAsked is each Readiness call, "slug secrets=bool", in order.
	readinessAsked []string
}

func newFake(now func() time.Time) *fakeBackend {
	return &fakeBackend{
		now: now, profiles: map[string]workbench.ProfileView{}, secrets: map[string]map[string]string{},
		repos: map[string][]workbench.RepoStatus{}, runbooks: map[string]string{},
		notes: map[string][]workbench.Note{}, failWith: map[string]error{}, weekStart: time.Monday,
	}
}

func (f *fakeBackend) fail(method string) error { return f.failWith[method] }

func (f *fakeBackend) record(format string, args ...any) {
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
}

func (f *fakeBackend) find(slug string) (int, error) {
	for i, c := range f.clients {
		if c.Slug == slug {
			return i, nil
		}
	}
	return -1, badinput.Errorf("no client named %q: see `stint client list`, or add it with `stint client add %s`", slug, slug)
}

func toStore(c workbench.ClientInfo) store.Client {
	return store.Client{Slug: c.Slug, Name: c.Name, Color: c.Color, RateMinor: c.RateMinor, Currency: c.Currency,
		RoundMinutes: c.RoundMinutes, RoundMode: c.RoundMode, RoundPer: c.RoundPer, MinimumMinutes: c.MinimumMinutes,
		Timezone: c.Timezone, Production: c.Production, AutoTrack: c.AutoTrack, Archived: c.Archived,
		Workdir: c.Workdir, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

func toInfo(c store.Client) workbench.ClientInfo {
	return workbench.ClientInfo{Slug: c.Slug, Name: c.Name, Color: c.Color, RateMinor: c.RateMinor,
		Rate: money.FormatAmount(c.RateMinor, money.Currency(c.Currency)), Currency: c.Currency,
		RoundMinutes: c.RoundMinutes, RoundMode: c.RoundMode, RoundPer: c.RoundPer, MinimumMinutes: c.MinimumMinutes,
		Timezone: c.Timezone, Production: c.Production, AutoTrack: c.AutoTrack, Archived: c.Archived,
		Workdir: c.Workdir, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

func (f *fakeBackend) Clients(ctx context.Context, includeArchived bool) ([]workbench.ClientInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail("Clients"); err != nil {
		return nil, err
	}
	var out []workbench.ClientInfo
	for _, c := range f.clients {
		if includeArchived || !c.Archived {
			out = append(out, c)
		}
	}
	return out, nil
}

func (f *fakeBackend) Profile(ctx context.Context, slug string) (workbench.ProfileView, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.find(slug)
	if err != nil {
		return workbench.ProfileView{}, err
	}
	p := f.profiles[slug]
	p.Client = f.clients[i]
	return p, nil
}

func (f *fakeBackend) AddClient(ctx context.Context, slug string, spec profiles.ClientSpec) (workbench.ClientInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail("AddClient"); err != nil {
		return workbench.ClientInfo{}, err
	}
	if err := profiles.ValidateSlug(slug); err != nil {
		return workbench.ClientInfo{}, err
	}
	if _, err := f.find(slug); err == nil {
		return workbench.ClientInfo{}, badinput.Errorf("client %q already exists", slug)
	}
	c, err := profiles.ApplySpec(profiles.NewClient(slug, f.now()), spec)
	if err != nil {
		return workbench.ClientInfo{}, err
	}
	info := toInfo(c)
	f.clients = append(f.clients, info)
	sort.Slice(f.clients, func(i, j int) bool { return f.clients[i].Slug < f.clients[j].Slug })
	f.record("AddClient %s", slug)
	return info, nil
}

func (f *fakeBackend) EditClient(ctx context.Context, slug string, spec profiles.ClientSpec) (workbench.ClientInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.find(slug)
	if err != nil {
		return workbench.ClientInfo{}, err
	}
	c, err := profiles.ApplySpec(toStore(f.clients[i]), spec)
	if err != nil {
		return workbench.ClientInfo{}, err
	}
	f.clients[i] = toInfo(c)
	f.record("EditClient %s", slug)
	return f.clients[i], nil
}

func (f *fakeBackend) running() int {
	for i := range f.entries {
		if f.entries[i].End == nil {
			return i
		}
	}
	return -1
}

func (f *fakeBackend) IdentityWarning([]string) string { return f.identityWarning }

func (f *fakeBackend) Budget(ctx context.Context, slug string) (*workbench.BudgetUse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.budgets[slug], nil
}

func (f *fakeBackend) PendingIdle(ctx context.Context) (*workbench.IdleGap, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.idle, nil
}

func (f *fakeBackend) Status(ctx context.Context) (workbench.Status, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail("Status"); err != nil {
		return workbench.Status{}, err
	}
	now := f.now()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	st := workbench.Status{TodaySeconds: map[string]int64{}}
	for i := range f.entries {
		e := &f.entries[i]
		secs := e.Seconds
		if e.End == nil {
			running := *e
			running.Seconds = int64(now.Sub(e.Start) / time.Second)
			st.Running, secs = &running, running.Seconds
		}
		if !e.Start.Before(day) {
			st.TodaySeconds[e.Client] += secs
		}
	}
	return st, nil
}

func (f *fakeBackend) startLocked(slug string, at time.Time, note, source string) (workbench.Entry, *workbench.Entry) {
	stopped := f.stopLocked(at)
	f.nextID++
	e := workbench.Entry{ID: f.nextID, Client: slug, Start: at, Note: note, Billable: true, Source: source}
	f.entries = append(f.entries, e)
	return e, stopped
}

func (f *fakeBackend) stopLocked(at time.Time) *workbench.Entry {
	i := f.running()
	if i < 0 {
		return nil
	}
	end := at
	f.entries[i].End = &end
	f.entries[i].Seconds = int64(at.Sub(f.entries[i].Start) / time.Second)
	e := f.entries[i]
	return &e
}

func (f *fakeBackend) Start(ctx context.Context, slug string, at time.Time, note string) (workbench.Entry, *workbench.Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := f.find(slug); err != nil {
		return workbench.Entry{}, nil, err
	}
	f.undos = append(f.undos, undoStep{"start", slices.Clone(f.entries)})
	started, stopped := f.startLocked(slug, at, note, "manual")
	f.record("Start %s", slug)
	return started, stopped, nil
}

func (f *fakeBackend) Stop(ctx context.Context, at time.Time, note string) (workbench.Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	before := slices.Clone(f.entries)
	stopped := f.stopLocked(at)
	if stopped == nil {
		return workbench.Entry{}, badinput.Errorf("no timer is running: start one with `stint start NAME`")
	}
	f.undos = append(f.undos, undoStep{"stop", before})
	f.record("Stop %s", stopped.Client)
	return *stopped, nil
}

type undoStep struct {
	kind    string
	entries []workbench.Entry
}

// Undo puts the entries back as they were before the last Start or Stop.
func (f *fakeBackend) Undo(ctx context.Context) (workbench.Undone, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.undos) == 0 {
		return workbench.Undone{}, badinput.Errorf("nothing to undo: `stint undo` reverts a start, stop, switch, cancel, add, edit or rm of time entries")
	}
	last := f.undos[len(f.undos)-1]
	f.undos = f.undos[:len(f.undos)-1]
	f.entries = last.entries
	u := workbench.Undone{Kind: last.kind, At: f.now()}
	for i := range f.entries {
		if f.entries[i].Running() {
			u.Entries = append(u.Entries, workbench.UndoneEntry{ID: f.entries[i].ID, Now: &f.entries[i]})
		}
	}
	f.record("Undo %s", last.kind)
	return u, nil
}

func (f *fakeBackend) Entries(ctx context.Context, from, to time.Time, client string) ([]workbench.Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []workbench.Entry
	for _, e := range f.entries {
		if e.End == nil {
			e.Seconds = int64(f.now().Sub(e.Start) / time.Second)
		}
		end := e.Start.Add(time.Duration(e.Seconds) * time.Second)
		if (client == "" || e.Client == client) && e.Start.Before(to) && end.After(from) {
			out = append(out, e)
		}
	}
	return out, nil
}

func (f *fakeBackend) Week(ctx context.Context, day time.Time) (workbench.WeekGrid, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.weekAsked = append(f.weekAsked, day)
	if err := f.fail("Week"); err != nil {
		return workbench.WeekGrid{}, err
	}
	start, _ := timesheet.WeekRange(day, day.Location(), f.weekStart)
	g := workbench.WeekGrid{Start: start, Totals: make([]int64, 7)}
	days := weekDays(start)
	g.Days = days[:7]
	rows := map[string]*workbench.WeekRow{}
	for _, e := range f.entries {
		d := dayIndex(days, e.Start) // whole entries by their start: the fixture's never cross midnight
		if d < 0 {
			continue
		}
		secs := e.Seconds
		if e.End == nil {
			secs = int64(f.now().Sub(e.Start) / time.Second)
		}
		r := rows[e.Client]
		if r == nil {
			r = &workbench.WeekRow{Client: e.Client, Seconds: make([]int64, 7)}
			rows[e.Client] = r
		}
		r.Seconds[d] += secs
		r.Total += secs
		g.Totals[d] += secs
		if e.Billable {
			r.BilledSeconds += f.termsOf(e.Client).BilledSeconds(secs)
		}
	}
	amounts := map[string]int64{}
	for _, c := range f.clients {
		r := rows[c.Slug]
		if r == nil {
			continue
		}
		r.Currency, r.RateMinor = c.Currency, c.RateMinor
		r.AmountMinor, _ = timesheet.Amount(r.BilledSeconds, c.RateMinor)
		if r.AmountMinor > 0 {
			amounts[c.Currency] += r.AmountMinor
		}
		g.Rows = append(g.Rows, *r)
	}
	for _, cur := range sortedKeys(amounts) {
		g.Amounts = append(g.Amounts, workbench.MoneyTotal{AmountMinor: amounts[cur], Currency: cur})
	}
	return g, nil
}

// termsOf is how the fake bills a client: per entry, as every client of
// the fixture is billed (the real workbench also knows per-day rounding).
// Called with f.mu held.
func (f *fakeBackend) termsOf(slug string) timesheet.Terms {
	i, err := f.find(slug)
	if err != nil {
		return timesheet.Terms{}
	}
	c := f.clients[i]
	mode, _ := timesheet.ParseRoundMode(c.RoundMode)
	return timesheet.Terms{RoundIncrement: time.Duration(c.RoundMinutes) * time.Minute, RoundMode: mode,
		MinimumPerEntry: time.Duration(c.MinimumMinutes) * time.Minute}
}

func sortedKeys(m map[string]int64) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func (f *fakeBackend) SetSecret(ctx context.Context, slug, key, value string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := f.find(slug); err != nil {
		return err
	}
	if f.secrets[slug] == nil {
		f.secrets[slug] = map[string]string{}
	}
	f.secrets[slug][key] = value
	p := f.profiles[slug]
	var kept []workbench.SecretInfo
	for _, s := range p.Secrets {
		if s.Name != key {
			kept = append(kept, s)
		}
	}
	p.Secrets = append(kept, workbench.SecretInfo{Name: key, Size: len(value)})
	sort.Slice(p.Secrets, func(i, j int) bool { return p.Secrets[i].Name < p.Secrets[j].Name })
	f.profiles[slug] = p
	f.record("SetSecret %s %s", slug, key)
	return nil
}

func (f *fakeBackend) Switch(ctx context.Context, req workbench.SwitchRequest, deliver workbench.Deliver) (workbench.SwitchResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail("Switch"); err != nil {
		return workbench.SwitchResult{}, err
	}
	i, err := f.find(req.Client)
	if err != nil {
		return workbench.SwitchResult{}, err
	}
	c := f.clients[i]
	res := workbench.SwitchResult{Client: req.Client, Script: "export STINT_CLIENT=" + req.Client + "\n", Set: []string{"STINT_CLIENT"},
		MissingSecrets: f.missingSecrets[req.Client], Name: c.Name, Production: c.Production}
	if k := f.profiles[req.Client].Kube; k.Context != "" {
		res.KubeContext = k.Context
		if k.Namespace != "" {
			res.KubeContext += "/" + k.Namespace
		}
	}
	// As the workbench does: the timer moves only with a delivered script.
	entries, nextID := slices.Clone(f.entries), f.nextID
	if c.AutoTrack {
		if r := f.running(); r < 0 || f.entries[r].Client != req.Client {
			started, stopped := f.startLocked(req.Client, f.now(), "", "switch")
			res.TimerStarted, res.TimerStopped = &started, stopped
		}
	}
	if err := deliver(res.Script, res.Summary(f.now())); err != nil {
		f.entries, f.nextID = entries, nextID
		return workbench.SwitchResult{}, err
	}
	f.switchReqs = append(f.switchReqs, req)
	f.record("Switch %s %s", req.Client, req.Shell)
	return res, nil
}

func (f *fakeBackend) AWSNeeds(ctx context.Context, slug string) (awscreds.Needs, string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.awsNeeds[slug], "arn:aws:iam::123456789012:mfa/ada", nil
}

func (f *fakeBackend) AWSStatus(ctx context.Context, slug string) (workbench.AWSStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.awsStatus[slug], nil
}

func (f *fakeBackend) RepoStatus(ctx context.Context, slug string) ([]workbench.RepoStatus, error) {
	time.Sleep(f.repoDelay)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail("RepoStatus"); err != nil {
		return nil, err
	}
	return f.repos[slug], nil
}

func (f *fakeBackend) Runbook(ctx context.Context, slug string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.runbooks[slug], nil
}

func (f *fakeBackend) SetRunbook(ctx context.Context, slug, body string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.runbooks[slug] = body
	f.record("SetRunbook %s", slug)
	return nil
}

func (f *fakeBackend) Notes(ctx context.Context, slug string, limit int) ([]workbench.Note, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ns := f.notes[slug]
	if len(ns) > limit {
		ns = ns[len(ns)-limit:]
	}
	return ns, nil
}

func (f *fakeBackend) AddNote(ctx context.Context, slug, text string) (workbench.Note, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if text == "" {
		return workbench.Note{}, errors.New("note is empty")
	}
	f.nextID++
	n := workbench.Note{ID: f.nextID, Client: slug, At: f.now(), Text: text}
	f.notes[slug] = append(f.notes[slug], n)
	f.record("AddNote %s %s", slug, text)
	return n, nil
}

// PreviewPlan runs profiles.BuildPlan, as the workbench does, over the
// profile rebuilt from its view, with the paths of a layout under
// /home/ada.
func (f *fakeBackend) PreviewPlan(ctx context.Context, slug string) (workbench.PlanPreview, error) {
	p, err := f.Profile(ctx, slug)
	if err != nil {
		return workbench.PlanPreview{}, err
	}
	if err := f.fail("PreviewPlan"); err != nil {
		return workbench.PlanPreview{}, err
	}
	sp := &store.Profile{
		Client:       store.Client{Slug: slug},
		Settings:     map[string]string{profiles.KubeContext: p.Kube.Context, profiles.KubeNamespace: p.Kube.Namespace},
		KubeSources:  p.Kube.Sources,
		KubeContexts: p.Kube.Contexts,
		Isolated:     p.Isolated,
	}
	for prefix, sec := range map[string]map[string]string{"aws": p.AWS, "gcp": p.GCP, "azure": p.Azure, "git": p.Git} {
		for k, v := range sec {
			sp.Settings[prefix+"."+k] = v
		}
	}
	for name, value := range p.Vars {
		sp.Vars = append(sp.Vars, store.Var{Name: name, Value: value})
	}
	secrets, sizes := map[string]string{}, map[string]int{}
	for _, s := range p.Secrets {
		secrets[s.Name], sizes[s.Name] = "placeholder", s.Size
	}
	homes := []workbench.ToolHome{}
	plan, err := profiles.BuildPlan(profiles.PlanInput{
		Profile: sp, Secrets: secrets,
		ToolHome: func(tool string) string {
			home := fakeLayout.ToolHome(slug, tool)
			homes = append(homes, workbench.ToolHome{Tool: tool, Path: home})
			return home
		},
		KubeconfigPath: filepath.Join(fakeLayout.ClientKubeDir(slug), "kube-"+workbench.PreviewSession+".yaml"),
	})
	if err != nil {
		return workbench.PlanPreview{}, err
	}
	out := workbench.PlanPreview{Client: slug, Vars: []workbench.PreviewVar{}, Cleared: len(plan.Clear),
		ToolHomes: homes, Kubeconfig: plan.Kube.Path, Files: plan.Files}
	if st, ok := f.awsStatus[slug]; ok {
		out.AWS = &workbench.AWSStatus{Client: slug, Mode: st.Mode}
	}
	for _, v := range plan.Vars {
		if v.Secret {
			out.Vars = append(out.Vars, workbench.PreviewVar{Name: v.Name, Secret: true, Size: sizes[v.Name]})
		} else {
			out.Vars = append(out.Vars, workbench.PreviewVar{Name: v.Name, Value: v.Value})
		}
	}
	return out, nil
}

var fakeLayout = paths.Layout{Config: "/home/ada/.config/stint", Data: "/home/ada/.local/share/stint", Runtime: "/run/user/1000/stint"}

// ResolveRange knows the one range the TUI asks for: this week of a
// client, in its zone (else the clock's), from weekStart.
func (f *fakeBackend) ResolveRange(ctx context.Context, r workbench.RangeRequest) (time.Time, time.Time, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Default != workbench.PeriodWeek || r.From != "" || r.To != "" || r.Week != nil || r.Month != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("the fake resolves only this week, not %+v", r)
	}
	now := f.now()
	loc := now.Location()
	if r.Client != "" {
		i, err := f.find(r.Client)
		if err != nil {
			return time.Time{}, time.Time{}, err
		}
		if tz := f.clients[i].Timezone; tz != "" {
			if loc, err = time.LoadLocation(tz); err != nil {
				return time.Time{}, time.Time{}, err
			}
		}
	}
	from, to := timesheet.WeekRange(now, loc, f.weekStart)
	return from, to, nil
}

// Zone is the client's zone, else the clock's, as the workbench's.
func (f *fakeBackend) Zone(ctx context.Context, client string) (*time.Location, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.find(client)
	if err != nil {
		return nil, err
	}
	if tz := f.clients[i].Timezone; tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			return loc, nil
		}
	}
	return f.now().Location(), nil
}

// BeginRunbookEdit writes the runbook to a private temp file, as the
// workbench does in its runtime directory.
func (f *fakeBackend) BeginRunbookEdit(ctx context.Context, slug string) (workbench.RunbookEdit, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := f.find(slug); err != nil {
		return workbench.RunbookEdit{}, err
	}
	file, err := os.CreateTemp("", "runbook-"+slug+"-*.md")
	if err != nil {
		return workbench.RunbookEdit{}, err
	}
	defer file.Close()
	body := f.runbooks[slug]
	if _, err := file.WriteString(body); err != nil {
		return workbench.RunbookEdit{}, err
	}
	f.record("BeginRunbookEdit %s", slug)
	return workbench.RunbookEdit{Client: slug, Path: file.Name(), Original: body}, nil
}

// FinishRunbookEdit saves the file when it changed, and removes it.
func (f *fakeBackend) FinishRunbookEdit(ctx context.Context, e workbench.RunbookEdit) (bool, error) {
	defer os.Remove(e.Path)
	data, err := os.ReadFile(e.Path)
	if err != nil {
		return false, fmt.Errorf("cannot read the edited runbook %s: %v", e.Path, err)
	}
	if string(data) == e.Original {
		return false, nil
	}
	return true, f.SetRunbook(ctx, e.Client, string(data))
}

var _ Backend = (*fakeBackend)(nil)

func (f *fakeBackend) entryIndex(id int64) (int, error) {
	for i := range f.entries {
		if f.entries[i].ID == id {
			return i, nil
		}
	}
	return -1, badinput.Errorf("no time entry #%d: `stint log` lists them with their IDs", id)
}

func (f *fakeBackend) AddEntry(ctx context.Context, n workbench.NewEntry) (workbench.Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail("AddEntry"); err != nil {
		return workbench.Entry{}, err
	}
	if _, err := f.find(n.Client); err != nil {
		return workbench.Entry{}, err
	}
	f.undos = append(f.undos, undoStep{"add", slices.Clone(f.entries)})
	f.nextID++
	end := n.To
	e := workbench.Entry{ID: f.nextID, Client: n.Client, Start: n.From, End: &end, Seconds: int64(n.To.Sub(n.From) / time.Second),
		Note: n.Note, Tags: n.Tags, Billable: !n.NonBillable, Project: n.Project, Source: "manual"}
	f.entries = append(f.entries, e)
	f.record("AddEntry %s", n.Client)
	return e, nil
}

func (f *fakeBackend) EditEntry(ctx context.Context, id int64, ch workbench.EntryChange) (workbench.Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.entryIndex(id)
	if err != nil {
		return workbench.Entry{}, err
	}
	f.undos = append(f.undos, undoStep{"edit", slices.Clone(f.entries)})
	e := &f.entries[i]
	if ch.From != nil {
		e.Start = *ch.From
	}
	if ch.To != nil {
		end := *ch.To
		e.End = &end
	}
	if e.End != nil {
		e.Seconds = int64(e.End.Sub(e.Start) / time.Second)
	}
	if ch.Note != nil {
		e.Note = *ch.Note
	}
	if ch.Tags != nil {
		e.Tags = *ch.Tags
	}
	if ch.Billable != nil {
		e.Billable = *ch.Billable
	}
	if ch.Project != nil {
		e.Project = *ch.Project
	}
	f.record("EditEntry %d", id)
	return *e, nil
}

func (f *fakeBackend) RemoveEntry(ctx context.Context, id int64) (workbench.Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.entryIndex(id)
	if err != nil {
		return workbench.Entry{}, err
	}
	f.undos = append(f.undos, undoStep{"rm", slices.Clone(f.entries)})
	e := f.entries[i]
	f.entries = slices.Delete(f.entries, i, i+1)
	f.record("RemoveEntry %d", id)
	return e, nil
}

// Readiness is what a test set in f.readiness; the keyring part only when
// asked for, as the workbench's.
func (f *fakeBackend) Readiness(ctx context.Context, slug string, secrets bool) (workbench.Readiness, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := f.find(slug); err != nil {
		return workbench.Readiness{}, err
	}
	f.readinessAsked = append(f.readinessAsked, fmt.Sprintf("%s secrets=%v", slug, secrets))
	r := f.readiness[slug]
	if !secrets {
		r.SecretsChecked, r.MissingSecrets, r.SecretsProblem = false, nil, ""
	}
	return r, nil
}

// KubeReadiness is the kubeconfig part of f.readiness for every client.
func (f *fakeBackend) KubeReadiness(ctx context.Context) (map[string][]workbench.SourceProblem, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.readinessAsked = append(f.readinessAsked, "kube of every client")
	out := map[string][]workbench.SourceProblem{}
	for slug, r := range f.readiness {
		if len(r.Kube) > 0 {
			out[slug] = r.Kube
		}
	}
	return out, nil
}
