// Package formats writes stint's time entries in exchange formats and reads
// other trackers' histories into neutral ImportedEntry values. It is pure:
// readers and writers in, values and errors out; the store and the CLI decide
// what to keep.
//
// Exports: stint's own csv and json carry every field, instants in RFC 3339
// UTC, and include a running entry (empty end). The tool formats (Toggl
// Track, Clockify, Harvest) show dates and times in each client's zone, carry
// the worked (unrounded) duration — the receiving tool applies its own
// rounding — and leave running entries out, since none of them can say
// "still running" in an import file.
//
// Imports are all or nothing: a malformed file is refused whole with the
// record or line at fault. Open intervals (a timer still running in the
// other tool) are skipped and listed in ImportResult.Skipped rather than
// closed at an invented time: stint has its own running timer, and the user
// can add the interval once it ends. Entries whose names map to no stint
// client are returned in ImportResult.Unmapped, never dropped silently.
// What a file does not hold and stint must fill in (the times of Harvest's
// duration-only rows) is filled in one documented way and said in
// ImportResult.Notes.
package formats
