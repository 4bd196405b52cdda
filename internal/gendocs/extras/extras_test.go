package extras

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/stint-sh/stint/internal/testenv"
)

// goreleaserConfig is the part of .goreleaser.yaml that names files of this
// repository: the before-hooks, and what archives and packages carry.
type goreleaserConfig struct {
	Before struct {
		Hooks []string `yaml:"hooks"`
	} `yaml:"before"`
	Archives []struct {
		Files []yaml.Node `yaml:"files"`
	} `yaml:"archives"`
	Nfpms []struct {
		Contents []struct {
			Src string `yaml:"src"`
		} `yaml:"contents"`
	} `yaml:"nfpms"`
}

const extraDir = "build/extra"

func repoRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	require.NoError(t, err)
	return strings.TrimSpace(string(out))
}

func readConfig(t *testing.T, root string) goreleaserConfig {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(root, ".goreleaser.yaml"))
	require.NoError(t, err)
	var cfg goreleaserConfig
	require.NoError(t, yaml.Unmarshal(raw, &cfg))
	require.NotEmpty(t, cfg.Archives, "no archives in .goreleaser.yaml")
	require.NotEmpty(t, cfg.Nfpms, "no nfpms in .goreleaser.yaml")
	return cfg
}

// A release runs from a clean clone: every hook must name a script that is
// committed and executable, or a command on every builder's PATH (go).
func TestGoreleaserHooksNameCommittedScripts(t *testing.T) {
	root := repoRoot(t)
	cfg := readConfig(t, root)
	require.NotEmpty(t, cfg.Before.Hooks)
	for _, hook := range cfg.Before.Hooks {
		prog := strings.Fields(hook)[0]
		if prog == "go" {
			continue
		}
		require.Truef(t, strings.HasPrefix(prog, "scripts/"), "hook %q: run a script of scripts/ or go", hook)
		info, err := os.Stat(filepath.Join(root, prog))
		require.NoErrorf(t, err, "hook %q names a missing script", hook)
		require.NotZerof(t, info.Mode()&0o111, "hook %q: %s is not executable", hook, prog)
		tracked, err := exec.Command(testenv.Program(t, "git"), "-C", root, "ls-files", "--error-unmatch", prog).CombinedOutput()
		require.NoErrorf(t, err, "hook %q: %s is not committed: %s", hook, prog, tracked)
	}
}

// Everything the archives and packages take from build/extra is made by
// Write, and the generated man pages and completions are usable.
func TestWriteMakesWhatTheReleaseCarries(t *testing.T) {
	root := repoRoot(t)
	cfg := readConfig(t, root)
	out := t.TempDir()
	require.NoError(t, Write(out))

	var globs []string
	for _, a := range cfg.Archives {
		for _, f := range a.Files {
			src := f.Value
			if f.Kind == yaml.MappingNode {
				var m struct {
					Src string `yaml:"src"`
				}
				require.NoError(t, f.Decode(&m))
				src = m.Src
			}
			globs = append(globs, src)
		}
	}
	for _, n := range cfg.Nfpms {
		for _, c := range n.Contents {
			globs = append(globs, c.Src)
		}
	}
	extras := 0
	for _, g := range globs {
		var matches []string
		var err error
		if rest, ok := strings.CutPrefix(g, extraDir+"/"); ok {
			extras++
			matches, err = filepath.Glob(filepath.Join(out, rest))
		} else {
			matches, err = filepath.Glob(filepath.Join(root, g))
		}
		require.NoError(t, err)
		require.NotEmptyf(t, matches, "%s in .goreleaser.yaml matches nothing", g)
	}
	require.Positive(t, extras, "the release carries nothing from %s", extraDir)

	man, err := os.ReadFile(filepath.Join(out, "man", "stint-switch.1"))
	require.NoError(t, err)
	require.Contains(t, string(man), ".TH \"STINT\" \"1\"")
	for name := range Completions {
		b, err := os.ReadFile(filepath.Join(out, "completions", name))
		require.NoError(t, err)
		require.Contains(t, string(b), "stint", name)
	}
}
