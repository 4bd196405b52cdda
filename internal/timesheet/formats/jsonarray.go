package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
)

// decodeArray reads a JSON array of records, calling each with the record's
// 1-based number and line. Any syntax or type error refuses the whole file
// with the record and line at fault.
func decodeArray[T any](r io.Reader, what string, each func(record, line int, v T) error) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("%s: cannot read the file: %w", what, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('[') {
		return fmt.Errorf("%s: line %d: the file is not a JSON array of intervals", what, lineAt(data, dec.InputOffset()))
	}
	lines := lineCounter{data: data, line: 1}
	for record := 1; dec.More(); record++ {
		line := lines.at(skipSpace(data, dec.InputOffset()))
		var v T
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("%s: record %d (line %d): %s", what, record, errorLine(data, err, line), describeJSONError(err))
		}
		if err := each(record, line, v); err != nil {
			return fmt.Errorf("%s: record %d (line %d): %w", what, record, line, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("%s: line %d: the array is not closed properly", what, lineAt(data, dec.InputOffset()))
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%s: line %d: unexpected data after the array", what, lineAt(data, dec.InputOffset()))
	}
	return nil
}

// ReadAll is io.ReadAll in one buffer of the right size when r knows its
// size (a file, a bytes.Reader): growing the buffer as io.ReadAll does
// allocated and copied a large import file about three times over. A
// bytes.Buffer's content is returned as it is, not copied: the caller
// reads it only.
func ReadAll(r io.Reader) ([]byte, error) {
	size := -1
	switch r := r.(type) {
	case *bytes.Buffer:
		return r.Next(r.Len()), nil
	case interface{ Len() int }:
		size = r.Len()
	case interface{ Stat() (os.FileInfo, error) }:
		if info, err := r.Stat(); err == nil && info.Mode().IsRegular() {
			size = int(info.Size())
		}
	}
	if size < 0 {
		return io.ReadAll(r)
	}
	// One byte more, to see the end (or that a file grew) in the same read.
	buf := make([]byte, size+1)
	n, err := io.ReadFull(r, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return buf[:n], nil
	case err != nil:
		return nil, err
	}
	rest, err := io.ReadAll(r)
	return append(buf, rest...), err
}

// lineCounter finds the line of offsets that only grow, counting each
// newline once: lineAt from the start for every record made a large file's
// import quadratic.
type lineCounter struct {
	data []byte
	off  int64 // counted up to here
	line int   // the line at off
}

func (c *lineCounter) at(off int64) int {
	off = min(max(off, c.off), int64(len(c.data)))
	c.line += bytes.Count(c.data[c.off:off], []byte{'\n'})
	c.off = off
	return c.line
}

// skipSpace moves past the whitespace and comma before the next value.
func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) && bytes.IndexByte([]byte(" \t\r\n,"), data[off]) >= 0 {
		off++
	}
	return off
}

// errorLine places a syntax error on its own line (its offset counts from
// the start of the stream); other errors on the record's first line (a type
// error's offset counts from the start of the record, not of the file).
func errorLine(data []byte, err error, recordLine int) int {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return lineAt(data, syn.Offset)
	}
	return recordLine
}

func describeJSONError(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Sprintf("field %q should be a %s, not a %s", typ.Field, typ.Type, typ.Value)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "the file ends in the middle of a record"
	}
	return "not valid JSON: " + err.Error()
}

// decodeArrayParallel is decodeArray for files that can be large: the
// records are split out in order, decoded and converted (the pure,
// per-record work: times, checks, fingerprints, mapping) by one worker per
// core, a chunk of records at a time, and collected in file order. After
// each chunk is collected, flush runs (the caller stores the chunk) while
// the workers go on with the next chunks. The first record at fault, in
// file order, refuses the file as decodeArray would; chunk <= 0 is one
// chunk of everything.
//
// quick, when given, decodes the whole file in one pass without
// encoding/json, or says !ok and encoding/json does it: it runs before any
// record is converted or stored, so the fallback starts from nothing.
func decodeArrayParallel[T, R any](r io.Reader, what string, chunk int, quick func([]byte) ([]T, []int, bool), hint func(records int), flush func() error,
	convert func(record int, v T) (R, error), collect func(record int, v R)) error {
	data, err := ReadAll(r)
	if err != nil {
		return fmt.Errorf("%s: cannot read the file: %w", what, err)
	}
	var values []T
	var raws []json.RawMessage
	var lines []int
	ok := false
	if quick != nil {
		values, lines, ok = quick(data)
	}
	if !ok {
		if raws, lines, err = splitArray(data, what); err != nil {
			return err
		}
	}
	return convertParallel(what, lines, chunk, hint, flush, func(i int) (R, error) {
		if ok {
			return convert(i+1, values[i])
		}
		var v T
		if err := json.Unmarshal(raws[i], &v); err != nil {
			var zero R
			return zero, errors.New(describeJSONError(err))
		}
		return convert(i+1, v)
	}, collect)
}

