package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/secrets"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench"
)

// realWorkbench builds a SQLite database with 200 clients and 100k time
// entries over five years, ending with a running timer at now.
func realWorkbench(b *testing.B, now time.Time) *workbench.Workbench {
	b.Helper()
	ctx := context.Background()
	home := b.TempDir()
	layout := paths.Layout{Config: filepath.Join(home, "config"), Data: filepath.Join(home, "data"), Runtime: filepath.Join(home, "run")}
	if err := layout.Ensure(); err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(ctx, layout.DBPath())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	ids := make([]int64, 200)
	for i := range ids {
		c, err := db.InsertClient(ctx, store.Client{Slug: fmt.Sprintf("client-%03d", i), Name: fmt.Sprintf("Client %d Ltd", i),
			Currency: "EUR", RateMinor: 12000, RoundMode: "up", RoundPer: "entry", AutoTrack: true, CreatedAt: now, UpdatedAt: now})
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = c.ID
	}
	const n = 100_000
	start := now.AddDate(-5, 0, 0)
	step := now.Sub(start) / n
	err = db.EditEntries(ctx, now, func(tx *store.EntryTx) error {
		for i := 0; i < n; i++ {
			s := start.Add(time.Duration(i) * step)
			e := s.Add(step * 3 / 4)
			var end *time.Time
			if i < n-1 {
				end = &e
			}
			if _, err := tx.Insert(store.Entry{ClientID: ids[i%len(ids)], Start: s, End: end, Billable: true, Source: "manual"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return workbench.New(db, secrets.New(secrets.NewMemoryBackend(), layout.Data), layout, func() time.Time { return now })
}

// BenchmarkFirstFrameRealDB is docs/design.md's budget "TUI first frame, 200
// clients, 100k entries < 60 ms": the model built on the real workbench and
// SQLite, its loading commands run, one frame rendered. The picker (Alt-s)
// is the same program opened with the filter focused; its first frame is
// on the path of docs/design.md's "Alt-s to the picker's first frame < 25 ms".
func BenchmarkFirstFrameRealDB(b *testing.B) {
	now := time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)
	wb := realWorkbench(b, now)
	for _, picker := range []bool{false, true} {
		name := "workbench"
		if picker {
			name = "picker"
		}
		b.Run(name, func(b *testing.B) {
			opts := Options{CurrentClient: "client-150", Environ: testEnviron(), Now: func() time.Time { return now }, Picker: picker}
			b.ReportAllocs()
			for b.Loop() {
				m := New(context.Background(), wb, opts)
				m.sh.fx.every = nil
				runSync(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 40} })
				runSync(m, m.Init())
				if v := m.View(); len(v.Content) == 0 || len(m.sh.clients) != 200 || m.sh.status.Running == nil {
					b.Fatal("no first frame")
				}
			}
		})
	}
}
