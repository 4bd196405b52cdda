// Command gen fills a STINT_HOME with synthetic clients and time entries
// for the benchmarks: `go run ./bench/gen -clients 200 -entries 100000`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/store"
)

func main() {
	clients := flag.Int("clients", 200, "number of clients")
	entries := flag.Int("entries", 100_000, "number of time entries, spread over five years up to now")
	running := flag.Bool("running", true, "leave the newest entry running")
	flag.Parse()
	if err := generate(*clients, *entries, *running); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func generate(nClients, nEntries int, running bool) error {
	ctx := context.Background()
	layout, err := paths.Resolve(os.Getenv)
	if err != nil {
		return err
	}
	if err := layout.Ensure(); err != nil {
		return err
	}
	db, err := store.Open(ctx, layout.DBPath())
	if err != nil {
		return err
	}
	defer db.Close()
	now := time.Now().UTC().Truncate(time.Second)
	ids := make([]int64, nClients)
	for i := range ids {
		c, err := db.InsertClient(ctx, store.Client{
			Slug: fmt.Sprintf("client-%03d", i), Name: fmt.Sprintf("Client %d Ltd", i),
			Currency: "EUR", RateMinor: 9000 + int64(i%7)*1000, RoundMinutes: 15, RoundMode: "up", RoundPer: "entry",
			AutoTrack: true, Production: i%10 == 0, CreatedAt: now, UpdatedAt: now,
		})
		if err != nil {
			return err
		}
		ids[i] = c.ID
	}
	start := now.AddDate(-5, 0, 0)
	step := now.Sub(start) / time.Duration(nEntries+1)
	return db.EditEntries(ctx, now, func(tx *store.EntryTx) error {
		for i := 0; i < nEntries; i++ {
			s := start.Add(time.Duration(i) * step)
			e := s.Add(step * 3 / 4)
			end := &e
			if running && i == nEntries-1 {
				end = nil
			}
			if _, err := tx.Insert(store.Entry{ClientID: ids[i%len(ids)], Start: s, End: end,
				Note: "synthetic", Billable: i%9 != 0, Source: "manual"}); err != nil {
				return err
			}
		}
		return nil
	})
}
