package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSplitName(t *testing.T) {
	for full, want := range map[string][2]string{
		"Dana Scully":           {"Dana", "Scully"},
		"Dana Katherine Scully": {"Dana Katherine", "Scully"},
		"Cher":                  {"Cher", ""},
		"":                      {"", ""},
	} {
		first, last := splitName(full)
		assert.Equal(t, want, [2]string{first, last}, full)
	}
}
