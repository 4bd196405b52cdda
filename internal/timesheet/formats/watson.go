package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"
)

// watsonFrame is one element of `watson log --json` (keys sorted by Watson:
// id, project, start, stop, tags; times are ISO 8601 with an offset).
type watsonFrame struct {
	ID      string   `json:"id"`
	Project string   `json:"project"`
	Start   string   `json:"start"`
	Stop    *string  `json:"stop"`
	Tags    []string `json:"tags"`
}

// watsonRunningID is the id `watson log` gives the running frame, whose
// stop it fills in with the moment of the log.
const watsonRunningID = "current"

// watsonExportHint is how to get a file stint reads out of Watson.
const watsonExportHint = "export it with `watson log --all --json > watson.json`"

// ImportWatson reads `watson log --json`, or Watson's own frames file
// (~/.config/watson/frames: an array of [start, stop, project, id, tags,
// updated_at] with Unix times). The project, else a tag, naming a stint
// client maps the frame to it; a project that is not the client is kept as
// the first tag. Frames are billable. The running frame (`watson log` calls
// it "current" and stops it at the moment of the log) is left out.
//
// A frame's identity is its Watson id (ImportedEntry.Key), its ExternalID
// that id and a digest of its times, project and tags: a frame edited in
// Watson after an import comes back with the same Key and another
// ExternalID, and the import applies it as an edit.
func ImportWatson(r io.Reader, opts ImportOptions) (ImportResult, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return ImportResult{}, fmt.Errorf("watson log: cannot read the file: %w", err)
	}
	if firstElement(data) == '[' {
		return importWatsonFrames(data, opts)
	}
	if trimmed := bytes.TrimSpace(data); len(trimmed) == 0 || trimmed[0] != '[' {
		// Watson's state file (the running frame) or anything else.
		return ImportResult{}, fmt.Errorf("watson log: the file is neither `watson log --json` nor Watson's frames file: %s", watsonExportHint)
	}
	c := newCollector("watson", opts)
	err = decodeArray(bytes.NewReader(data), "watson log", func(record, _ int, f watsonFrame) error {
		start, err := time.Parse(time.RFC3339, f.Start)
		if err != nil {
			return fmt.Errorf("start %q is not an ISO 8601 time like 2024-01-01T09:00:00+01:00", f.Start)
		}
		if f.ID == watsonRunningID || f.Stop == nil || *f.Stop == "" {
			c.skip(record, fmt.Sprintf("the running frame of %s (since %s): stop it in Watson, then import again", f.Project, start.UTC().Format(time.RFC3339)))
			return nil
		}
		stop, err := time.Parse(time.RFC3339, *f.Stop)
		if err != nil {
			return fmt.Errorf("stop %q is not an ISO 8601 time like 2024-01-01T09:00:00+01:00", *f.Stop)
		}
		return watsonEntry(c, record, f.ID, f.Project, start, stop, f.Tags, opts)
	})
	if err != nil {
		return ImportResult{}, err
	}
	return c.result()
}

// importWatsonFrames reads Watson's frames file. Its rows hold no running
// frame: Watson keeps that one in its state file.
func importWatsonFrames(data []byte, opts ImportOptions) (ImportResult, error) {
	c := newCollector("watson", opts)
	err := decodeArray(bytes.NewReader(data), "watson frames", func(record, _ int, row []json.RawMessage) error {
		if len(row) < 4 {
			return fmt.Errorf("a frame has start, stop, project and id; this one has %d fields: %s", len(row), watsonExportHint)
		}
		var start, stop float64
		var project, id string
		var tags []string
		for i, dst := range []any{&start, &stop, &project, &id} {
			if err := json.Unmarshal(row[i], dst); err != nil {
				return fmt.Errorf("field %d of the frame is not what Watson writes: %s", i+1, watsonExportHint)
			}
		}
		if len(row) > 4 && string(row[4]) != "null" {
			if err := json.Unmarshal(row[4], &tags); err != nil {
				return fmt.Errorf("the frame's tags are not a list of strings: %s", watsonExportHint)
			}
		}
		return watsonEntry(c, record, id, project, time.Unix(int64(start), 0), time.Unix(int64(stop), 0), tags, opts)
	})
	if err != nil {
		return ImportResult{}, err
	}
	return c.result()
}

// watsonEntry checks and collects one finished frame.
func watsonEntry(c *collector, record int, id, project string, start, stop time.Time, tags []string, opts ImportOptions) error {
	start, stop = start.UTC().Truncate(time.Second), stop.UTC().Truncate(time.Second)
	if err := opts.checkInterval(start, stop); err != nil {
		return err
	}
	if project == "" {
		return fmt.Errorf("frame has no project")
	}
	e := ImportedEntry{Record: record, Start: start, End: stop, Billable: true}
	revision := fingerprint("watson", start, stop, project, sortedCopy(tags))
	if id == "" {
		e.ExternalID = revision
	} else {
		e.Key = "watson:" + id
		e.ExternalID = e.Key + "@" + revision[len("watson:"):]
	}
	labels := append([]string{project}, nonEmpty(tags)...)
	mapClient(&e, candidateLevels{{project}, tags}, labels, opts)
	e.Tags = slices.Compact(e.Tags)
	c.add(e)
	return nil
}

// firstElement is the first byte of the array's first element ('[' for
// Watson's frames file, '{' for `watson log --json`), or of the document
// when it is not an array; 0 when empty.
func firstElement(data []byte) byte {
	rest := bytes.TrimSpace(data)
	if len(rest) == 0 {
		return 0
	}
	if rest[0] != '[' {
		return rest[0]
	}
	rest = bytes.TrimSpace(rest[1:])
	if len(rest) == 0 {
		return 0
	}
	return rest[0]
}
