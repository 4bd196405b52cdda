package formats

import (
	"bytes"
	"runtime"
	"slices"
	"sync"
	"time"
	"unicode/utf8"
)

// quickTimewArray reads `timew export` as Timewarrior writes it — an array
// of flat objects whose keys are among id, start, end, tags and annotation,
// each once, with plain strings — without encoding/json's reflection, which
// was a third of a 100k import's CPU time and, in the pass that splits the
// records, on the critical path. It accepts only input that encoding/json
// decodes to the same values; on anything else (an escape, a null, another
// key or type, invalid JSON or UTF-8) it says !ok and the caller decodes the
// whole file with encoding/json, which also words the errors.
//
// A large file is read in pieces on every core, split after a ",\n" —
// never inside a string the quick reader takes, so between two records
// when the file has one a line as timew writes it. When a piece does not
// read (a split fell inside a record, in a file written a field a line),
// the whole file is read in one piece.
func quickTimewArray(data []byte) ([]timewInterval, []int, bool) {
	return quickTimewPieces(data, min(runtime.GOMAXPROCS(0), len(data)/quickPieceMin))
}

// quickPieceMin is the least a piece holds: below, splitting costs more
// than it saves.
const quickPieceMin = 1 << 20

// quickTimewPieces is quickTimewArray reading data in up to n pieces.
func quickTimewPieces(data []byte, n int) ([]timewInterval, []int, bool) {
	if bounds := splitAfterRecords(data, n); len(bounds) > 2 {
		type piece struct {
			ivs   []timewInterval
			lines []int
			ok    bool
		}
		pieces := make([]piece, len(bounds)-1)
		var wg sync.WaitGroup
		for k := range pieces {
			wg.Go(func() {
				from := bounds[k]
				p := quickParser{data: data[:bounds[k+1]], off: from, line: 1 + bytes.Count(data[:from], []byte{'\n'}),
					tags: map[string]string{}}
				pieces[k].ivs, pieces[k].lines, pieces[k].ok = p.records(k == 0, k == len(pieces)-1)
			})
		}
		wg.Wait()
		ok := true
		var ivs [][]timewInterval
		var lines [][]int
		for _, p := range pieces {
			ok = ok && p.ok
			ivs, lines = append(ivs, p.ivs), append(lines, p.lines)
		}
		if ok {
			return slices.Concat(ivs...), slices.Concat(lines...), true
		}
	}
	p := quickParser{data: data, line: 1, tags: map[string]string{}}
	return p.records(true, true)
}

// splitAfterRecords gives the bounds of up to n pieces of data, each but
// the last ending after a ",\n".
func splitAfterRecords(data []byte, n int) []int {
	bounds := []int{0}
	for k := 1; k < n; k++ {
		from := max(k*len(data)/n, bounds[len(bounds)-1])
		i := bytes.Index(data[from:], []byte(",\n"))
		if i < 0 {
			break
		}
		bounds = append(bounds, from+i+2)
	}
	return append(bounds, len(data))
}

// records reads the records of one piece: the first opens the array, the
// last closes it and ends the data, the others end after a comma.
func (p *quickParser) records(first, last bool) (ivs []timewInterval, lines []int, ok bool) {
	// An export line is about 90 bytes: size the slices once.
	ivs = make([]timewInterval, 0, (len(p.data)-p.off)/80+1)
	lines = make([]int, 0, (len(p.data)-p.off)/80+1)
	if first {
		p.space()
		if !p.eat('[') {
			return nil, nil, false
		}
		p.space()
		if p.eat(']') {
			p.space()
			return ivs, lines, last && p.off == len(p.data)
		}
	}
	for {
		p.space()
		lines = append(lines, p.line)
		iv, ok := p.interval()
		if !ok {
			return nil, nil, false
		}
		ivs = append(ivs, iv)
		p.space()
		if p.eat(']') {
			p.space()
			return ivs, lines, last && p.off == len(p.data)
		}
		if !p.eat(',') {
			return nil, nil, false
		}
		if p.space(); !last && p.off == len(p.data) {
			return ivs, lines, true
		}
	}
}

type quickParser struct {
	data []byte
	off  int
	line int
	tags map[string]string // one string per distinct tag
}

func (p *quickParser) space() {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case '\n':
			p.line++
		case ' ', '\t', '\r':
		default:
			return
		}
		p.off++
	}
}

