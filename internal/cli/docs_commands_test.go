package cli

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docCommand is a stint command line from a page of the documentation.
type docCommand struct {
	where string // file:line
	words []string
}

// docCommands takes every command line that starts with `stint` from the
// sh and console blocks of README.md and docs/*.md ("$ " prompts dropped,
// lines continued with \ joined), cut at a comment, pipe, redirection or
// the end of a command, and split as a shell would split it.
func docCommands(t *testing.T) []docCommand {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "docs", "*.md"))
	require.NoError(t, err)
	files = append(files, filepath.Join("..", "..", "README.md"))
	var out []docCommand
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		in, console, pending, start := false, false, "", 0
		for i, line := range strings.Split(string(raw), "\n") {
			switch {
			case strings.HasPrefix(line, "```sh"), strings.HasPrefix(line, "```console"), strings.HasPrefix(line, "```bash"):
				in, console = true, strings.HasPrefix(line, "```console")
				continue
			case strings.HasPrefix(line, "```"):
				in = false
				continue
			}
			if !in {
				continue
			}
			if console {
				var ok bool
				if line, ok = strings.CutPrefix(line, "$ "); !ok && pending == "" {
					continue
				}
			}
			if pending == "" {
				start = i + 1
			}
			if cont, ok := strings.CutSuffix(line, "\\"); ok {
				pending += cont + " "
				continue
			}
			line, pending = strings.TrimSpace(pending+line), ""
			if !strings.HasPrefix(line, "stint ") {
				continue
			}
			out = append(out, docCommand{where: filepath.Base(f) + ":" + strconv.Itoa(start), words: commandWords(line)})
		}
	}
	require.Greater(t, len(out), 100, "the docs hold more stint commands than were found")
	return out
}

// shellWords splits a command line as a POSIX shell would for the plain
// commands that docs and hints show: blanks separate, '…' and "…" quote
// (no expansion in either; $(...) and $VAR stay one word each). It stops
// at the first unquoted operator (#, |, ;, &, <, >, a closing parenthesis)
// and returns it as stop (0 when the line has none); balanced is false
// when a quote is left open.
func shellWords(line string) (words []string, stop byte, balanced bool) {
	var w strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(line) && stop == 0; i++ {
		c := line[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			w.WriteByte(c)
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ' || c == '\t':
			if in {
				words, in = append(words, w.String()), false
				w.Reset()
			}
		case strings.IndexByte("#|;&<>)", c) >= 0 && !in:
			stop = c
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words, stop, quote == 0
}

// commandWords are the words after "stint" of a documented command line.
func commandWords(line string) []string {
	words, _, _ := shellWords(line)
	return words[1:]
}

// TestEveryDocumentedCommandParses: every stint command the README and the
// docs show names commands and flags that exist, with arguments the
// command accepts — so a reader who types it gets past the parser.
func TestEveryDocumentedCommandParses(t *testing.T) {
	d := &Deps{
		IO:      NewIOStreams(strings.NewReader(""), io.Discard, io.Discard),
		Getenv:  func(string) string { return "" },
		Environ: func() []string { return nil },
		Version: "test",
	}
	for _, c := range docCommands(t) {
		root := NewRoot(d)
		cmd, rest, err := root.Find(c.words)
		if !assert.NoError(t, err, "%s: stint %s", c.where, strings.Join(c.words, " ")) {
			continue
		}
		if len(c.words) > 0 && !strings.HasPrefix(c.words[0], "-") && cmd == root {
			t.Errorf("%s: stint %s: no command %q", c.where, strings.Join(c.words, " "), c.words[0])
			continue
		}
		if err := cmd.ParseFlags(rest); err != nil {
			t.Errorf("%s: stint %s: %v", c.where, strings.Join(c.words, " "), err)
			continue
		}
		if help, _ := cmd.Flags().GetBool("help"); help || cmd.Args == nil {
			continue
		}
		if err := cmd.ValidateArgs(cmd.Flags().Args()); err != nil {
			t.Errorf("%s: stint %s: %v", c.where, strings.Join(c.words, " "), err)
		}
	}
}
