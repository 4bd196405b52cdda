package session

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/awsaccess"
)

// Deliver hands a switch's script to the shell that applies it: the
// hook's eval file (`stint switch`, `stint off`, the TUI) or stdout
// (`stint env`). summary is the line the shell prints once it has applied
// the script ("" for none). An error means the shell will not apply it.
// It is called at most once per switch, and only with a script.
type Deliver func(script, summary string) error

// handOver delivers res's script with its summary; a switch that changes
// nothing has no script, and the front end says so itself.
func handOver(deliver Deliver, res SwitchResult, now time.Time) error {
	if res.Script == "" {
		return nil
	}
	return deliver(res.Script, res.Summary(now))
}

// record runs write — a switch's access-log row and timer move — and hands
// the script over in one transaction, committed only once the script is
// delivered: a script that cannot be delivered leaves nothing recorded. A
// commit that fails after the delivery cannot take the script back; the
// shell applies it, and RecordProblem says what was not recorded.
func (s *Sessions) record(ctx context.Context, res *SwitchResult, deliver Deliver, write func(tx *store.EntryTx) error) error {
	delivered := false
	err := s.db.EditEntries(ctx, s.clock.Now(), func(tx *store.EntryTx) error {
		if err := write(tx); err != nil {
			return err
		}
		if err := handOver(deliver, *res, s.clock.Now()); err != nil {
			return err
		}
		delivered = true
		return nil
	})
	if err != nil && delivered {
		res.RecordProblem = err.Error()
		return nil
	}
	return err
}

// Summary is the one line both front ends show for a switch, printed by
// the shell once it has applied the script:
//
//	→ acme (Acme Corp) · kube acme-prod/platform · globex stopped after 1h05m · timer started · 2 secrets
//	⚠ PRODUCTION ⚠ → bank (Big Bank) · kube none · timer started
//	⚠ PRODUCTION ⚠ → acme (Acme Corp) · kube acme-prod/platform (production) · timer started
//	→ acme · kube none · globex stopped after 20s and discarded (shorter than switch_grace) · timer resumed
//	← left acme · timer stopped after 42m
//	→ acme · kube none · timer started · budget 12h30m of 20h this month, 7h30m left
//
// A timer a switch ran for less than switch_grace is discarded rather than
// kept, and a switch back within it resumes the entry it left. now is the
// clock temporary AWS credentials' time left is counted from.
func (r SwitchResult) Summary(now time.Time) string {
	switch {
	case r.Forgot:
		return "← forgot this shell's stint state; variables keep their values"
	case r.Client == "" && r.From == "":
		return "this shell is in no client; nothing to leave"
	case r.Client == "":
		parts := []string{"← left " + r.From}
		if e := r.TimerStopped; e != nil {
			parts = append(parts, "timer stopped after "+display.Compact(e.Seconds)+discardedNote(e.Discarded()))
		}
		return strings.Join(parts, " · ")
	}
	head, kube := "→ "+r.Client, "kube none"
	if r.Name != "" && r.Name != r.Client {
		head += " (" + display.Safe(r.Name) + ")"
	}
	if r.Production {
		head = ProductionMarker + head
	}
	if r.KubeContext != "" {
		kube = "kube " + display.Safe(r.KubeContext)
	}
	if r.ProdContext {
		if !r.Production {
			head = ProductionMarker + head
		}
		kube += " (production)"
	}
	parts := []string{head, kube}
	if e := r.TimerStopped; e != nil {
		parts = append(parts, fmt.Sprintf("%s stopped after %s%s", e.Client, display.Compact(e.Seconds), discardedNote(e.Discarded())))
	}
	if r.TimerStarted != nil {
		verb := "started"
		if r.TimerResumed {
			verb = "resumed"
		}
		parts = append(parts, "timer "+verb)
	}
	if len(r.SecretNames) > 0 {
		parts = append(parts, display.Count(len(r.SecretNames), "secret", "secrets"))
	}
	if a := awsPart(r.AWS, now); a != "" {
		parts = append(parts, a)
	}
	if b := r.Budget; b != nil {
		parts = append(parts, BudgetPart(*b))
	}
	return strings.Join(parts, " · ")
}

