// Package extras generates stint's completions and man pages from the
// command tree. It is a package of its own so the test that holds it to
// .goreleaser.yaml can call it without running a program.
package extras

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/stint-sh/stint/internal/cli"
)

// Completions are the shells a completion script is written for, by the
// file name the packages install it from.
var Completions = map[string]func(root *cobra.Command, w io.Writer) error{
	"stint.bash": func(root *cobra.Command, w io.Writer) error { return root.GenBashCompletionV2(w, true) },
	"stint.zsh":  func(root *cobra.Command, w io.Writer) error { return root.GenZshCompletion(w) },
	"stint.fish": func(root *cobra.Command, w io.Writer) error { return root.GenFishCompletion(w, true) },
}

// Write generates everything into dir, replacing what an earlier run left.
func Write(dir string) error {
	root := cli.NewRoot(&cli.Deps{IO: &cli.IOStreams{Out: io.Discard, ErrOut: io.Discard}, Version: "dev"})
	root.DisableAutoGenTag = true

	compDir := filepath.Join(dir, "completions")
	manDir := filepath.Join(dir, "man")
	for _, d := range []string{compDir, manDir} {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	for name, gen := range Completions {
		var buf bytes.Buffer
		if err := gen(root, &buf); err != nil {
			return fmt.Errorf("completion %s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(compDir, name), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	header := &doc.GenManHeader{Title: "STINT", Section: "1", Source: "stint", Manual: "stint manual"}
	if err := doc.GenManTree(root, header, manDir); err != nil {
		return fmt.Errorf("man pages: %w", err)
	}
	return nil
}
