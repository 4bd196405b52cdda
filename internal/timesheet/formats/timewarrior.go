package formats

import (
	"fmt"
	"io"
)

// timewInterval is one element of `timew export`.
type timewInterval struct {
	ID         int      `json:"id"`
	Start      string   `json:"start"`
	End        *string  `json:"end"` // absent while the interval is open
	Tags       []string `json:"tags"`
	Annotation string   `json:"annotation"`
}

const timewLayout = "20060102T150405Z"

// ImportTimewarrior reads `timew export` JSON. A tag naming a stint client
// maps the interval to it; the annotation becomes the note; the interval is
// billable. Open intervals are skipped.
func ImportTimewarrior(r io.Reader, opts ImportOptions) (ImportResult, error) {
	c := newCollector("timewarrior", opts)
	// One record becomes an entry or a reason to skip it.
	type read struct {
		entry ImportedEntry
		skip  string
	}
	err := decodeArrayParallel(r, "timewarrior export", opts.StreamChunk, quickTimewArray, c.expect, c.flush, func(record int, iv timewInterval) (read, error) {
		start, err := parseTimewTime(iv.Start)
		if err != nil {
			return read{}, fmt.Errorf("start %q is not a Timewarrior time like 20240101T090000Z", iv.Start)
		}
		if iv.End == nil {
			return read{skip: fmt.Sprintf("interval @%d is still open; stop it in Timewarrior or add it with stint add once it ends", iv.ID)}, nil
		}
		end, err := parseTimewTime(*iv.End)
		if err != nil {
			return read{}, fmt.Errorf("end %q is not a Timewarrior time like 20240101T090000Z", *iv.End)
		}
		if err := opts.checkInterval(start, end); err != nil {
			return read{}, err
		}
		e := ImportedEntry{Record: record, Start: start, End: end, Note: iv.Annotation, Billable: true,
			ExternalID: fingerprint("timew", start, end, sortedCopy(iv.Tags), iv.Annotation)}
		mapClient(&e, candidateLevels{iv.Tags}, nonEmpty(iv.Tags), opts)
		return read{entry: e}, nil
	}, func(record int, v read) {
		if v.skip != "" {
			c.skip(record, v.skip)
			return
		}
		c.add(v.entry)
	})
	if err != nil {
		return ImportResult{}, err
	}
	return c.result()
}
