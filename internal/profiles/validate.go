// Package profiles is the client/profile model: validation of everything a
// user can put in a profile, and turning a profile into an environment plan
// (the variables a switch sets, the files and directories it needs).
package profiles

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/shell"
)

var colorRE = lazyPattern(`^#[0-9a-fA-F]{6}$`)

// ValidateSlug checks a client name: lower-case letters, digits and dashes,
// starting with a letter or digit, at most 40 characters.
func ValidateSlug(s string) error {
	if !isSlug(s) {
		return badinput.Errorf("client name %q is invalid: use 1–40 lower-case letters, digits and dashes, starting with a letter or digit (like acme or acme-eu)", s)
	}
	return nil
}

// ValidateEnvName checks a variable name a user wants stint to set: the
// one check of set, secret set, handoff import and switch (BuildPlan runs it
// on every stored name). On top of shell.CheckName (syntax, stint's own
// names, every name bash, zsh or fish keep for themselves) it refuses the
// names stint sets itself.
func ValidateEnvName(name string) error {
	if name == "HOME" {
		return badinput.Errorf("HOME cannot be set per client: it would move every tool's files; keep a tool's logins per client with `stint isolate NAME TOOL`")
	}
	if name == "KUBECONFIG" {
		return badinput.Errorf("stint sets KUBECONFIG itself, to a kubeconfig of each shell session's own: bind the client's contexts with `stint kube add NAME --kubeconfig PATH` instead")
	}
	if err := shell.CheckName(name); err != nil {
		return badinput.Wrap(err)
	}
	return nil
}

// ParseColor accepts #rrggbb (case-insensitive) or the empty string.
func ParseColor(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if !colorRE().MatchString(s) {
		return "", badinput.Errorf("colour %q is invalid: use #rrggbb, like #ff8800", s)
	}
	return strings.ToLower(s), nil
}

// ParseTimezone accepts an IANA zone name (Europe/Berlin) or the empty
// string (local time).
func ParseTimezone(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if s == "Local" {
		return "", badinput.Errorf("time zone %q is ambiguous: give an IANA name such as Europe/Berlin, or leave it empty for local time", s)
	}
	if _, err := time.LoadLocation(s); err != nil {
		return "", badinput.Errorf("unknown time zone %q: use an IANA name such as Europe/Berlin or America/New_York", s)
	}
	return s, nil
}

// RoundModes are the accepted rounding modes.
var RoundModes = []string{"up", "nearest", "down"}

// ParseRoundMode validates a rounding mode.
func ParseRoundMode(s string) (string, error) {
	if !slices.Contains(RoundModes, s) {
		return "", badinput.Errorf("rounding mode %q is invalid: use up, nearest or down", s)
	}
	return s, nil
}

// ParseRoundPer validates whether rounding applies per entry or per day.
func ParseRoundPer(s string) (string, error) {
	if s != "entry" && s != "day" {
		return "", badinput.Errorf("rounding scope %q is invalid: use entry or day", s)
	}
	return s, nil
}

// ParseMinutes reads a duration of whole minutes: "15m", "1h30m" or "90".
func ParseMinutes(s string, what string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, badinput.Errorf("%s is empty: give a duration such as 15m, 1h30m or 90 (minutes)", what)
	}
	var d time.Duration
	if isDigits(s) {
		if len(s) > 9 { // more minutes than any bound here, and than Sscan reads exactly
			return 0, badinput.Errorf("%s %q is too large", what, s)
		}
		var n int
		fmt.Sscan(s, &n)
		d = time.Duration(n) * time.Minute
	} else {
		var err error
		d, err = time.ParseDuration(s)
		if err != nil || d < 0 {
			return 0, badinput.Errorf("%s %q is not a duration: give one such as 15m, 1h30m or 90 (minutes)", what, s)
		}
	}
	if d%time.Minute != 0 {
		return 0, badinput.Errorf("%s %q is not a whole number of minutes", what, s)
	}
	return int(d / time.Minute), nil
}

// CheckMinimumMinutes refuses a minimum per entry above a day
// (timesheet.MaxMinimumPerEntry), typed or from a bundle.
func CheckMinimumMinutes(m int) error {
	if m < 0 || m > maxMinimumMinutes {
		return badinput.Errorf("minimum per entry of %d minutes is out of range: use 0 to 24h", m)
	}
	return nil
}

// maxMinimumMinutes is timesheet.MaxMinimumPerEntry in minutes (profiles
// does not import timesheet).
const maxMinimumMinutes = 24 * 60

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// Tools whose logins stint can keep per client, and the variables that point
// each tool at its per-client directory (BuildPlan decides what under it).
//
// Terraform keeps its per-client part in its CLI config (credentials blocks,
// provider mirrors) and the provider cache; never TF_DATA_DIR, which would
// make every root module of the client share one .terraform directory (one
// backend, one set of providers and modules), so a plan could run against
// another module's state. Per-client Terraform Cloud/Enterprise tokens
// belong in secrets, as TF_TOKEN_<host> (e.g. TF_TOKEN_app_terraform_io).
var toolHomes = map[string][]string{
	"gcloud":    {"CLOUDSDK_CONFIG"},
	"az":        {"AZURE_CONFIG_DIR"},
	"gh":        {"GH_CONFIG_DIR"},
	"docker":    {"DOCKER_CONFIG"},
	"helm":      {"HELM_CONFIG_HOME", "HELM_DATA_HOME", "HELM_CACHE_HOME"},
	"terraform": {"TF_CLI_CONFIG_FILE", "TF_PLUGIN_CACHE_DIR"},
}

// Tools lists the tools that can be isolated, sorted.
func Tools() []string {
	out := make([]string, 0, len(toolHomes))
	for t := range toolHomes {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// ValidateTool checks a tool name for `stint isolate`.
func ValidateTool(t string) error {
	if _, ok := toolHomes[t]; !ok {
		return badinput.Errorf("unknown tool %q: stint can isolate %s", t, strings.Join(Tools(), ", "))
	}
	return nil
}

// ParseAssignment splits KEY=VALUE and validates KEY as a plain variable of
// client.
func ParseAssignment(client, s string) (name, value string, err error) {
	name, value, ok := strings.Cut(s, "=")
	if !ok {
		return "", "", badinput.Errorf("%q is not KEY=VALUE: write it like AWS_REGION=eu-west-1", s)
	}
	if err := ValidatePlainName(client, name); err != nil {
		return "", "", err
	}
	if strings.ContainsRune(value, 0) {
		return "", "", badinput.Errorf("value of %s contains a NUL byte, which no environment can hold", name)
	}
	if err := shell.CheckValueSize(name, value); err != nil {
		return "", "", badinput.Wrap(err)
	}
	return name, value, nil
}

// credentialLike matches names that hold credentials by convention.
var credentialLike = lazyPattern(`(?i)(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|PRIVATE_KEY|API_KEY|ACCESS_KEY|CREDENTIAL)`)

// ValidatePlainName checks a name for a plain (non-secret) variable: on top
// of ValidateEnvName, it refuses names that by convention hold credentials,
// which belong in the keyring (plain values are stored in SQLite, shown by
// `client show` and written to handoffs).
func ValidatePlainName(client, name string) error {
	if err := ValidateEnvName(name); err != nil {
		return err
	}
	if credentialLike().MatchString(name) {
		return badinput.Errorf("%s looks like a credential: store it with `stint secret set %s %s` (value on stdin), so it stays in the keyring and out of the database", name, client, name)
	}
	return nil
}
