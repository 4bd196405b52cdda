package timer

import (
	"context"
	"time"
)

// EntryVersion is one earlier version of a time entry and when it was
// replaced.
type EntryVersion struct {
	ReplacedAt time.Time `json:"replaced_at"`
	Entry      Entry     `json:"entry"`
}

// EntryHistory is an entry's earlier versions, oldest first, and the entry
// as it is now (nil once removed): what a client disputing a line sees.
func (tm *Timer) EntryHistory(ctx context.Context, id int64) (current *Entry, versions []EntryVersion, err error) {
	rows, err := tm.db.EntryHistory(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	now := tm.clock.Now()
	for _, r := range rows {
		versions = append(versions, EntryVersion{ReplacedAt: r.UpdatedAt, Entry: FromStore(r, now)})
	}
	if e, err := tm.Entry(ctx, id); err == nil {
		current = &e
	} else if len(versions) == 0 {
		return nil, nil, err // never existed
	}
	return current, versions, nil
}
