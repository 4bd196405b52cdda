package shell

import (
	"fmt"
	"slices"
	"strings"
)

// A switch changes the running shell, not just the environment of programs
// it starts. The names below are the ones bash, zsh or fish use themselves:
// assigning one fails (read-only), is ignored or rewritten by the shell, or
// changes the shell — its prompt, history, locale, command lookup, idle
// timeout, even its user id (zsh's UID, EUID, GID, EGID and USERNAME call
// setuid and friends). None of them may be part of a client's environment:
// CheckName refuses them when they are stored (set, secret set, handoff
// import) and again when a switch is worked out. The lists are the shells'
// own documentation, whole; names_shells_test.go checks them against the
// shells installed here, so a new shell version cannot make them go stale
// silently.

// bashNames are the shell variables of the bash manual (bash 5.3, "Shell
// Variables": "Bourne Shell Variables" and "Bash Variables").
var bashNames = []string{
	// Bourne Shell Variables
	"CDPATH", "HOME", "IFS", "MAIL", "MAILPATH", "OPTARG", "OPTIND", "PATH", "PS1", "PS2",
	// Bash Variables
	"_", "BASH", "BASHOPTS", "BASHPID", "BASH_ALIASES", "BASH_ARGC", "BASH_ARGV", "BASH_ARGV0",
	"BASH_CMDS", "BASH_COMMAND", "BASH_COMPAT", "BASH_ENV", "BASH_EXECUTION_STRING", "BASH_LINENO",
	"BASH_LOADABLES_PATH", "BASH_MONOSECONDS", "BASH_REMATCH", "BASH_SOURCE", "BASH_SUBSHELL",
	"BASH_TRAPSIG", "BASH_VERSINFO", "BASH_VERSION", "BASH_XTRACEFD", "CHILD_MAX", "COLUMNS",
	"COMP_CWORD", "COMP_KEY", "COMP_LINE", "COMP_POINT", "COMP_TYPE", "COMP_WORDBREAKS",
	"COMP_WORDS", "COMPREPLY", "COPROC", "DIRSTACK", "EMACS", "ENV", "EPOCHREALTIME",
	"EPOCHSECONDS", "EUID", "EXECIGNORE", "FCEDIT", "FIGNORE", "FUNCNAME", "FUNCNEST",
	"GLOBIGNORE", "GLOBSORT", "GROUPS", "histchars", "HISTCMD", "HISTCONTROL", "HISTFILE",
	"HISTFILESIZE", "HISTIGNORE", "HISTSIZE", "HISTTIMEFORMAT", "HOSTFILE", "HOSTNAME",
	"HOSTTYPE", "IGNOREEOF", "INPUTRC", "INSIDE_EMACS", "LANG", "LC_ALL", "LC_COLLATE",
	"LC_CTYPE", "LC_MESSAGES", "LC_NUMERIC", "LC_TIME", "LINENO", "LINES", "MACHTYPE",
	"MAILCHECK", "MAPFILE", "OLDPWD", "OPTERR", "OSTYPE", "PIPESTATUS", "POSIXLY_CORRECT",
	"PPID", "PROMPT_COMMAND", "PROMPT_DIRTRIM", "PS0", "PS3", "PS4", "PWD", "RANDOM",
	"READLINE_ARGUMENT", "READLINE_LINE", "READLINE_MARK", "READLINE_POINT", "REPLY",
	"SECONDS", "SHELL", "SHELLOPTS", "SHLVL", "SRANDOM", "TIMEFORMAT", "TMOUT", "TMPDIR",
	"UID", "auto_resume",
	// Not in the manual, but bash sets it to "dumb" when it is missing.
	"TERM",
}

