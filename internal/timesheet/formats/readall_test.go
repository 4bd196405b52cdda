package formats

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shortLen says it holds less than it does, as a file that grew since its
// size was taken.
type shortLen struct{ *strings.Reader }

func (s shortLen) Len() int { return s.Reader.Len() / 2 }

func TestReadAllReadsEverythingWhateverTheReaderSays(t *testing.T) {
	want := strings.Repeat("[{\"id\":1}]\n", 1000)
	path := filepath.Join(t.TempDir(), "export.json")
	require.NoError(t, os.WriteFile(path, []byte(want), 0o600))
	for name, open := range map[string]func() io.Reader{
		"a file": func() io.Reader {
			f, err := os.Open(path)
			require.NoError(t, err)
			t.Cleanup(func() { f.Close() })
			return f
		},
		"a bytes.Reader":       func() io.Reader { return bytes.NewReader([]byte(want)) },
		"a bytes.Buffer":       func() io.Reader { return bytes.NewBufferString(want) },
		"a reader of no size":  func() io.Reader { return io.MultiReader(strings.NewReader(want[:7]), strings.NewReader(want[7:])) },
		"a size that is short": func() io.Reader { return shortLen{strings.NewReader(want)} },
		"an empty reader":      func() io.Reader { return strings.NewReader("") },
		"a device, not a file": func() io.Reader {
			f, err := os.Open(os.DevNull)
			require.NoError(t, err)
			t.Cleanup(func() { f.Close() })
			return f
		},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := ReadAll(open())
			require.NoError(t, err)
			switch name {
			case "an empty reader", "a device, not a file":
				assert.Empty(t, got)
			default:
				assert.Equal(t, want, string(got))
			}
		})
	}

	// A buffer's content is handed back where it is, and the buffer is read.
	data := []byte(want)
	buf := bytes.NewBuffer(data)
	got, err := ReadAll(buf)
	require.NoError(t, err)
	assert.Same(t, &data[0], &got[0])
	assert.Zero(t, buf.Len())
}
