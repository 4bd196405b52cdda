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
				if _, exists := m.clientBySlug(s); exists {
					return badinput.Errorf("client %q already exists: change it with `stint client edit %s`", s, s)
				}
				return nil
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

func (m *Model) openAddForm() tea.Cmd {
	f := &clientForm{roundMode: "up", track: true}
	return m.openForm("Add a client", m.clientFields(f, true), func() tea.Cmd {
		return m.sh.fx.addClient(f.slug, f.spec(clientForm{}, true))
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
	return m.openForm("Edit "+c.Slug, m.clientFields(f, false), func() tea.Cmd {
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
	fields := []huh.Field{
		huh.NewInput().Title("Secret variable").Placeholder("e.g. GITHUB_TOKEN").Value(&name).
			Validate(profiles.ValidateEnvName),
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
	return m.openForm("Set a secret of "+c.Slug, fields, func() tea.Cmd {
		save := m.sh.fx.setSecret(c.Slug, name, value)
		chosen := name
		value = "" // from here on the command holds the only copy
		if slices.Contains(existing, chosen) {
			m.dialog.Confirm(fmt.Sprintf("%s already has a secret %s: replace its value?", c.Slug, chosen), save)
			return nil
		}
		return save
	})
}

func (m *Model) openNoteForm() tea.Cmd {
	c, ok := m.selected()
	if !ok {
		return nil
	}
	var text string
	fields := []huh.Field{
		huh.NewInput().Title("Log line for " + c.Slug).Placeholder("e.g. rotated the staging DB password").Value(&text).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return errors.New("the note is empty: type what happened")
				}
				return nil
			}),
	}
	return m.openForm("Add a note to "+c.Slug, fields, func() tea.Cmd {
		return m.sh.fx.addNote(c.Slug, strings.TrimSpace(text))
	})
}

// openForm shows a form in the body's place; submit is what completing
// it does.
func (m *Model) openForm(title string, fields []huh.Field, submit formSubmit) tea.Cmd {
	m.flash = flash{}
	return m.form.Open(title, fields, submit)
}

// updateForm passes a message to the open form and acts when it completes
// or is cancelled.
func (m *Model) updateForm(msg tea.Msg) tea.Cmd {
	switch res, cmd := m.form.Update(msg); res {
	case formDone:
		// The submit may have asked first: then the dialog is open and
		// nothing loads yet.
		return tea.Batch(cmd, m.ensureDetail())
	case formCancelled:
		m.note("Cancelled")
		return m.ensureDetail()
	default:
		return cmd
	}
}
