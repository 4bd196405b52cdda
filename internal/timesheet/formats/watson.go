package formats

import (
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

// ImportWatson reads `watson log --json`. The project, else a tag, naming a
// stint client maps the frame to it; a project that is not the client is
// kept as the first tag. Frames are billable. A frame without a stop is
// skipped as still running.
func ImportWatson(r io.Reader, opts ImportOptions) (ImportResult, error) {
	c := newCollector("watson")
	err := decodeArray(r, "watson log", func(record, _ int, f watsonFrame) error {
		start, err := time.Parse(time.RFC3339, f.Start)
		if err != nil {
			return fmt.Errorf("start %q is not an ISO 8601 time like 2024-01-01T09:00:00+01:00", f.Start)
		}
		if f.Stop == nil || *f.Stop == "" {
			c.skip(record, fmt.Sprintf("frame %s of %s is still running; stop it in Watson first", short(f.ID), f.Project))
			return nil
		}
		stop, err := time.Parse(time.RFC3339, *f.Stop)
		if err != nil {
			return fmt.Errorf("stop %q is not an ISO 8601 time like 2024-01-01T09:00:00+01:00", *f.Stop)
		}
		start, stop = start.UTC().Truncate(time.Second), stop.UTC().Truncate(time.Second)
		if err := opts.checkInterval(start, stop); err != nil {
			return err
		}
		if f.Project == "" {
			return fmt.Errorf("frame has no project")
		}
		id := "watson:" + f.ID
		if f.ID == "" {
			id = fingerprint("watson", start, stop, f.Project, sortedCopy(f.Tags))
		}
		e := ImportedEntry{Record: record, Start: start, End: stop, Billable: true, ExternalID: id}
		labels := append([]string{f.Project}, nonEmpty(f.Tags)...)
		mapClient(&e, candidateLevels{{f.Project}, f.Tags}, labels, opts)
		e.Tags = slices.Compact(e.Tags)
		c.add(e)
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	return c.res, nil
}

func short(id string) string {
	if len(id) > 7 {
		return id[:7]
	}
	return id
}
