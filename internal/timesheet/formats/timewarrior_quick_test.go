package formats

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The quick reader either declines or gives exactly what encoding/json
// gives, with the lines the encoding/json path finds.
func TestQuickTimewArrayAgreesWithEncodingJSON(t *testing.T) {
	inputs := []string{
		`[]`, " [ ] \n", `[{}]`,
		"[\n{\"id\":1,\"start\":\"20240101T090000Z\",\"end\":\"20240101T100000Z\",\"tags\":[\"acme\",\"code review\"],\"annotation\":\"fix\"},\n{\"id\":2,\"start\":\"20240101T100000Z\"}\n]\n",
		"[\r\n\t{ \"id\" : 12 , \"tags\" : [ ] , \"annotation\" : \"\" }\r\n]",
		`[{"id":-3,"start":"x"}]`, `[{"tags":["été","日本"]}]`,
		`[{"id":1},{"id":2},{"id":3}]`,
		// declined: each of these is left to encoding/json
		`[{"ID":1}]`, `[{"id":1,"id":2}]`, `[{"id":1.5}]`, `[{"id":1e3}]`, `[{"id":01}]`, `[{"id":"1"}]`,
		`[{"id":1234567890123456789}]`, `[{"end":null}]`, `[{"tags":null}]`, `[{"annotation":"a\"b"}]`,
		`[{"annotation":"a\nb"}]`, "[{\"annotation\":\"a\tb\"}]", "[{\"annotation\":\"\xff\"}]", `[{"other":1}]`,
		`[{"id":1},]`, `[{"id":1}`, `[{"id":1}] x`, `[{"id":1}][]`, `{"id":1}`, ``, `[{"start" "x"}]`,
		`[{"tags":["a",]}]`, `[{"tags":["a" "b"]}]`, `[{"id":1,}]`, `[1]`, `[{"start":5}]`, `[{"id":-}]`,
	}
	for _, in := range inputs {
		t.Run(in, func(t *testing.T) {
			got, lines, ok := quickTimewArray([]byte(in))
			raws, wantLines, err := splitArray([]byte(in), "test")
			if !ok {
				return // encoding/json decides, as before
			}
			require.NoError(t, err, "quick accepted what encoding/json refuses")
			require.Equal(t, append([]int{}, wantLines...), append([]int{}, lines...))
			require.Len(t, got, len(raws))
			for i, raw := range raws {
				var want timewInterval
				require.NoError(t, json.Unmarshal(raw, &want))
				assert.Equal(t, want, got[i])
			}
		})
	}
	_, _, ok := quickTimewArray([]byte(inputs[3]))
	assert.True(t, ok, "timew's own shape must take the quick path")
}

// Every layout's field at and around its bounds, and random times, parse
// as time.Parse parses them — or fail where it fails.
func TestParseTimewTimeAgreesWithTimeParse(t *testing.T) {
	inputs := []string{"20240101T090000Z", "20240229T235959Z", "20230229T000000Z", "21000229T000000Z", "20000229T000000Z",
		"20240431T000000Z", "20240430T000000Z", "20241231T235959Z", "20241301T000000Z", "20240001T000000Z", "20240100T000000Z",
		"20240101T240000Z", "20240101T006000Z", "20240101T000060Z", "20240101T090000.5Z", "2024-01-01", "20240101 090000Z",
		"20240101T09000aZ", "00000101T000000Z", "99991231T235959Z", ""}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		ts := time.Unix(r.Int64N(1<<34)-1<<33, 0).UTC()
		inputs = append(inputs, ts.Format(timewLayout))
		b := []byte(ts.Format(timewLayout))
		if len(b) == 16 {
			b[r.IntN(16)] = "0123456789TZ"[r.IntN(12)]
			inputs = append(inputs, string(b))
		}
	}
	for _, in := range inputs {
		want, wantErr := time.Parse(timewLayout, in)
		got, err := parseTimewTime(in)
		if wantErr != nil {
			require.Error(t, err, in)
			continue
		}
		require.NoError(t, err, in)
		require.True(t, want.Equal(got) && got.Location() == time.UTC, "%s: %v, want %v", in, got, want)
	}
}

