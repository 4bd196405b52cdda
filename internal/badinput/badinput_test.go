package badinput

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/stretchr/testify/assert"
)

type typed struct{ what string }

func (e *typed) Error() string { return e.what }

func TestMarksWrap(t *testing.T) {
	cause := &typed{"overlaps entry 1"}
	for _, c := range []struct {
		name  string
		err   error
		input bool
	}{
		{"nil", nil, false},
		{"plain", errors.New("disk full"), false},
		{"Errorf", Errorf("--at %q is not a time", "noon"), true},
		{"Wrap", Wrap(cause), true},
		{"Errorf with %w", Errorf("--from: %w", cause), true},
		{"wrapped again", fmt.Errorf("cannot add: %w", Wrap(cause)), true},
		{"joined", errors.Join(errors.New("first"), Wrap(cause)), true},
		{"Failed", Failed(Wrap(cause)), false},
		{"Failed, wrapped again", fmt.Errorf("switch: %w", Failed(Wrap(cause))), false},
		{"input around Failed", Wrap(Failed(Wrap(cause))), true},
	} {
		assert.Equal(t, c.input, Is(c.err), c.name)
	}

	err := fmt.Errorf("cannot add: %w", Wrap(cause))
	var got *typed
	assert.True(t, errors.As(err, &got), "the typed error is still found")
	assert.Same(t, cause, got)
	assert.True(t, errors.Is(Failed(Wrap(fs.ErrNotExist)), fs.ErrNotExist), "Failed hides nothing from errors.Is")
	assert.Equal(t, "cannot add: overlaps entry 1", err.Error(), "marks add nothing to the message")
	assert.Nil(t, Wrap(nil))
	assert.Nil(t, Failed(nil))
	in := Wrap(cause)
	assert.Same(t, in, Wrap(in), "marked once")
}
