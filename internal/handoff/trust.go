package handoff

import (
	"slices"
	"strings"
)

// codeRunningVars are variables whose value makes a shell or a program run
// code, load a library or pick the executable it runs. A bundle comes from
// someone else, and every variable it holds is exported at the next switch
// to the client: PROMPT_COMMAND, LD_PRELOAD or a PATH in a bundle is code
// execution from a file someone sent you. The list is not the boundary —
// no list can be complete; everything a bundle brings waits for review
// (`stint client review`/`allow`, docs/design.md) — it is what the review,
// the import and `stint set` name loudest.
//
// The one list: add a name here and every one of those marks it.
var codeRunningVars = []string{
	// Shells: prompts are expanded (and PROMPT_COMMAND run) before every
	// prompt; BASH_ENV, ENV and ZDOTDIR name startup files.
	"PROMPT_COMMAND", "PS0", "PS1", "PS2", "PS3", "PS4", "BASH_ENV", "ENV", "ZDOTDIR",
	"SHELL", "FPATH", "SHELLOPTS", "BASHOPTS", "IFS",
	// Which executables run at all.
	"PATH",
	// git runs these as commands, or reads config (which can run commands)
	// from where they point.
	"GIT_SSH", "GIT_SSH_COMMAND", "GIT_EXEC_PATH", "GIT_ASKPASS", "SSH_ASKPASS", "GIT_EDITOR",
	"GIT_SEQUENCE_EDITOR", "GIT_PAGER", "GIT_EXTERNAL_DIFF", "GIT_PROXY_COMMAND", "GIT_TEMPLATE_DIR",
	"GIT_CONFIG", "GIT_DIR",
	// Commands many tools run for you.
	"PAGER", "MANPAGER", "LESSOPEN", "LESSCLOSE", "EDITOR", "VISUAL", "BROWSER", "KUBE_EDITOR",
	"KUBECTL_EXTERNAL_DIFF",
	// Language runtimes: startup code, module paths, command-line options.
	"PYTHONSTARTUP", "PYTHONPATH", "PYTHONHOME", "PYTHONWARNINGS", "NODE_OPTIONS", "NODE_PATH",
	"PERL5OPT", "PERL5LIB", "PERLLIB", "PERL5DB", "RUBYOPT", "RUBYLIB",
	"JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH",
	// glibc loads conversion modules from here.
	"GCONV_PATH",
}

// codeRunningPrefixes are whole families: the dynamic loaders' variables
// (LD_PRELOAD, LD_LIBRARY_PATH, LD_AUDIT, DYLD_INSERT_LIBRARIES …) and git's
// config-from-environment (GIT_CONFIG_COUNT, GIT_CONFIG_KEY_n,
// GIT_CONFIG_PARAMETERS, GIT_CONFIG_GLOBAL …), which can set core.sshCommand
// or an alias to any command.
var codeRunningPrefixes = []string{"LD_", "DYLD_", "GIT_CONFIG_", "BASH_FUNC_"}

// RunsCode reports whether a variable named name can make a shell or a
// program run code or load a library of its value's choosing.
func RunsCode(name string) bool {
	if slices.Contains(codeRunningVars, name) {
		return true
	}
	for _, prefix := range codeRunningPrefixes {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// CodeRunning lists, sorted, the names among the bundle's variables and
// secrets that RunsCode: what import refuses unless the user trusts the
// sender.
func CodeRunning(b Bundle) []string {
	var out []string
	for name := range b.Vars {
		if RunsCode(name) {
			out = append(out, name)
		}
	}
	for _, name := range b.Secrets {
		if RunsCode(name) && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
