package workbench

import "time"

// The plain structs the workbench returns for time, switching and notes.
// Both front ends render these; `--json` prints them as they are.

// Entry is one time entry. End is nil while the timer runs; Seconds then
// counts up to the workbench clock.
type Entry struct {
	ID       int64      `json:"id"`
	Client   string     `json:"client"`
	Start    time.Time  `json:"start"`
	End      *time.Time `json:"end"`
	Seconds  int64      `json:"seconds"`
	Note     string     `json:"note"`
	Tags     []string   `json:"tags"`
	Billable bool       `json:"billable"`
	Source   string     `json:"source"` // manual, switch, import
}

// Running reports whether the entry's timer is still going.
func (e Entry) Running() bool { return e.End == nil }

// Status is what `stint status` and the TUI footer show.
type Status struct {
	Running   *Entry `json:"running"`   // nil when no timer runs
	Forgotten bool   `json:"forgotten"` // running longer than the configured limit
	// TodaySeconds is today's tracked time per client (running entry included),
	// days taken in each client's time zone.
	TodaySeconds map[string]int64 `json:"today_seconds"`
	// AWS is the temporary AWS credentials of the calling shell (set by
	// the front end from its environment; see ShellAWSOf).
	AWS *ShellAWS `json:"aws,omitempty"`
}

// WeekGrid is clients × days of one week, for the TUI week view.
type WeekGrid struct {
	Start   time.Time    `json:"start"` // first day, local midnight
	Days    []time.Time  `json:"days"`  // 7 days
	Rows    []WeekRow    `json:"rows"`  // clients with time this week, by slug
	Totals  []int64      `json:"totals"`
	Amounts []MoneyTotal `json:"amounts"` // per currency
}

// WeekRow is one client's seconds per day and its amount for the week.
// Seconds and Total are worked time; the amount is BilledSeconds × RateMinor,
// billed time being the billable time rounded by the client's terms.
type WeekRow struct {
	Client        string  `json:"client"`
	Seconds       []int64 `json:"seconds"` // len 7
	Total         int64   `json:"total"`
	BilledSeconds int64   `json:"billed_seconds"` // rounded billable seconds, as `stint report` bills them
	RateMinor     int64   `json:"rate_minor"`     // per hour, in Currency's minor units
	AmountMinor   int64   `json:"amount_minor"`
	Currency      string  `json:"currency"`
}

// MoneyTotal is an amount in one currency.
type MoneyTotal struct {
	AmountMinor int64  `json:"amount_minor"`
	Currency    string `json:"currency"`
}

// Current is the client a shell is in, read from its environment only.
type Current struct {
	Client   string `json:"client"` // "" when the shell is in no client
	Session  string `json:"session"`
	Previous string `json:"previous,omitempty"`
	Hooked   bool   `json:"hooked"` // the stint shell hook is loaded
}

// SwitchResult is what a switch did, for messages and the TUI.
type SwitchResult struct {
	Client      string   `json:"client"`
	Script      string   `json:"-"`     // the shell script (or JSON) that applies it
	Set         []string `json:"set"`   // names set (values never reported)
	Unset       []string `json:"unset"` // names unset or restored
	SecretNames []string `json:"secret_names"`
	// MissingSecrets are secret names the keyring holds no value for (after
	// a handoff import or a keyring reset): the switch went on without them.
	MissingSecrets []string `json:"missing_secrets,omitempty"`
	Kubeconfig     string   `json:"kubeconfig,omitempty"`
	TimerStarted   *Entry   `json:"timer_started,omitempty"`
	TimerStopped   *Entry   `json:"timer_stopped,omitempty"`
	// TimerProblem says why the timer could not follow the switch (the
	// switch itself went ahead).
	TimerProblem string `json:"timer_problem,omitempty"`
	// AWS says when the temporary AWS credentials the shell got expire.
	AWS *AWSSession `json:"aws,omitempty"`
}

// Note is one dated line of a client's log.
type Note struct {
	ID     int64     `json:"id"`
	Client string    `json:"client"`
	At     time.Time `json:"at"`
	Text   string    `json:"text"`
}

// NoteHit is a search result across clients' runbooks and logs.
type NoteHit struct {
	Client  string    `json:"client"`
	Kind    string    `json:"kind"` // runbook or log
	NoteID  int64     `json:"note_id,omitempty"`
	At      time.Time `json:"at"`
	Snippet string    `json:"snippet"`
}

// RepoStatus is the state of one of a client's repositories.
type RepoStatus struct {
	Path     string `json:"path"`
	URL      string `json:"url,omitempty"`
	Exists   bool   `json:"exists"`
	Branch   string `json:"branch,omitempty"`   // "(detached)" on a detached HEAD
	Upstream string `json:"upstream,omitempty"` // what ahead/behind count against; "" when none
	Dirty    bool   `json:"dirty"`              // uncommitted or untracked changes
	Ahead    int    `json:"ahead"`
	Behind   int    `json:"behind"`
	Error    string `json:"error,omitempty"` // "missing" when the path does not exist
}

// SwitchRequest asks for the script that moves a shell to Client ("" leaves
// the current client: `stint off`).
type SwitchRequest struct {
	Client  string
	Shell   string   // bash, zsh, fish or json
	Environ []string // the calling shell's environment (KEY=VALUE), as the binary sees it
	Action  string   // switch, env, off: recorded in the access log
	// Preview renders the script for a person to read, not to evaluate:
	// secret values are masked and the timer is left alone.
	Preview bool
	// MFA asks for an MFA code when the client's temporary AWS credentials
	// must be made anew with one; nil: such a switch fails, saying why.
	MFA MFAPrompt `json:"-"`
}
