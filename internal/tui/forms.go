package tui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/workbench"
)

// clientForm holds the fields of the add and edit forms, as typed.
type clientForm struct {
	slug, name, rate, currency, round, roundMode, tz, color string
	prod, track, archived                                   bool
}

func formOf(c workbench.ClientInfo) clientForm {
	return clientForm{
		slug: c.Slug, name: c.Name, rate: c.Rate, currency: c.Currency,
		round: roundText(c.RoundMinutes), roundMode: c.RoundMode, tz: c.Timezone, color: c.Color,
		prod: c.Production, track: c.AutoTrack, archived: c.Archived,
	}
}

func roundText(minutes int) string {
	if minutes == 0 {
		return "0"
	}
	return strconv.Itoa(minutes) + "m"
}

// spec is the ClientSpec of the fields that differ from orig; for a new
// client orig is the zero form, so every field typed counts.
func (f clientForm) spec(orig clientForm, adding bool) profiles.ClientSpec {
	var s profiles.ClientSpec
	str := func(now, before string) *string {
		if now == before || (adding && now == "") {
			return nil
		}
		v := now
		return &v
	}
	s.Name = str(f.name, orig.name)
	s.Currency = str(f.currency, orig.currency)
	s.Rate = str(f.rate, orig.rate)
	s.Round = str(f.round, orig.round)
	s.RoundMode = str(f.roundMode, orig.roundMode)
	s.Timezone = str(f.tz, orig.tz)
	s.Color = str(f.color, orig.color)
	boolean := func(now, before bool) *bool {
		if now == before && !adding {
			return nil
		}
		v := now
		return &v
	}
	s.Prod = boolean(f.prod, orig.prod)
	s.Track = boolean(f.track, orig.track)
	if !adding {
		s.Archived = boolean(f.archived, orig.archived)
	}
	return s
}

// check validates one field the way `stint client add/edit` does, by
// applying it alone to a default client.
func check(spec profiles.ClientSpec) error {
	_, err := profiles.ApplySpec(profiles.NewClient("x", time.Time{}), spec)
	return err
}

func (m *Model) clientFields(f *clientForm, adding bool) []huh.Field {
	var fields []huh.Field
	if adding {
		fields = append(fields, huh.NewInput().Title("Name (slug)").Placeholder("e.g. acme").Value(&f.slug).
			Validate(func(s string) error {
				if err := profiles.ValidateSlug(s); err != nil {
					return err
				}
				return m.slugFree(s)
			}))
	}
	optional := func(s string) bool { return adding && s == "" }
	fields = append(fields,
		huh.NewInput().Title("Display name").Placeholder("e.g. Acme Corp").Value(&f.name).
			Validate(func(s string) error {
				if optional(s) {
					return nil
				}
				return check(profiles.ClientSpec{Name: &s})
			}),
		huh.NewInput().Title("Currency").Placeholder("e.g. USD").Value(&f.currency).
			Validate(func(s string) error {
				if optional(s) {
					return nil
				}
				return check(profiles.ClientSpec{Currency: &s})
			}),
		huh.NewInput().Title("Hourly rate").Placeholder("e.g. 150.00").Value(&f.rate).
			Validate(func(s string) error {
				if optional(s) {
					return nil
				}
				cur := f.currency
				if cur == "" {
					cur = "USD"
				}
				if check(profiles.ClientSpec{Currency: &cur}) != nil {
					return nil // the currency field reports its own error
				}
				return check(profiles.ClientSpec{Currency: &cur, Rate: &s})
			}),
		huh.NewInput().Title("Rounding increment").Description("15m, 1h, 6 (minutes); 0 for none").Placeholder("e.g. 0").Value(&f.round).
			Validate(func(s string) error {
				if optional(s) {
					return nil
				}
				return check(profiles.ClientSpec{Round: &s})
			}),
		huh.NewSelect[string]().Title("Round").Options(huh.NewOptions(profiles.RoundModes...)...).Value(&f.roundMode),
		huh.NewInput().Title("Time zone").Description("IANA name; empty for local time").Placeholder("e.g. Europe/Berlin").Value(&f.tz).
			Validate(func(s string) error { return check(profiles.ClientSpec{Timezone: &s}) }),
		huh.NewInput().Title("Colour").Placeholder("e.g. #ff8800").Value(&f.color).
			Validate(func(s string) error { return check(profiles.ClientSpec{Color: &s}) }),
		huh.NewConfirm().Title("Production?").Description("the TUI and prompt warn loudly").Value(&f.prod),
		huh.NewConfirm().Title("Start a timer when switching here?").Value(&f.track),
	)
	if !adding {
		fields = append(fields, huh.NewConfirm().Title("Archived?").Description("hidden from lists and pickers; time entries stay").Value(&f.archived))
	}
	return fields
}

