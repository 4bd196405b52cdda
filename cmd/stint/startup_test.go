package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// compilers are the calls that parse a pattern or a template. Every stint
// command links every package, so one of these in a package-level variable
// runs at init on every start, the shell hook's included (docs/design.md,
// "Budgets"; docs/performance.md). They belong behind sync.OnceValue or in
// the function that needs them.
var compilers = map[string]bool{
	"regexp.MustCompile": true, "regexp.Compile": true,
	"regexp.MustCompilePOSIX": true, "regexp.CompilePOSIX": true,
	"template.Must": true, "template.New": true,
}

// TestNothingIsCompiledAtInit finds package-level variables whose value
// compiles a regexp or parses a template outside a function literal.
func TestNothingIsCompiledAtInit(t *testing.T) {
	root := filepath.Join("..", "..")
	var found []string
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.VAR {
				continue
			}
			for _, spec := range gen.Specs {
				for _, value := range spec.(*ast.ValueSpec).Values {
					if call := compileCall(value); call != "" {
						found = append(found, fset.Position(value.Pos()).String()+": "+call)
					}
				}
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Empty(t, found, "compiled at init on every start; wrap in sync.OnceValue")
}

// compileCall names the first compiler called in expr outside a function
// literal ("" when none is).
func compileCall(expr ast.Expr) string {
	var name string
	ast.Inspect(expr, func(n ast.Node) bool {
		if name != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // runs when called, not at init
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				if pkg, ok := sel.X.(*ast.Ident); ok && compilers[pkg.Name+"."+sel.Sel.Name] {
					name = pkg.Name + "." + sel.Sel.Name
				}
			}
		}
		return true
	})
	return name
}
