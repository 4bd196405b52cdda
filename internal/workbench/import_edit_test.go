package workbench

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/badinput"
)

// A Watson frame edited after an import is applied to its entry as an edit
// (the earlier version in the history), never skipped; one whose new
// version would overlap another entry is listed, not applied; the running
// frame is left out.
func TestImportAppliesEditedWatsonFrames(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-06-01T00:00:00Z")), withoutKeyring())
	w.addClient("acme")
	frames := func(end1, end2 string) string {
		return `[{"id":"f1","project":"acme","start":"2024-05-01T09:00:00+00:00","stop":"2024-05-01T` + end1 + `+00:00","tags":["a"]},
{"id":"f2","project":"acme","start":"2024-05-01T11:00:00+00:00","stop":"2024-05-01T` + end2 + `+00:00","tags":[]},
{"id":"current","project":"acme","start":"2024-05-31T23:00:00+00:00","stop":"2024-05-31T23:59:00+00:00","tags":[]}]`
	}
	imp := func(in string) ImportSummary {
		s, err := w.Import(ctx, ImportRequest{Format: "watson", Input: strings.NewReader(in)})
		require.NoError(t, err)
		return s
	}
	first := imp(frames("10:00:00", "12:00:00"))
	assert.Equal(t, 2, first.Added)
	require.Len(t, first.Skipped, 1)
	assert.Contains(t, first.Skipped[0].Reason, "running frame")

	same := imp(frames("10:00:00", "12:00:00"))
	assert.Equal(t, 0, same.Added)
	assert.Equal(t, 2, same.AlreadyImported)
	assert.Empty(t, same.Updated)

	// f1 now runs to 10:30; f2 was stretched back over f1.
	edited := strings.Replace(frames("10:30:00", "12:00:00"), `"start":"2024-05-01T11:00:00`, `"start":"2024-05-01T10:15:00`, 1)
	s := imp(edited)
	assert.Equal(t, 0, s.Added)
	require.Len(t, s.Updated, 1)
	assert.Equal(t, 1, s.Updated[0].Record)
	assert.Contains(t, s.Updated[0].Reason, "entry 1 was 2024-05-01 09:00–10:00 UTC, is 2024-05-01 09:00–10:30 UTC (`stint history 1`)")
	require.Len(t, s.Overlapping, 1, "f2's new version overlaps f1's")
	assert.Equal(t, 2, s.Overlapping[0].Record)
	assert.Contains(t, s.Overlapping[0].Reason, "changed since it was imported as entry 2")

	es, err := w.Entries(ctx, utc("2024-05-01T00:00:00Z"), utc("2024-05-02T00:00:00Z"), "acme")
	require.NoError(t, err)
	require.Len(t, es, 2)
	assert.Equal(t, utc("2024-05-01T10:30:00Z"), *es[0].End)
	assert.Equal(t, utc("2024-05-01T11:00:00Z"), es[1].Start, "the refused edit changed nothing")
	assert.Equal(t, []string{"edit"}, historyChanges(t, w, es[0].ID))

	again := imp(edited)
	assert.Equal(t, 1, again.AlreadyImported, "the applied version is known now")
	assert.Len(t, again.Overlapping, 1, "the refused one is still listed")
}

// Tags typed in may not hold a comma (Toggl and Clockify split them there);
// imported ones have it turned into '-'.
func TestTagsWithCommas(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-06-01T00:00:00Z")), withoutKeyring())
	w.addClient("acme")
	_, err := w.AddEntry(ctx, NewEntry{Client: "acme", From: utc("2024-05-01T09:00:00Z"), To: utc("2024-05-01T10:00:00Z"), Tags: []string{"ops, infra"}})
	require.Error(t, err)
	assert.True(t, badinput.Is(err))
	assert.Contains(t, err.Error(), `tag "ops, infra" has a comma`)
	assert.Contains(t, err.Error(), "--tag ops --tag infra")

	_, err = w.Import(ctx, ImportRequest{Format: "timewarrior", Input: strings.NewReader(`[{"start":"20240501T090000Z","end":"20240501T100000Z","tags":["acme","ops,infra"]}]`)})
	require.NoError(t, err)
	es, err := w.Entries(ctx, utc("2024-05-01T00:00:00Z"), utc("2024-05-02T00:00:00Z"), "acme")
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, []string{"ops-infra"}, es[0].Tags)
}

// A large file is stored a chunk at a time as it is decoded; overlaps are
// found across chunks, and a file out of start order is read again and
// stored whole, with the same result.
func TestLargeImportAcrossChunks(t *testing.T) {
	const n = 20000
	build := func(reverse bool) string {
		var b strings.Builder
		b.WriteString("[")
		base := utc("2024-01-01T00:00:00Z")
		for k := range n {
			i := k
			if reverse {
				i = n - 1 - k
			}
			start := base.Add(time.Duration(i) * 15 * time.Minute)
			end := start.Add(10 * time.Minute)
			if i == 9000 { // reaches into the next interval, in another chunk when sorted
				end = start.Add(20 * time.Minute)
			}
			if k > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, `{"start":"%s","end":"%s","tags":["acme"]}`, start.Format("20060102T150405Z"), end.Format("20060102T150405Z"))
		}
		b.WriteString("]")
		return b.String()
	}
	for _, reverse := range []bool{false, true} {
		w := newFixture(t, startingAt(utc("2025-06-01T00:00:00Z")), withoutKeyring())
		w.addClient("acme")
		s, err := w.Import(context.Background(), ImportRequest{Format: "timewarrior", Input: strings.NewReader(build(reverse))})
		require.NoError(t, err)
		assert.Equal(t, n-1, s.Added, "reverse=%v", reverse)
		require.Len(t, s.Overlapping, 1)
		// The interval after the long one overlaps it; records are counted
		// in file order.
		long, next := 9001, 9002
		if reverse {
			long, next = n-9000, n-9001
		}
		assert.Equal(t, next, s.Overlapping[0].Record)
		assert.Equal(t, fmt.Sprintf("overlaps record %d of this file", long), s.Overlapping[0].Reason)
		es, err := w.Entries(context.Background(), utc("2024-01-01T00:00:00Z"), time.Time{}, "acme")
		require.NoError(t, err)
		assert.Len(t, es, n-1)
	}

	// A record at fault in the last chunk refuses the file after earlier
	// chunks were stored: the transaction takes them back.
	w := newFixture(t, startingAt(utc("2025-06-01T00:00:00Z")), withoutKeyring())
	w.addClient("acme")
	bad := strings.TrimSuffix(build(false), "]") + `,{"start":"20250101T000000Z","end":"2025"}]`
	_, err := w.Import(context.Background(), ImportRequest{Format: "timewarrior", Input: strings.NewReader(bad)})
	require.Error(t, err)
	assert.True(t, badinput.Is(err))
	assert.Contains(t, err.Error(), fmt.Sprintf("record %d", n+1))
	es, err := w.Entries(context.Background(), utc("2024-01-01T00:00:00Z"), time.Time{}, "acme")
	require.NoError(t, err)
	assert.Empty(t, es, "nothing of the refused file is kept")
}
