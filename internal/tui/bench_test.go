package tui

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/workbench"
)

// bigFixture: 200 clients with profiles and 100k entries over the last
// ~14 months, one running.
func bigFixture() *fakeBackend {
	f := newFake(func() time.Time { return testNow })
	for i := range 200 {
		slug := fmt.Sprintf("client-%03d", i)
		f.clients = append(f.clients, workbench.ClientInfo{Slug: slug, Name: fmt.Sprintf("Client %03d Holdings", i),
			RateMinor: int64(10000 + i*100), Rate: "100.00", Currency: "USD", RoundMode: "up", RoundPer: "entry",
			AutoTrack: true, Production: i%7 == 0})
		f.profiles[slug] = workbench.ProfileView{
			Vars:    map[string]string{"TF_WORKSPACE": slug, "LOG_LEVEL": "info"},
			Secrets: []workbench.SecretInfo{{Name: "GITHUB_TOKEN", Size: 40}},
			AWS:     map[string]string{"profile": slug, "region": "eu-west-1"},
			Kube:    workbench.KubeView{Contexts: []string{slug + "-prod"}, Context: slug + "-prod"},
		}
	}
	start := testNow.Add(-100_000 * 6 * time.Minute)
	for i := range 100_000 {
		s := start.Add(time.Duration(i) * 6 * time.Minute)
		e := s.Add(5 * time.Minute)
		f.entries = append(f.entries, workbench.Entry{ID: int64(i + 1), Client: f.clients[i%200].Slug,
			Start: s, End: &e, Seconds: 300, Billable: true})
	}
	f.entries[len(f.entries)-1].End = nil
	return f
}

// runSync runs commands inline, flattening batches; the tick and the
// terminal queries are not part of a first frame.
func runSync(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdSliceType) {
			queue = append(queue, v.Convert(cmdSliceType).Interface().([]tea.Cmd)...)
			continue
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
}

// BenchmarkFirstFrame: build the model, load clients and status (computed
// by the fake over 100k entries) and the selected profile, render once.
func BenchmarkFirstFrame(b *testing.B) {
	f := bigFixture()
	opts := Options{CurrentClient: "client-150", Environ: testEnviron(), Now: func() time.Time { return testNow }}
	b.ReportAllocs()
	for b.Loop() {
		m := New(context.Background(), f, opts)
		m.sh.fx.every = nil
		runSync(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 40} })
		runSync(m, m.Init())
		if v := m.View(); len(v.Content) == 0 || m.list.selectedSlug != "client-150" {
			b.Fatal("no first frame")
		}
	}
}

// BenchmarkView is one re-render of a loaded 200-client screen.
func BenchmarkView(b *testing.B) {
	f := bigFixture()
	m := New(context.Background(), f, Options{Environ: testEnviron(), Now: func() time.Time { return testNow }})
	m.sh.fx.every = nil
	runSync(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 200, Height: 60} })
	runSync(m, m.Init())
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

func TestBigFixtureFirstFrameShowsTheSelection(t *testing.T) {
	f := bigFixture()
	m := New(context.Background(), f, Options{CurrentClient: "client-150", Environ: testEnviron(), Now: func() time.Time { return testNow }})
	m.sh.fx.every = nil
	runSync(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 40} })
	runSync(m, m.Init())
	assert := func(cond bool, msg string) {
		if !cond {
			t.Fatal(msg)
		}
	}
	assert(len(m.sh.clients) == 200, "200 clients")
	assert(m.list.selectedSlug == "client-150" && m.list.cursor == 150, "the shell's client is selected")
	rows := m.list.rows()
	assert(m.list.offset <= 150 && 150 < m.list.offset+rows, "and scrolled into view")
	assert(m.sh.status.Running != nil && m.sh.status.Running.Client == "client-199", "the running entry is found")
}

// BenchmarkPickerView is one re-render of the picker (Alt-s), inline at
// 120×40, over the fixture's clients and over 200: Bubble Tea renders the
// view after every message, and a few arrive before the first frame.
func BenchmarkPickerView(b *testing.B) {
	for _, tc := range []struct {
		name string
		f    *fakeBackend
	}{{"4-clients", fixture()}, {"200-clients", bigFixture()}} {
		b.Run(tc.name, func(b *testing.B) {
			m := New(context.Background(), tc.f, Options{Picker: true, Environ: testEnviron(), Now: func() time.Time { return testNow }})
			m.sh.fx.every = nil
			runSync(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 40} })
			runSync(m, m.Init())
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
