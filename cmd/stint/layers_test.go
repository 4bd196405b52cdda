package main

import (
	"errors"
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/stint-sh/stint/"

// The layers of docs/design.md ("Layers"), lowest first. A package may
// import packages of a lower layer, and of its own layer where the row
// says so; Go forbids the cycles. A new package must be placed here (and in
// docs/design.md) before its tests pass: the table is the map.
type layer int

const (
	edge layer = iota
	domain
	component
	root
	frontEnd
	entry
	testSupport // imported by tests only, whatever it imports itself
)

var layerOf = map[string]layer{
	"cmd/stint":                    entry,
	"internal/gendocs":             entry, // a build-time command of its own
	"internal/gendocs/extras":      frontEnd,
	"internal/cli":                 frontEnd,
	"internal/tui":                 frontEnd,
	"internal/workbench":           root,
	"internal/workbench/awsaccess": component,
	"internal/workbench/clients":   component,
	"internal/workbench/clock":     component,
	"internal/workbench/doctor":    component,
	"internal/workbench/handover":  component,
	"internal/workbench/identity":  component,
	"internal/workbench/notes":     component,
	"internal/workbench/reports":   component,
	"internal/workbench/repos":     component,
	"internal/workbench/session":   component,
	"internal/workbench/timer":     component,
	"internal/profiles":            domain,
	"internal/profiles/kube":       domain,
	"internal/shell":               domain,
	"internal/timesheet":           domain,
	"internal/timesheet/formats":   domain,
	"internal/timesheet/annex":     domain,
	"internal/handoff":             domain,
	"internal/settings":            domain,
	"internal/guard":               domain,
	"internal/awscreds":            domain,
	"internal/display":             domain,
	"internal/money":               domain,
	"internal/badinput":            domain,
	"internal/store":               edge,
	"internal/secrets":             edge,
	"internal/secrets/quickget":    edge,
	"internal/paths":               edge,
	"internal/atomicfile":          edge,
	"internal/evalfile":            edge,
	"internal/testenv":             testSupport,
	"internal/golden":              testSupport,
	"internal/store/storetest":     testSupport,
	"internal/awscreds/awsstandin": testSupport,
}

// sameLayerAllowed: edge and domain packages build on their own kind, components declare
// other components as dependencies, the CLI starts the TUI.
var sameLayerAllowed = map[layer]bool{edge: true, domain: true, component: true, frontEnd: true}

// edgeMayUse are the dependency-free domain packages an edge package may
// format or mark its errors with.
var edgeMayUse = map[string]bool{"internal/display": true, "internal/badinput": true}

// refused names imports that the layers alone would allow but the design
// rules out: the TUI reaches the database and keyring through the
// workbench only, so it cannot compute what the CLI computes differently.
var refused = map[string][]string{
	"internal/tui": {"internal/store", "internal/secrets", "internal/cli"},
}

func TestImportsFollowTheLayersOfDesignMD(t *testing.T) {
	pkgs := repoPackages(t)
	require.Contains(t, pkgs, "internal/workbench", "the walk found the packages")

	var unplaced []string
	for dir := range pkgs {
		if _, ok := layerOf[dir]; !ok {
			unplaced = append(unplaced, dir)
		}
	}
	sort.Strings(unplaced)
	assert.Empty(t, unplaced, "place these packages in a layer here and in docs/design.md")

	for dir, imports := range pkgs {
		from, ok := layerOf[dir]
		if !ok {
			continue
		}
		for _, imp := range imports {
			to, ok := layerOf[imp]
			if !ok {
				continue // reported above, or outside internal (bench, e2e)
			}
			assert.Truef(t, allowed(dir, from, imp, to), "%s (%s) imports %s (%s): see docs/design.md, Layers", dir, from, imp, to)
		}
		for _, imp := range refused[dir] {
			assert.NotContainsf(t, imports, imp, "%s imports %s: see docs/design.md, Layers", dir, imp)
		}
	}
	for name, l := range layerOf {
		_, found := pkgs[name]
		assert.Truef(t, found, "%s (%s) is in the table but not in the tree: drop it here and in docs/design.md", name, l)
	}
}

func allowed(fromDir string, from layer, toDir string, to layer) bool {
	switch {
	case to == testSupport:
		return from == testSupport
	case from == testSupport:
		return true
	case from == edge && edgeMayUse[toDir]:
		return true
	case to < from:
		return true
	case to == from:
		return sameLayerAllowed[from]
	}
	return false
}

// repoPackages maps every package directory under internal/ and cmd/
// (relative to the module root) to the module packages its non-test files
// import, read from the files themselves so the test needs no go command.
func repoPackages(t *testing.T) map[string][]string {
	t.Helper()
	top, err := filepath.Abs("../..")
	require.NoError(t, err)
	out := map[string][]string{}
	for _, start := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(top, start), func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return err
			}
			if name := d.Name(); name == "testdata" || strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			pkg, err := build.ImportDir(path, 0)
			var noGo *build.NoGoError
			if errors.As(err, &noGo) {
				return nil
			}
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(top, path)
			if err != nil {
				return err
			}
			var mine []string
			for _, imp := range pkg.Imports {
				if strings.HasPrefix(imp, module) {
					mine = append(mine, strings.TrimPrefix(imp, module))
				}
			}
			out[filepath.ToSlash(rel)] = mine
			return nil
		})
		require.NoError(t, err)
	}
	return out
}

func (l layer) String() string {
	return [...]string{"edge", "domain", "component", "composition root", "front end", "entry", "test support"}[l]
}

// The design the code cites is docs/design.md and the command-line contract
// docs/cli.md, both in the repository: a comment or document pointing at a
// design file outside it sends the next engineer nowhere.
func TestNothingCitesADesignOutsideTheRepository(t *testing.T) {
	top, err := filepath.Abs("../..")
	require.NoError(t, err)
	outside := []string{"DESIGN.md", "CLI.md"} // case matters: docs/cli.md is ours
	checked := 0
	err = filepath.WalkDir(top, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); strings.HasPrefix(name, ".") && path != top || name == "testdata" || name == "bin" || name == "dist" || name == "build" {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".md", ".sh", ".yaml", ".yml", "":
		default:
			return nil
		}
		if filepath.Base(path) == "layers_test.go" {
			return nil // this file names them to look for them
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		for _, name := range outside {
			assert.Falsef(t, strings.Contains(string(body), name), "%s cites %s: cite docs/design.md or docs/cli.md instead", path, name)
		}
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, checked, 100, "the walk read the repository")
}
