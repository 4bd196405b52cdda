package timesheet

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// hms is a time of 2 March 2026, UTC.
func hms(clock string) time.Time { return at("2026-03-02T" + clock + "Z") }

// sw is an entry a switch started; end "" is running.
func sw(id int64, client, start, end string) Entry {
	e := Entry{ID: id, Client: client, Start: hms(start), Billable: true, Source: SourceSwitch}
	if end != "" {
		e.End = TimePtr(hms(end))
	}
	return e
}

func TestSwitchInstant(t *testing.T) {
	now := hms("10:00:00")
	for _, tc := range []struct {
		name          string
		at, notBefore time.Time
		want          time.Time
	}{
		{"zero is now", time.Time{}, time.Time{}, now},
		{"given instant", hms("09:30:00"), time.Time{}, hms("09:30:00")},
		{"whole seconds", hms("09:30:00").Add(700 * time.Millisecond), time.Time{}, hms("09:30:00")},
		{"never before the running start", hms("09:30:00"), hms("09:45:00"), hms("09:45:00")},
		{"a clock that went back", time.Time{}, now.Add(time.Minute), now.Add(time.Minute)},
		{"after the running start", hms("09:50:00"), hms("09:45:00"), hms("09:50:00")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, SwitchInstant(tc.at, now, tc.notBefore))
		})
	}
}

func TestSlipped(t *testing.T) {
	grace := time.Minute
	base := sw(1, "acme", "10:00:00", "")
	manual := base
	manual.Source = SourceManual
	noted := base
	noted.Note = "incident"
	tagged := base
	tagged.Tags = []string{"ops"}
	for _, tc := range []struct {
		name  string
		e     Entry
		end   string
		grace time.Duration
		want  bool
	}{
		{"a switch entry under the grace", base, "10:00:59", grace, true},
		{"an empty switch entry", base, "10:00:00", grace, true},
		{"exactly the grace is kept", base, "10:01:00", grace, false},
		{"longer than the grace", base, "10:05:00", grace, false},
		{"grace off", base, "10:00:05", 0, false},
		{"a manual start slips too", manual, "10:00:05", grace, true},
		{"a note claims it", noted, "10:00:05", grace, false},
		{"tags claim it", tagged, "10:00:05", grace, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Slipped(tc.e, hms(tc.end), tc.grace))
		})
	}
}

func TestResumable(t *testing.T) {
	grace := time.Minute
	acmeEnded := sw(1, "acme", "09:00:00", "10:00:00")
	globexShort := sw(2, "globex", "10:00:00", "10:00:20")
	manualAcme := acmeEnded
	manualAcme.Source = SourceManual
	for _, tc := range []struct {
		name   string
		recent []Entry
		when   string
		grace  time.Duration
		skip   int64
		want   int64 // 0: nothing to resume
	}{
		{"back within the grace", []Entry{acmeEnded}, "10:00:30", grace, 0, 1},
		{"back at once", []Entry{acmeEnded}, "10:00:00", grace, 0, 1},
		{"back exactly at the grace", []Entry{acmeEnded}, "10:01:00", grace, 0, 0},
		{"back too late", []Entry{acmeEnded}, "10:05:00", grace, 0, 0},
		{"grace off", []Entry{acmeEnded}, "10:00:30", 0, 0, 0},
		{"another client's entry is in the way", []Entry{acmeEnded, globexShort}, "10:00:30", grace, 0, 0},
		{"unless it is being discarded", []Entry{acmeEnded, globexShort}, "10:00:30", grace, 2, 1},
		{"a running entry is in the way", []Entry{acmeEnded, sw(3, "globex", "10:00:10", "")}, "10:00:30", grace, 0, 0},
		{"entries after the switch do not count", []Entry{acmeEnded, sw(4, "globex", "10:00:40", "10:00:50")}, "10:00:30", grace, 0, 1},
		{"a manual entry is not resumed", []Entry{manualAcme}, "10:00:30", grace, 0, 0},
		{"another client's entry is not resumed", []Entry{globexShort}, "10:00:30", grace, 0, 0},
		{"nothing recent", nil, "10:00:30", grace, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Resumable(tc.recent, "acme", hms(tc.when), tc.grace, tc.skip)
			if tc.want == 0 {
				assert.Nil(t, got)
				return
			}
			if assert.NotNil(t, got) {
				assert.Equal(t, tc.want, got.ID)
			}
		})
	}
}

