package guard

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Marker is the file that marks a directory of shims: a shim looking for
// the real tool on PATH skips every directory that has one, so shims of two
// stint homes (or two copies of the directory) never call each other.
const Marker = ".stint-guard"

// Shim is the POSIX sh script installed as tool in the guard directory, at
// the front of a switched shell's PATH. It finds the verb the way Classify
// does (the same tables, written out as sh) and execs the real tool — the
// first one on PATH outside a guard directory — directly for everything
// that changes nothing, so a read costs one small sh process. A mutating
// command goes to `stint guard`, which decides with Classify and the
// database. stint is the absolute path of the stint binary.
func Shim(tool, stint string, extra []Rule) string {
	fam := FamilyOf(tool)
	var b strings.Builder
	fmt.Fprintf(&b, "#!/bin/sh\n# stint's production guard for %s, written by stint on a switch (see docs/safety.md).\n", tool)
	b.WriteString("# Reads exec the real tool at once; commands that change something go through `stint guard`.\n")
	b.WriteString("n=0 w1= w2= w3= w4= skip= dry= m=\nfor a do\n")
	b.WriteString("  if [ -n \"$skip\" ]; then skip=; continue; fi\n  case $a in\n  --) break ;;\n")
	if fam == Kubectl || fam == Helm {
		b.WriteString("  --dry-run|--dry-run=client|--dry-run=server|--dry-run=true) dry=1 ;;\n")
	}
	if flags := valueFlags[fam]; len(flags) > 0 {
		fmt.Fprintf(&b, "  %s) skip=1 ;;\n", strings.Join(flags, "|"))
	}
	b.WriteString("  -?*) ;;\n  *) n=$((n + 1)); case $n in 1) w1=$a ;; 2) w2=$a ;; 3) w3=$a ;; 4) w4=$a ;; esac ;;\n  esac\ndone\n")

	b.WriteString("case $w1 in\n")
	table := tables[fam]
	verbs := make([]string, 0, len(table))
	for v := range table {
		verbs = append(verbs, v)
	}
	slices.Sort(verbs)
	var plain []string
	for _, name := range verbs {
		v := table[name]
		if v.subs == nil {
			if v.mutating {
				plain = append(plain, name)
			}
			continue
		}
		var yes, no []string
		for s, m := range v.subs {
			if m {
				yes = append(yes, s)
			} else {
				no = append(no, s)
			}
		}
		slices.Sort(yes)
		slices.Sort(no)
		fmt.Fprintf(&b, "%s) if [ $n -ge 2 ]; then case $w2 in ", name)
		if len(yes) > 0 {
			fmt.Fprintf(&b, "%s) m=1 ;; ", strings.Join(yes, "|"))
		}
		if len(no) > 0 {
			fmt.Fprintf(&b, "%s) ;; ", strings.Join(no, "|"))
		}
		if v.readOther {
			b.WriteString("*) ;; ")
		} else {
			b.WriteString("*) m=1 ;; ")
		}
		b.WriteString("esac")
		if v.bare {
			b.WriteString("; else m=1")
		}
		b.WriteString("; fi ;;\n")
	}
	if len(plain) > 0 {
		fmt.Fprintf(&b, "%s) m=1 ;;\n", strings.Join(plain, "|"))
	}
	b.WriteString("esac\n")
	for _, r := range extra {
		if r.Tool != tool || len(r.Words) > maxWords {
			continue
		}
		conds := []string{fmt.Sprintf("[ $n -ge %d ]", len(r.Words))}
		for i, w := range r.Words {
			conds = append(conds, fmt.Sprintf("[ \"$w%d\" = %s ]", i+1, shQuote(w)))
		}
		fmt.Fprintf(&b, "%s && m=1\n", strings.Join(conds, " && "))
	}
	if fam == Kubectl || fam == Helm {
		b.WriteString("[ -z \"$dry\" ] || m=\n")
	}
	qt := shQuote(tool)
	fmt.Fprintf(&b, "real=\nIFS=:\nset -f\nfor d in $PATH; do\n  [ -n \"$d\" ] || d=.\n  [ ! -e \"$d/%s\" ] || continue\n", Marker)
	fmt.Fprintf(&b, "  if [ -f \"$d/\"%s ] && [ -x \"$d/\"%s ]; then real=$d/%s; break; fi\ndone\n", qt, qt, qt)
	fmt.Fprintf(&b, "if [ -z \"$real\" ]; then printf '%%s\\n' %s >&2; exit 127; fi\n",
		shQuote("stint: "+tool+": command not found on PATH"))
	fmt.Fprintf(&b, "if [ -n \"$m\" ]; then exec %s guard --real \"$real\" -- %s \"$@\"; fi\n", shQuote(stint), qt)
	b.WriteString("exec \"$real\" \"$@\"\n")
	return b.String()
}

// shQuote quotes s for sh in single quotes.
func shQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// WriteShims makes dir hold exactly the shims of tools (and the marker):
// each written only when its content changed, through a rename, already
// executable, so a shell running the tool meanwhile sees the old shim or
// the new one, never a half-written or non-executable file (which PATH
// lookup would skip, running the real tool unguarded). Shims of tools no
// longer listed are removed. dir must exist (a private directory).
func WriteShims(dir, stint string, tools []string, extra []Rule) error {
	if err := writeIfChanged(filepath.Join(dir, Marker), []byte("stint production guard shims\n"), 0o600); err != nil {
		return err
	}
	keep := map[string]bool{Marker: true}
	for _, tool := range tools {
		keep[tool] = true
		if err := writeIfChanged(filepath.Join(dir, tool), []byte(Shim(tool, stint, extra)), 0o700); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !keep[e.Name()] && !strings.HasPrefix(e.Name(), ".tmp-") {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return nil
}

func writeIfChanged(path string, content []byte, mode os.FileMode) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, content) {
		if info, err := os.Stat(path); err == nil && info.Mode().Perm() == mode {
			return nil
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("cannot write the guard's %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename; there after a failure
	_, werr := tmp.Write(content)
	cerr := tmp.Close()
	if err := cmpErr(werr, cerr, os.Chmod(tmp.Name(), mode)); err != nil {
		return fmt.Errorf("cannot write the guard's %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write the guard's %s: %w", path, err)
	}
	return nil
}

func cmpErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