// zshNames are zsh's special and read-only parameters (zsh 5.9): those
// marked <S> in zshparam(1) "Parameters Set By The Shell" and "Parameters
// Used By The Shell", the read-only ones it names there, the parameters of
// the modules in zshmodules(1) (zsh/parameter, zsh/datetime, zsh/system,
// zsh/mapfile, zsh/terminfo, zsh/termcap, zsh/langinfo, zsh/zleparameter,
// zsh/curses, zsh/zftp, zsh/db/gdbm, zsh/sched, zsh/watch), and the special
// parameters of zle widgets in zshzle(1) "User-Defined Widgets" — the
// picker hotkey runs the switch inside a widget.
var zshNames = []string{
	// zshparam: Parameters Set By The Shell
	"_", "ARGC", "argv", "status", "pipestatus", "EGID", "EUID", "ERRNO", "FUNCNEST", "GID",
	"HISTCMD", "LINENO", "OPTARG", "OPTIND", "PPID", "RANDOM", "SECONDS", "SHLVL",
	"TRY_BLOCK_ERROR", "TRY_BLOCK_INTERRUPT", "TTYIDLE", "UID", "USERNAME",
	"zsh_eval_context", "ZSH_EVAL_CONTEXT", "ZSH_SUBSHELL",
	// zshparam: Parameters Used By The Shell
	"cdpath", "CDPATH", "COLUMNS", "fignore", "FIGNORE", "fpath", "FPATH", "histchars",
	"HISTCHARS", "HISTSIZE", "HOME", "IFS", "KEYBOARD_HACK", "LANG", "LC_ALL", "LC_COLLATE",
	"LC_CTYPE", "LC_MESSAGES", "LC_NUMERIC", "LC_TIME", "LINES", "mailpath", "MAILPATH",
	"manpath", "MANPATH", "module_path", "MODULE_PATH", "NULLCMD", "path", "PATH", "POSTEDIT",
	"PROMPT", "PROMPT2", "PROMPT3", "PROMPT4", "prompt", "PS1", "PS2", "PS3", "PS4", "psvar",
	"PSVAR", "READNULLCMD", "RPROMPT", "RPS1", "RPROMPT2", "RPS2", "SAVEHIST", "SPROMPT", "TERM",
	"TERMINFO", "TERMINFO_DIRS", "WORDCHARS", "ZLE_RPROMPT_INDENT",
	// zshmodules: zsh/parameter
	"options", "commands", "functions", "dis_functions", "functions_source",
	"dis_functions_source", "builtins", "dis_builtins", "reswords", "dis_reswords", "patchars",
	"dis_patchars", "aliases", "dis_aliases", "galiases", "dis_galiases", "saliases",
	"dis_saliases", "parameters", "modules", "dirstack", "history", "historywords", "jobdirs",
	"jobtexts", "jobstates", "nameddirs", "userdirs", "usergroups", "funcfiletrace",
	"funcsourcetrace", "funcstack", "functrace",
	// zshmodules: zsh/datetime, zsh/system, zsh/mapfile, zsh/terminfo, zsh/termcap,
	// zsh/langinfo, zsh/zleparameter, zsh/curses, zsh/db/gdbm, zsh/sched, zsh/watch
	"EPOCHSECONDS", "EPOCHREALTIME", "epochtime", "errnos", "sysparams", "mapfile", "terminfo",
	"termcap", "langinfo", "keymaps", "widgets", "ZCURSES_COLORS", "ZCURSES_COLOR_PAIRS",
	"zcurses_attrs", "zcurses_colors", "zcurses_keycodes", "zcurses_windows", "zgdbm_tied",
	"zsh_scheduled_events", "watch", "WATCH",
	// zshmodules: zsh/zftp
	"ZFTP_TMOUT", "ZFTP_IP", "ZFTP_HOST", "ZFTP_PORT", "ZFTP_SYSTEM", "ZFTP_TYPE", "ZFTP_USER",
	"ZFTP_ACCOUNT", "ZFTP_PWD", "ZFTP_CODE", "ZFTP_REPLY", "ZFTP_SESSION", "ZFTP_PREFS",
	"ZFTP_VERBOSE",
	// zshzle: special parameters of user-defined widgets
	"BUFFER", "BUFFERLINES", "CONTEXT", "CURSOR", "CUTBUFFER", "HISTNO", "ISEARCHMATCH_ACTIVE",
	"ISEARCHMATCH_START", "ISEARCHMATCH_END", "KEYMAP", "KEYS", "KEYS_QUEUED_COUNT", "killring",
	"LASTABORTEDSEARCH", "LASTSEARCH", "LASTWIDGET", "LBUFFER", "MARK", "NUMERIC", "PENDING",
	"PREBUFFER", "PREDISPLAY", "POSTDISPLAY", "RBUFFER", "REGION_ACTIVE", "region_highlight",
	"registers", "SUFFIX_ACTIVE", "SUFFIX_START", "SUFFIX_END", "UNDO_CHANGE_NO",
	"UNDO_LIMIT_NO", "WIDGET", "WIDGETFUNC", "WIDGETSTYLE", "YANK_ACTIVE", "YANK_START",
	"YANK_END", "ZLE_RECURSIVE", "ZLE_STATE",
}