// splitArray splits a JSON array into its records and their lines, or
// refuses it naming the record and line at fault.
func splitArray(data []byte, what string) ([]json.RawMessage, []int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('[') {
		return nil, nil, fmt.Errorf("%s: line %d: the file is not a JSON array of intervals", what, lineAt(data, dec.InputOffset()))
	}
	var raws []json.RawMessage
	var lines []int
	counter := lineCounter{data: data, line: 1}
	for record := 1; dec.More(); record++ {
		line := counter.at(skipSpace(data, dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, fmt.Errorf("%s: record %d (line %d): %s", what, record, errorLine(data, err, line), describeJSONError(err))
		}
		raws, lines = append(raws, raw), append(lines, line)
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, fmt.Errorf("%s: line %d: the array is not closed properly", what, lineAt(data, dec.InputOffset()))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, fmt.Errorf("%s: line %d: unexpected data after the array", what, lineAt(data, dec.InputOffset()))
	}
	return raws, lines, nil
}

// convertParallel converts the records (0-based; lines are their lines) a
// chunk at a time on every core and collects them in order (see
// decodeArrayParallel). The workers run at most window chunks ahead of the
// collecting, in window buffers used in turn: converting is faster than
// storing, and a buffer for every record of a large file was most of an
// import's memory (and of its time, in page faults on fresh memory).
func convertParallel[R any](what string, lines []int, chunk int, hint func(records int), flush func() error,
	convert func(i int) (R, error), collect func(record int, v R)) error {
	n := len(lines)
	// Chunk k is records starts[k] to starts[k+1]. Several start at an
	// eighth of chunk and double up to it: the storing waits for the first
	// alone, and each next one is converted while the one before is stored.
	first := max(chunk/8, 1)
	if chunk <= 0 || chunk >= n {
		chunk, first = max(n, 1), max(n, 1)
	}
	starts := []int{0}
	for size := first; starts[len(starts)-1] < n; size = min(2*size, chunk) {
		starts = append(starts, min(starts[len(starts)-1]+size, n))
	}
	chunks := len(starts) - 1
	workers := min(runtime.GOMAXPROCS(0), chunks)
	window := min(workers+2, chunks)
	type result struct {
		out  []R
		errs []error
	}
	bufs := make([]result, window)
	for k := range bufs {
		bufs[k] = result{out: make([]R, min(chunk, n)), errs: make([]error, min(chunk, n))}
	}
	done := make([]chan struct{}, chunks)
	for k := range done {
		done[k] = make(chan struct{})
	}
	// Workers take chunks in file order, so the one collected next is the
	// one finished first. A worker holds one of window slots from taking a
	// chunk until it is collected, so chunk k's buffer (k % window) is free:
	// chunk k-window was collected. stop tells them the read ended early.
	next := make(chan int, chunks)
	for k := range chunks {
		next <- k
	}
	close(next)
	slots := make(chan struct{}, window)
	var wg sync.WaitGroup
	defer wg.Wait() // after stop is closed (defers run last first)
	stop := make(chan struct{})
	defer close(stop)
	for range workers {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				case slots <- struct{}{}:
				}
				k, ok := <-next
				if !ok {
					return
				}
				buf := bufs[k%window]
				for i := starts[k]; i < starts[k+1]; i++ {
					buf.out[i-starts[k]], buf.errs[i-starts[k]] = convert(i)
				}
				close(done[k])
			}
		})
	}
	hint(n)
	for k := range chunks {
		<-done[k]
		buf := bufs[k%window]
		for i := starts[k]; i < starts[k+1]; i++ {
			if err := buf.errs[i-starts[k]]; err != nil {
				return fmt.Errorf("%s: record %d (line %d): %w", what, i+1, lines[i], err)
			}
			collect(i+1, buf.out[i-starts[k]])
		}
		<-slots
		if err := flush(); err != nil {
			return err
		}
	}
	return nil
}