// BudgetPart is a budget's use in a sentence: "budget 12h30m of 20h this
// month, 7h30m left" or "budget 22h10m of 20h this week, 2h10m over".
func BudgetPart(b Budget) string {
	head := fmt.Sprintf("budget %s of %s this %s", display.Compact(b.UsedSeconds),
		display.Setting(time.Duration(b.BudgetSeconds)*time.Second), b.Period)
	if left := b.BudgetSeconds - b.UsedSeconds; left < 0 {
		return head + ", " + display.Compact(-left) + " over"
	}
	return head + ", " + display.Compact(b.BudgetSeconds-b.UsedSeconds) + " left"
}

// ProductionMarker leads what stint says about a production client.
const ProductionMarker = "⚠ PRODUCTION ⚠ "

func discardedNote(discarded bool) string {
	if discarded {
		return " and discarded (shorter than switch_grace)"
	}
	return ""
}

// awsPart is the summary's word on temporary AWS credentials.
func awsPart(a *awsaccess.Session, now time.Time) string {
	if a == nil {
		return ""
	}
	if a.Expires.IsZero() {
		return "aws " + awsModeWord(a.Mode) + " made by the switch"
	}
	left := display.Compact(int64(a.Expires.Sub(now) / time.Second))
	return "aws " + awsModeWord(a.Mode) + " " + left + " left"
}

func awsModeWord(mode string) string {
	switch mode {
	case string(awscreds.ModeRole):
		return "role"
	case string(awscreds.ModeSSO):
		return "sso"
	}
	return "session"
}

// Warnings are the lines both front ends add to a switch that went ahead
// without all of it: secrets the keyring has no value for, a timer that
// could not follow, a record the database could not keep.
func (r SwitchResult) Warnings() []string {
	var out []string
	switch n := r.MissingSecrets; len(n) {
	case 0:
	case 1:
		out = append(out, fmt.Sprintf("warning: %s's secret %s has no value in this keyring — set it with `stint secret set %s %s`",
			r.Client, n[0], r.Client, n[0]))
	default:
		out = append(out, fmt.Sprintf("warning: %s's secrets %s have no value in this keyring — set each, starting with `stint secret set %s %s`",
			r.Client, strings.Join(n, ", "), r.Client, n[0]))
	}
	if r.TimerProblem != "" {
		out = append(out, "warning: the shell switched but the timer did not follow: "+display.OneLine(r.TimerProblem)+
			" — fix it with `stint status` and `stint start`/`stint stop`")
	}
	if r.RecordProblem != "" {
		out = append(out, "warning: the shell switched but the access log and the timer do not show it: "+display.OneLine(r.RecordProblem)+
			" — check the disk with `stint doctor`")
	}
	return out
}

// DetectShell is the shell a script is written for: the hook's
// (STINT_SHELL), else $SHELL's name when it is zsh, fish or bash, else
// bash.
func DetectShell(getenv func(string) string) string {
	if sh := getenv("STINT_SHELL"); sh != "" {
		return sh
	}
	if base := filepath.Base(getenv("SHELL")); base == "zsh" || base == "fish" || base == "bash" {
		return base
	}
	return "bash"
}

// HookLine is the line that loads the hook in sh (bash, zsh or fish;
// anything else is taken for bash) and the startup file it goes in.
func HookLine(sh string) (line, rc string) {
	switch sh {
	case "zsh":
		return `eval "$(stint hook zsh)"`, "~/.zshrc"
	case "fish":
		return "stint hook fish | source", "~/.config/fish/config.fish"
	}
	return `eval "$(stint hook bash)"`, "~/.bashrc"
}

// NoHookHint says, in one line, why stint cannot change this shell and
// how to fix it, in sh's words. envArgs, when not "", are the arguments of
// the `stint env` that does the same without the hook ("acme", "--off").
func NoHookHint(sh, envArgs string) string {
	line, rc := HookLine(sh)
	eval := `eval "$(stint env ` + envArgs + `)"`
	if sh == "fish" {
		eval = "stint env " + envArgs + " | source"
	}
	hint := fmt.Sprintf("this shell has no stint hook: add `%s` to %s and open a new shell", line, rc)
	if envArgs != "" {
		hint += fmt.Sprintf(", or run `%s`", eval)
	}
	return hint
}