func TestStartBySwitch(t *testing.T) {
	grace := time.Minute
	acmeEnded := sw(1, "acme", "09:00:00", "10:00:00")
	ptr := func(e Entry) *Entry { return &e }
	for _, tc := range []struct {
		name    string
		running *Entry
		recent  []Entry
		when    string
		want    SwitchStart
	}{
		{"nothing runs: start", nil, nil, "10:00:00",
			SwitchStart{At: hms("10:00:00")}},
		{"the client's timer runs: keep it", ptr(sw(2, "acme", "09:00:00", "")), nil, "10:00:00",
			SwitchStart{At: hms("10:00:00"), Keep: true}},
		{"another's long entry stops and stays", ptr(sw(2, "globex", "09:00:00", "")), nil, "10:00:00",
			SwitchStart{At: hms("10:00:00")}},
		{"another's short switch entry is discarded", ptr(sw(2, "globex", "09:59:30", "")), nil, "10:00:00",
			SwitchStart{At: hms("10:00:00"), Discard: true}},
		{"flicking through globex and back resumes acme", ptr(sw(2, "globex", "10:00:00", "")),
			[]Entry{acmeEnded, sw(2, "globex", "10:00:00", "")}, "10:00:20",
			SwitchStart{At: hms("10:00:20"), Discard: true, Resume: ptr(acmeEnded)}},
		{"staying in globex past the grace keeps both", ptr(sw(2, "globex", "10:00:00", "")),
			[]Entry{acmeEnded, sw(2, "globex", "10:00:00", "")}, "10:01:10",
			SwitchStart{At: hms("10:01:10")}},
		{"a clock behind the running start switches at that start", ptr(sw(2, "globex", "10:00:00", "")), nil, "09:59:00",
			SwitchStart{At: hms("10:00:00"), Discard: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, StartBySwitch(tc.running, tc.recent, "acme", hms(tc.when), grace))
		})
	}
}

func TestStopBySwitch(t *testing.T) {
	grace := time.Minute
	now := hms("10:00:30")
	for _, tc := range []struct {
		name    string
		running Entry
		at      time.Time
		want    SwitchStop
	}{
		{"a short switch entry is discarded", sw(1, "acme", "10:00:00", ""), time.Time{}, SwitchStop{At: now, Discard: true}},
		{"a long one stays", sw(1, "acme", "09:00:00", ""), time.Time{}, SwitchStop{At: now}},
		{"a manual one is discarded too", Entry{ID: 1, Client: "acme", Start: hms("10:00:00"), Source: SourceManual}, time.Time{}, SwitchStop{At: now, Discard: true}},
		{"a noted one stays", Entry{ID: 1, Client: "acme", Start: hms("10:00:00"), Source: SourceManual, Note: "call"}, time.Time{}, SwitchStop{At: now}},
		{"never before its start", sw(1, "acme", "10:00:40", ""), time.Time{}, SwitchStop{At: hms("10:00:40"), Discard: true}},
		{"at a given instant", sw(1, "acme", "09:00:00", ""), hms("09:30:00"), SwitchStop{At: hms("09:30:00")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, StopBySwitch(tc.running, tc.at, now, grace))
		})
	}
}

func TestStopDiscards(t *testing.T) {
	grace := time.Minute
	e := Entry{ID: 1, Client: "acme", Start: hms("10:00:00"), Source: SourceManual}
	assert.True(t, StopDiscards(e, hms("10:00:05"), "", grace), "5 seconds bill nothing")
	assert.True(t, StopDiscards(e, hms("10:00:05"), "  ", grace), "a blank note is no note")
	assert.False(t, StopDiscards(e, hms("10:00:05"), "call", grace), "stop -m claims it")
	assert.False(t, StopDiscards(e, hms("10:01:00"), "", grace), "the grace itself is kept")
	assert.False(t, StopDiscards(e, hms("10:00:05"), "", 0), "grace off")
}