// slugFree refuses a slug a client already has, an archived one too
// (which the list does not show).
func (m *Model) slugFree(s string) error {
	if _, exists := m.clientBySlug(s); exists {
		return badinput.Errorf("client %q already exists: select it in the list and press e to change it", s)
	}
	if slices.Contains(m.sh.archived, s) {
		return badinput.Errorf("client %q exists, archived: bring it back with `stint client edit %s --unarchive`, or pick another name", s, s)
	}
	return nil
}

// checkClient validates the client form's fields together, as `stint
// client add/edit` would the whole command line: a rate against the
// currency typed after it, the slug against clients added meanwhile.
func (m *Model) checkClient(f *clientForm, adding bool) func() (int, error) {
	return func() (int, error) {
		if adding {
			if err := m.slugFree(f.slug); err != nil {
				return 0, err
			}
		}
		if err := check(f.spec(clientForm{}, true)); err != nil {
			return clientField(err, adding), err
		}
		return 0, nil
	}
}

// clientField is the field of the client form an error is about: the one
// whose word comes first in it ("rate: amount … more decimals than EUR"
// is the rate's), the first field when none is named.
func clientField(err error, adding bool) int {
	words := [][]string{{"display name"}, {"currency"}, {"rate"}, {"round"}, {"round mode", "round-mode"},
		{"zone"}, {"colour", "color"}, {"production"}, {"track"}, {"archive"}}
	if adding {
		words = append([][]string{{"client name", "already exists", "archived", "slug"}}, words[:len(words)-1]...)
	}
	msg := strings.ToLower(err.Error())
	best, at := 0, len(msg)+1
	for i, ws := range words {
		for _, w := range ws {
			if j := strings.Index(msg, w); j >= 0 && j < at {
				best, at = i, j
			}
		}
	}
	return best
}

func (m *Model) openAddForm() tea.Cmd {
	f := &clientForm{roundMode: "up", track: true}
	return m.openForm(&formSpec{
		title:  "Add a client",
		fields: func() []huh.Field { return m.clientFields(f, true) },
		check:  m.checkClient(f, true),
		focus:  func(err error) int { return clientField(err, true) },
		submit: func() tea.Cmd { return m.sh.fx.addClient(f.slug, f.spec(clientForm{}, true)) },
	})
}

func (m *Model) openEditForm() tea.Cmd {
	c, ok := m.selected()
	if !ok {
		return nil
	}
	orig := formOf(c)
	f := new(clientForm)
	*f = orig
	submit := func() tea.Cmd {
		spec := f.spec(orig, false)
		if spec == (profiles.ClientSpec{}) {
			m.note("Nothing changed")
			return nil
		}
		save := m.sh.fx.editClient(c.Slug, spec)
		if f.archived && !orig.archived {
			m.dialog.Confirm(fmt.Sprintf("Archive %s? It disappears from lists and pickers.", c.Slug), save)
			return nil
		}
		return save
	}
	return m.openForm(&formSpec{
		title:  "Edit " + c.Slug,
		fields: func() []huh.Field { return m.clientFields(f, false) },
		check:  m.checkClient(f, false),
		focus:  func(err error) int { return clientField(err, false) },
		submit: submit,
	})
}