// A file of timew's shape with a record that is not falls back whole, and
// the result is the same as that of the quick path for the same intervals.
func TestImportTimewarriorQuickAndFallbackAgree(t *testing.T) {
	var quick, slow strings.Builder
	quick.WriteString("[\n")
	slow.WriteString("[\n")
	for i := range 300 {
		if i > 0 {
			quick.WriteString(",\n")
			slow.WriteString(",\n")
		}
		s := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
		rec := fmt.Sprintf(`{"id":%d,"start":"%s","end":"%s","tags":["acme","t%d"],"annotation":"n%d"}`, 300-i, s.Format(timewLayout), s.Add(30*time.Minute).Format(timewLayout), i%4, i)
		quick.WriteString(rec)
		if i == 299 { // an escape in the last record: encoding/json reads them all
			rec = strings.Replace(rec, `"n299"`, `"n\u0032\u0039\u0039"`, 1)
		}
		slow.WriteString(rec)
	}
	quick.WriteString("\n]\n")
	slow.WriteString("\n]\n")
	_, _, ok := quickTimewArray([]byte(slow.String()))
	require.False(t, ok)
	opts := ImportOptions{Resolve: resolver, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), StreamChunk: 64}
	a, err := ImportTimewarrior(strings.NewReader(quick.String()), opts)
	require.NoError(t, err)
	b, err := ImportTimewarrior(strings.NewReader(slow.String()), opts)
	require.NoError(t, err)
	require.Len(t, a.Entries, 300)
	assert.Equal(t, a, b)
}

// Read in pieces, a file gives what it gives read whole, or is declined as
// a whole — wherever the splits fall: between records, inside one (a file
// written a field a line), at a trailing comma, in a piece of nothing.
func TestQuickTimewPiecesAgreeWithOnePiece(t *testing.T) {
	var timew, fields strings.Builder
	timew.WriteString("[\n")
	fields.WriteString("[\n")
	for i := range 40 {
		s := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
		if i > 0 {
			timew.WriteString(",\n")
			fields.WriteString(",\n")
		}
		fmt.Fprintf(&timew, `{"id":%d,"start":"%s","end":"%s","tags":["acme","t%d"],"annotation":"n%d"}`, 40-i, s.Format(timewLayout), s.Add(time.Hour).Format(timewLayout), i%3, i)
		fmt.Fprintf(&fields, "{\n\"id\":%d,\n\"start\":\"%s\",\n\"tags\":[\"a\",\n\"b\"]\n}", i, s.Format(timewLayout))
	}
	timew.WriteString("\n]\n")
	fields.WriteString("\n]")
	inputs := []string{timew.String(), fields.String(), `[]`, "[\n]", "[{\"id\":1},\n]", "[{\"id\":1},\n{\"id\":2},\n]",
		"[{\"id\":1},\n{\"id\":2}]", "[{\"id\":1},\n{\"id\":2}\n]\n,\n", "[{\"id\":1},\n{\"id\":2},\n{\"id\":3}] x"}
	for _, in := range inputs {
		wantIvs, wantLines, wantOK := quickTimewPieces([]byte(in), 1)
		for n := 2; n <= 7; n++ {
			ivs, lines, ok := quickTimewPieces([]byte(in), n)
			require.Equal(t, wantOK, ok, "%d pieces of %q", n, in)
			if ok {
				require.Equal(t, wantIvs, ivs, "%d pieces of %q", n, in)
				require.Equal(t, wantLines, lines, "%d pieces of %q", n, in)
			}
		}
	}
	_, _, ok := quickTimewPieces([]byte(inputs[0]), 1)
	assert.True(t, ok)
	bounds := splitAfterRecords([]byte(inputs[0]), 4)
	require.Len(t, bounds, 5, "timew's layout is split")
	for k := range 4 { // and its pieces read as pieces
		p := quickParser{data: []byte(inputs[0])[:bounds[k+1]], off: bounds[k], line: 1, tags: map[string]string{}}
		_, _, ok := p.records(k == 0, k == 3)
		assert.True(t, ok, "piece %d", k)
	}
}
