package workbench

import (
	"bytes"
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// timewExport100k is `timew export` of bench/import's database: 100k
// back-to-back intervals over five years, three clients as tags, a tenth
// with a second tag.
func timewExport100k() []byte {
	const n = 100000
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	step := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Sub(start) / n
	var b bytes.Buffer
	b.WriteString("[\n")
	clients := []string{"acme", "globex", "initech"}
	for i := range n {
		s := start.Add(time.Duration(i) * step)
		e := s.Add(time.Minute + time.Duration(i*7919%int(step/time.Second-120))*time.Second)
		tags := `"` + clients[i*31%3] + `"`
		if i%10 == 0 {
			tags += `,"review"`
		}
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id":%d,"start":"%s","end":"%s","tags":[%s]}`, n-i, s.Format("20060102T150405Z"), e.Format("20060102T150405Z"), tags)
	}
	b.WriteString("\n]\n")
	return b.Bytes()
}

// The in-process part of bench/import: reading, checking and storing 100k
// intervals into an empty database (its peer, `timew export`, is timed by
// the script). Besides the wall time it reports the process's CPU time
// (user + system, every thread) per import, cpu-ns/op, which other work on
// the machine moves far less than the wall time.
func BenchmarkImportTimewarrior100k(b *testing.B) {
	data := timewExport100k()
	ctx := context.Background()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		w := newFixture(b, startingAt(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)), withoutKeyring())
		for _, c := range []string{"acme", "globex", "initech"} {
			w.addClient(c)
		}
		b.StartTimer()
		before := cpuTime(b)
		sum, err := w.Import(ctx, ImportRequest{Format: "timewarrior", Input: bytes.NewReader(data)})
		cpu += cpuTime(b) - before
		require.NoError(b, err)
		require.Equal(b, 100000, sum.Added)
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime is the user and system time the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	require.NoError(b, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