// openSecretForm asks for a secret's name and, masked, its value. The value
// lives only in the form and the command that hands it to the keyring.
func (m *Model) openSecretForm() tea.Cmd {
	c, ok := m.selected()
	if !ok {
		return nil
	}
	var name, value string
	existing := m.detail.secretNames(c.Slug)
	plain := m.detail.plainVars(c.Slug)
	validName := func(s string) error {
		if err := profiles.ValidateEnvName(s); err != nil {
			return err
		}
		if _, ok := plain[s]; ok {
			return badinput.Errorf("%s is a plain variable of %s: a secret of that name would hide it; pick another name, or remove the variable with `stint unset %s %s`", s, c.Slug, c.Slug, s)
		}
		return nil
	}
	fields := func() []huh.Field {
		return []huh.Field{
			huh.NewInput().Title("Secret variable").Placeholder("e.g. GITHUB_TOKEN").Value(&name).
				Validate(validName),
			huh.NewInput().Title("Value").Description("never shown, stored only in the OS keyring").
				EchoMode(huh.EchoModePassword).Value(&value).
				Validate(func(s string) error {
					if s == "" {
						return errors.New("the value is empty: type or paste it")
					}
					if strings.ContainsRune(s, 0) {
						return errors.New("the value contains a NUL byte, which no environment can hold")
					}
					return nil
				}),
		}
	}
	check := func() (int, error) { return 0, validName(name) }
	return m.openForm(&formSpec{title: "Set a secret of " + c.Slug, fields: fields, check: check,
		// A failed save keeps the name; the value is never kept.
		focus: func(error) int { return 1 }, submit: func() tea.Cmd {
			save := m.sh.fx.setSecret(c.Slug, name, value)
			chosen := name
			value = "" // from here on the command holds the only copy
			if slices.Contains(existing, chosen) {
				m.dialog.Confirm(fmt.Sprintf("%s already has a secret %s: replace its value?", c.Slug, chosen), save)
				return nil
			}
			return save
		}})
}

func (m *Model) openNoteForm() tea.Cmd {
	c, ok := m.selected()
	if !ok {
		return nil
	}
	var text string
	fields := func() []huh.Field {
		return []huh.Field{huh.NewInput().Title("Log line for " + c.Slug).Placeholder("e.g. rotated the staging DB password").Value(&text).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return errors.New("the note is empty: type what happened")
				}
				return nil
			})}
	}
	return m.openForm(&formSpec{title: "Add a note to " + c.Slug, fields: fields,
		focus: func(error) int { return 0 },
		submit: func() tea.Cmd {
			return m.sh.fx.addNote(c.Slug, strings.TrimSpace(text))
		}})
}

// openForm shows a form in the body's place.
func (m *Model) openForm(spec *formSpec) tea.Cmd {
	m.flash = flash{}
	m.saving = nil
	return m.form.Open(spec, 0)
}

// reopenForm shows again the form whose save failed with err: what was
// typed is still there, the field err is about has the focus, and err is
// in the box over it.
func (m *Model) reopenForm(spec *formSpec, err error) tea.Cmd {
	m.fail(err.Error())
	return m.form.Open(spec, spec.focus(err))
}

// updateForm passes a message to the open form and acts when it completes
// or is cancelled.
func (m *Model) updateForm(msg tea.Msg) tea.Cmd {
	switch res, cmd := m.form.Update(msg); res {
	case formDone:
		// The submit may have asked first: then the dialog is open and
		// nothing loads yet. A form that can be reopened waits for its
		// save's answer.
		if spec := m.form.lastDone; spec != nil && spec.focus != nil {
			m.saving = spec
		}
		return tea.Batch(cmd, m.ensureDetail())
	case formInvalid:
		m.fail(m.form.Problem().Error())
		return cmd
	case formCancelled:
		m.note("Cancelled")
		return m.ensureDetail()
	default:
		return cmd
	}
}
