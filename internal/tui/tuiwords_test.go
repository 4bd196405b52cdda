package tui

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every fix the TUI has a key for is said with the key; the rest stay
// commands that work when pasted.
func TestTUIWordsSayTheKeyForEveryFixTheTUIHas(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"fix with `stint client edit acme`", "fix by selecting acme and pressing e"},
		{"use `stint client add acme --name X`", "press a"},
		{"set it with `stint secret set acme GH_TOKEN`", "set it by selecting acme, pressing s and setting GH_TOKEN"},
		{"with `stint secret set acme`", "by selecting acme and pressing s"},
		{"store it with `stint secret set acme API_KEY` (value on stdin), so it stays", "store it by selecting acme, pressing s and setting API_KEY, so it stays"},
		{"edit `stint note edit acme`", "edit select acme and press E"},
		{"log `stint note add acme hi`", "log select acme and press n"},
		{"run `stint stop`", "press t"},
		{"stop using this path with `stint kube rm acme --kubeconfig /home/ada/.kube/acme.yaml`, then",
			"stop using this path by selecting acme, pressing p and removing the kubeconfig /home/ada/.kube/acme.yaml, then"},
		{"drop it with `stint kube rm acme acme-old`", "drop it by selecting acme, pressing p and removing context acme-old"},
		{"choose one with `stint kube use acme acme-prod`", "choose one by selecting acme, pressing p and making acme-prod the default context"},
		{"add one with `stint kube add acme --kubeconfig PATH`", "add one by selecting acme, pressing p and adding a kubeconfig"},
		{"remove the variable with `stint unset acme TF_WORKSPACE`", "remove the variable by selecting acme, pressing p and removing TF_WORKSPACE"},
		{"like `stint set acme AWS_REGION=eu-west-1`", "like select acme, press p and set a variable"},
		{"clear the profile with `stint aws acme --profile \"\"`, or", "clear the profile by selecting acme, pressing p and changing its aws settings, or"},
		{"set it with `stint git acme --email E`", "set it by selecting acme, pressing p and changing its git settings"},
		{"mark it with `stint kube prod acme acme-prod on`", "mark it by selecting acme, pressing p and changing its production contexts"},
		{"`stint isolate acme gh`", "select acme, press p and change its isolated tools"},
		{"remove it with `stint secret rm acme GH_TOKEN`", "remove it by selecting acme, pressing p and removing the secret GH_TOKEN"},
		{"the fix is `stint client edit acme`", "the fix is select acme and press e"},
		// No key for these: they stay commands.
		{"see `stint aws creds acme`", "see `stint aws creds acme`"},
		{"see `stint kube list acme`", "see `stint kube list acme`"},
		{"run `stint doctor`", "run `stint doctor`"},
	} {
		assert.Equal(t, c.want, tuiWords(c.in), c.in)
	}
}

// A flag the TUI asks for in a form field is said as the field; the rest,
// and every flag inside a command that stays a command, are left alone.
func TestTUIWordsSayAFormFieldForItsFlag(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"overlaps entry 3 (acme, 2026-12-03 07:00–08:30): change --from/--to or edit that entry first",
			"overlaps entry 3 (acme, 2026-12-03 07:00–08:30): change From/To or edit that entry first"},
		{"entry has no start time: give --from or --at", "entry has no start time: give From or --at"},
		{"rate has no currency: give --currency, e.g. USD", "rate has no currency: give Currency, e.g. USD"},
		{"give the rate again with --rate", "give the rate again with Hourly rate"},
		{"display name is empty: give one with --name \"Acme Corp\"", "display name is empty: give one with Display name \"Acme Corp\""},
		{"--tz, --round and --color", "Time zone, Rounding increment and Colour"},
		// Not a field, or part of a longer flag, or inside a command: kept.
		{"use --round-mode up", "use --round-mode up"},
		{"raise it with --max-span", "raise it with --max-span"},
		{"see `stint report --from 2026-11-01 --to 2026-11-30`", "see `stint report --from 2026-11-01 --to 2026-11-30`"},
		{"x--from", "x--from"},
	} {
		assert.Equal(t, c.want, tuiWords(c.in), c.in)
	}
}
