package workbench

import (
	"time"

	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/settings"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/workbench/awsaccess"
	"github.com/stint-sh/stint/internal/workbench/clients"
	"github.com/stint-sh/stint/internal/workbench/doctor"
	"github.com/stint-sh/stint/internal/workbench/handover"
	"github.com/stint-sh/stint/internal/workbench/notes"
	"github.com/stint-sh/stint/internal/workbench/reports"
	"github.com/stint-sh/stint/internal/workbench/repos"
	"github.com/stint-sh/stint/internal/workbench/session"
	"github.com/stint-sh/stint/internal/workbench/timer"
)

// The plain structs the workbench returns, defined by the components that
// make them; both front ends render these, and `--json` prints them as
// they are.

// Clients and profiles.
type (
	SecretStore   = clients.SecretStore
	ClientInfo    = clients.ClientInfo
	Project       = clients.Project
	ProfileView   = clients.ProfileView
	SecretInfo    = clients.SecretInfo
	KubeView      = clients.KubeView
	RepoInfo      = clients.RepoInfo
	KubeContext   = clients.KubeContext
	KubeRemoval   = clients.KubeRemoval
	Readiness     = clients.Readiness
	SourceProblem = clients.SourceProblem
	Review        = clients.Review
	ReviewVar     = clients.ReviewVar
)

// ErrNoKeyring means stint runs without access to an OS keyring.
var ErrNoKeyring = clients.ErrNoKeyring

// Time entries and the timer.
type (
	Entry        = timer.Entry
	Status       = timer.Status
	NewEntry     = timer.NewEntry
	EntryChange  = timer.EntryChange
	EntryVersion = timer.EntryVersion
	Undone       = timer.Undone
	UndoneEntry  = timer.UndoneEntry
)

// Reports, exports and imports.
type (
	Period            = reports.Period
	RangeRequest      = reports.RangeRequest
	ReportRequest     = reports.ReportRequest
	BudgetUse         = reports.BudgetUse
	WeekGrid          = reports.WeekGrid
	WeekRow           = reports.WeekRow
	MoneyTotal        = reports.MoneyTotal
	ExportRequest     = reports.ExportRequest
	AnnexRequest      = reports.AnnexRequest
	ExportSummary     = reports.ExportSummary
	ImportRequest     = reports.ImportRequest
	ImportSummary     = reports.ImportSummary
	ImportClientTotal = reports.ImportClientTotal
	ImportProblem     = reports.ImportProblem
	ImportProject     = reports.ImportProject
)

// The default ranges of the time commands.
const (
	PeriodAll   = reports.PeriodAll
	PeriodWeek  = reports.PeriodWeek
	PeriodMonth = reports.PeriodMonth
)

// Settings.
type ConfigItem = settings.Item

// The settings' keys.
const (
	SettingAutoTrack      = settings.AutoTrack
	SettingForgottenAfter = settings.ForgottenAfter
	SettingWeekStart      = settings.WeekStart
	SettingName           = settings.Name
	SettingEmail          = settings.Email
	SettingSwitchGrace    = settings.SwitchGrace
)

// ConfigKeys lists the settings `stint config` knows, sorted.
func ConfigKeys() []string { return settings.Keys() }

// Shell sessions.
type (
	Current       = session.Current
	SwitchRequest = session.SwitchRequest
	SwitchResult  = session.SwitchResult
	ChildRequest  = session.ChildRequest
	Child         = session.Child
	PlanPreview   = session.PlanPreview
	ChangePreview = session.ChangePreview
	ChangeRow     = session.ChangeRow
	PreviewVar    = session.PreviewVar
	ToolHome      = session.ToolHome
)

// Access-log actions of the shell commands, and the JSON "shell".
const (
	ActionSwitch   = session.ActionSwitch
	ActionEnv      = session.ActionEnv
	ActionOff      = session.ActionOff
	ActionExec     = session.ActionExec
	ActionShell    = session.ActionShell
	ShellJSON      = session.ShellJSON
	PreviewSession = session.PreviewSession
)

// Deliver hands a switch's script, and the summary the shell prints once
// it has applied it, to the shell.
type Deliver = session.Deliver

// ProductionMarker leads what stint says about a production client.
const ProductionMarker = session.ProductionMarker

// DetectShell is the shell a script is written for: the hook's, else
// $SHELL's name when it is zsh, fish or bash, else bash.
func DetectShell(getenv func(string) string) string { return session.DetectShell(getenv) }

// NoHookHint says how to get a shell stint can change, in sh's words, and
// with envArgs, the `stint env` that does the same without the hook.
func NoHookHint(sh, envArgs string) string { return session.NoHookHint(sh, envArgs) }

// HookLine is the line that loads the hook in sh, and the file it goes in.
func HookLine(sh string) (line, rc string) { return session.HookLine(sh) }

// ErrAdoptNeedsDatabase: Adopt without a database found the parent's
// kubeconfig gone; call it again on an opened workbench.
var ErrAdoptNeedsDatabase = session.ErrAdoptNeedsDatabase

// EnvironMap turns KEY=VALUE lines into a map; later lines win.
func EnvironMap(environ []string) map[string]string { return shell.EnvironMap(environ) }

// Notes.
type (
	Note        = notes.Note
	NoteHit     = notes.NoteHit
	RunbookEdit = notes.RunbookEdit
)

// EditorCommand is the editor to run, as argv without the file.
func EditorCommand(getenv func(string) string, lookPath func(string) (string, error)) ([]string, error) {
	return notes.EditorCommand(getenv, lookPath)
}

// Handover, offboarding and the access log.
type (
	AccessReport  = handover.AccessReport
	SessionAccess = handover.SessionAccess
	Offboarding   = handover.Offboarding
	ImportResult  = handover.ImportResult
	ImportOptions = handover.ImportOptions
)

// HandoffWindow is how far back the handoff's time-by-week table reaches.
const HandoffWindow = handover.HandoffWindow

// Repositories.
type (
	RepoStatus  = repos.RepoStatus
	CloneResult = repos.CloneResult
)

// CloneDetail is the access log's record of a clone.
const CloneDetail = repos.CloneDetail

// RepoURLWithoutCredentials is raw without the credentials a URL can carry,
// and whether there were any.
func RepoURLWithoutCredentials(raw string) (clean string, removed bool) {
	return profiles.RepoURLWithoutCredentials(raw)
}

// The self-check.
type (
	Check     = doctor.Check
	DoctorEnv = doctor.DoctorEnv
)

// Check levels, from worst to best.
const (
	CheckFail = doctor.CheckFail
	CheckWarn = doctor.CheckWarn
	CheckInfo = doctor.CheckInfo
	CheckOK   = doctor.CheckOK
)

// Temporary AWS credentials.
type (
	MFAPrompt  = awsaccess.MFAPrompt
	AWSSession = awsaccess.Session
	AWSRequest = awsaccess.Request
	AWSStatus  = awsaccess.Status
	ShellAWS   = awsaccess.ShellCredentials
)

// ShellAWSOf reads the temporary AWS credentials of the calling shell from
// its environment; nil when it holds none stint made.
func ShellAWSOf(environ []string, now time.Time) *ShellAWS { return awsaccess.InShell(environ, now) }
