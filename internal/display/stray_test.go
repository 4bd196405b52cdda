package display

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// strayPatterns are what formatting outside this package looks like, in the
// syntax of Go source rather than in its text, so comments never match.
var (
	clockFormat  = regexp.MustCompile(`%[0-9]*d:%02d`) // "%d:%02d": hours and minutes by hand
	pluralCheat  = regexp.MustCompile(`[a-z]\(s\)`)    // "client(s)": use Count
	zoneInLayout = regexp.MustCompile(`\bMST\b`)       // a layout naming the zone: use Zone/Time
)

// TestNoDurationOrZoneFormattingOutsideDisplay reads every non-test Go file
// of the program and fails on what would be a second copy of this
// package's rules: a clock format string, seconds divided into hours or
// minutes, a "(s)" plural, a layout with the zone in it, or a call of
// time.Time's Zone (labels come from Zone here).
func TestNoDurationOrZoneFormattingOutsideDisplay(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	var files int
	for _, dir := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" || path == filepath.Join(root, "internal", "display") {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			files++
			for _, problem := range strays(f) {
				t.Errorf("%s: %s: format it with internal/display", fset.Position(problem.pos), problem.what)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 100 {
		t.Fatalf("read only %d files: the walk did not find the program's source", files)
	}
}

type stray struct {
	pos  token.Pos
	what string
}

func strays(f *ast.File) []stray {
	var out []stray
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BasicLit:
			if n.Kind != token.STRING {
				return true
			}
			switch {
			case clockFormat.MatchString(n.Value):
				out = append(out, stray{n.Pos(), "a clock format " + n.Value})
			case pluralCheat.MatchString(n.Value):
				out = append(out, stray{n.Pos(), "a (s) plural " + n.Value})
			case zoneInLayout.MatchString(n.Value) && strings.Contains(n.Value, "15:04"):
				out = append(out, stray{n.Pos(), "a layout naming the zone " + n.Value})
			}
		case *ast.BinaryExpr:
			if n.Op != token.QUO && n.Op != token.REM {
				return true
			}
			for _, side := range []ast.Expr{n.X, n.Y} {
				if lit, ok := side.(*ast.BasicLit); ok && lit.Kind == token.INT && (lit.Value == "60" || lit.Value == "3600") {
					out = append(out, stray{n.Pos(), "seconds divided by " + lit.Value})
				}
			}
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Zone" && len(n.Args) == 0 {
				out = append(out, stray{n.Pos(), "a call of Time.Zone"})
			}
		}
		return true
	})
	return out
}

// TestStraysAreFound keeps the scan honest: each kind it looks for is
// found in a sample that has it, and nothing in one that does not.
func TestStraysAreFound(t *testing.T) {
	fset := token.NewFileSet()
	parse := func(src string) *ast.File {
		f, err := parser.ParseFile(fset, "sample.go", "package p\n"+src, 0)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, src := range []string{
		`var _ = fmt.Sprintf("%d:%02d", h, m)`,
		`var _ = fmt.Sprintf("%02d:%02d:%02d", h, m, s)`,
		`var _ = fmt.Sprintf("%d client(s)", n)`,
		`var _ = t.Format("2006-01-02 15:04 MST")`,
		`var _ = secs / 3600`,
		`var _ = secs % 60`,
		`func f() { name, _ := t.Zone() }`,
	} {
		if len(strays(parse(src))) != 1 {
			t.Errorf("not found once in %s", src)
		}
	}
	for _, src := range []string{
		`// a comment with %d:%02d and client(s) and 15:04 MST, secs / 3600`,
		`var _ = display.HM(secs) + total.Hours()`,
		`var _ = d / time.Minute`,
		`var _ = fmt.Sprintf("%d of %d", a, b)`,
		`var _ = time.LoadLocation("MST")`,
	} {
		if got := strays(parse(src)); len(got) != 0 {
			t.Errorf("found %v in %s", got, src)
		}
	}
}