func (p *quickParser) eat(c byte) bool {
	if p.off < len(p.data) && p.data[p.off] == c {
		p.off++
		return true
	}
	return false
}

// interval reads one object.
func (p *quickParser) interval() (iv timewInterval, ok bool) {
	if !p.eat('{') {
		return iv, false
	}
	p.space()
	if p.eat('}') {
		return iv, true
	}
	var seen [5]bool
	for {
		p.space()
		key, ok := p.str()
		if !ok {
			return iv, false
		}
		p.space()
		if !p.eat(':') {
			return iv, false
		}
		p.space()
		k := -1
		switch string(key) {
		case "id":
			k = 0
			iv.ID, ok = p.int()
		case "start":
			k = 1
			iv.Start, ok = p.text()
		case "end":
			k = 2
			var end string
			end, ok = p.text()
			iv.End = &end
		case "tags":
			k = 3
			iv.Tags, ok = p.tagList()
		case "annotation":
			k = 4
			iv.Annotation, ok = p.text()
		}
		// encoding/json matches keys case-insensitively and lets the last
		// of two win: leave such objects to it.
		if k < 0 || !ok || seen[k] {
			return iv, false
		}
		seen[k] = true
		p.space()
		if p.eat('}') {
			return iv, true
		}
		if !p.eat(',') {
			return iv, false
		}
	}
}

// str reads a string without escapes, in place.
func (p *quickParser) str() ([]byte, bool) {
	if !p.eat('"') {
		return nil, false
	}
	from := p.off
	ascii := true
	for p.off < len(p.data) {
		c := p.data[p.off]
		switch {
		case c == '"':
			s := p.data[from:p.off]
			p.off++
			// encoding/json turns invalid UTF-8 into U+FFFD.
			return s, ascii || utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= 0x80:
			ascii = false
		}
		p.off++
	}
	return nil, false
}

func (p *quickParser) text() (string, bool) {
	s, ok := p.str()
	return string(s), ok
}

func (p *quickParser) tagList() ([]string, bool) {
	if !p.eat('[') {
		return nil, false
	}
	tags := []string{} // encoding/json gives [] as empty, not nil
	p.space()
	if p.eat(']') {
		return tags, true
	}
	for {
		p.space()
		b, ok := p.str()
		if !ok {
			return nil, false
		}
		t, known := p.tags[string(b)]
		if !known {
			t = string(b)
			p.tags[t] = t
		}
		tags = append(tags, t)
		p.space()
		if p.eat(']') {
			return tags, true
		}
		if !p.eat(',') {
			return nil, false
		}
	}
}

// int reads a JSON integer that fits an int with room to spare.
func (p *quickParser) int() (int, bool) {
	neg := p.eat('-')
	from := p.off
	n := 0
	for p.off < len(p.data) && p.data[p.off] >= '0' && p.data[p.off] <= '9' {
		n = n*10 + int(p.data[p.off]-'0')
		p.off++
	}
	digits := p.off - from
	if digits == 0 || digits > 18 || (digits > 1 && p.data[from] == '0') {
		return 0, false
	}
	if p.off < len(p.data) {
		switch p.data[p.off] {
		case '.', 'e', 'E': // a float: encoding/json refuses it for an int
			return 0, false
		}
	}
	if neg {
		n = -n
	}
	return n, true
}

// parseTimewTime parses 20060102T150405Z. The exact form is read by hand
// (time.Parse was a tenth of the decoding); anything else — out of range,
// a fraction of a second — goes to time.Parse, which decides.
func parseTimewTime(s string) (time.Time, error) {
	if len(s) != len(timewLayout) || s[8] != 'T' || s[15] != 'Z' {
		return time.Parse(timewLayout, s)
	}
	var n [14]int
	for i, j := 0, 0; i < 15; i++ {
		if i == 8 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return time.Parse(timewLayout, s)
		}
		n[j] = int(c - '0')
		j++
	}
	year := n[0]*1000 + n[1]*100 + n[2]*10 + n[3]
	month := n[4]*10 + n[5]
	day := n[6]*10 + n[7]
	hour, minute, sec := n[8]*10+n[9], n[10]*10+n[11], n[12]*10+n[13]
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Parse(timewLayout, s) // which words the error
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC), nil
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