// fishNames are the special variables of the fish manual (fish 3.7,
// "Special variables"), read-only ones included. Names starting with
// fish_ or __fish are fish's as a family (fishPrefixes): colours, cursor
// shapes, features, internals.
var fishNames = []string{
	"PATH", "CDPATH", "LANG", "LC_ALL", "LC_COLLATE", "LC_CTYPE", "LC_MESSAGES", "LC_MONETARY",
	"LC_NUMERIC", "LC_TIME", "FISH_DEBUG", "FISH_DEBUG_OUTPUT", "umask", "BROWSER",
	// read-only, or kept current by fish
	"_", "argv", "CMD_DURATION", "COLUMNS", "LINES", "history", "HOME", "hostname", "IFS",
	"last_pid", "PWD", "pipestatus", "SHLVL", "status", "status_generation", "TERM", "USER",
	"EUID", "version", "FISH_VERSION",
}

// fishPrefixes are families of names fish keeps for itself.
var fishPrefixes = []string{"fish_", "__fish"}

// Shells lists which of bash, zsh and fish keep name for themselves, in that
// order; empty for a name no shell owns.
func Shells(name string) []Kind {
	var out []Kind
	if slices.Contains(bashNames, name) {
		out = append(out, Bash)
	}
	if slices.Contains(zshNames, name) {
		out = append(out, Zsh)
	}
	if slices.Contains(fishNames, name) || hasAnyPrefix(name, fishPrefixes) {
		out = append(out, Fish)
	}
	return out
}

// SpecialNames is every name of the three lists, sorted, each once (the
// fish_ and __fish families are not expanded). For tests and docs.
func SpecialNames() []string {
	all := slices.Concat(bashNames, zshNames, fishNames)
	slices.Sort(all)
	return slices.Compact(all)
}

// Owned reports whether bash, zsh or fish keep name for themselves.
func Owned(name string) bool { return len(Shells(name)) > 0 }

// Reserved reports whether name is stint's own: STINT_* (the session state,
// the hook's variables) or __stint* (the hook's shell functions and their
// locals), in any case. No client may set or clear such a name; profiles
// refuses it when it is stored, Validate when a plan is applied.
func Reserved(name string) bool {
	return strings.HasPrefix(strings.ToUpper(name), reservedPrefix) || strings.HasPrefix(strings.ToLower(name), "__stint")
}

// CheckName is the one check of a variable name a client may set: a
// portable environment variable name ([A-Za-z_][A-Za-z0-9_]*) that is not
// stint's own and that no shell keeps for itself. Set, secret set, handoff
// import and every switch use it (profiles.ValidateEnvName adds the names
// stint sets itself, such as KUBECONFIG). Errors are one line, naming the
// variable.
func CheckName(name string) error {
	if err := checkSyntax(name); err != nil {
		return err
	}
	if Reserved(name) {
		return fmt.Errorf("%s is reserved: stint manages STINT_* and __stint* names itself", name)
	}
	if shells := Shells(name); len(shells) > 0 {
		return fmt.Errorf("%s belongs to the shell (%s it), so a switch cannot set it per client: choose another name", name, kindList(shells))
	}
	return nil
}

// checkSyntax accepts [A-Za-z_][A-Za-z0-9_]*.
func checkSyntax(name string) error {
	if name == "" {
		return fmt.Errorf("a variable name is empty")
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		ok := c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9'
		if !ok {
			return fmt.Errorf("%q is not a valid environment variable name: use letters, digits and _, not starting with a digit", name)
		}
	}
	return nil
}

func hasAnyPrefix(name string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// kindList is "zsh uses", "bash and zsh use" or "bash, zsh and fish use".
func kindList(kinds []Kind) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.String()
	}
	if len(names) == 1 {
		return names[0] + " uses"
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " use"
}
