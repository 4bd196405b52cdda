# stint shell integration for fish >= 3.1, printed by `stint hook fish`.
# Load it from ~/.config/fish/config.fish:   stint hook fish | source
# It defines the `stint` function, binds @STINT_KEY_SPEC@ to the client picker and
# keeps STINT_CLIENT current, for prompts (read $STINT_CLIENT in fish_prompt).
# Safe to load twice.

# One session id per shell process: kept when this file is loaded again, new
# in a child shell (which inherits its parent's environment).
set -l __stint_new_session
if not string match -q -- "$fish_pid-*" "$STINT_SESSION"
    set -gx STINT_SESSION "$fish_pid-"(random)(random)
    set __stint_new_session 1
end

# __stint_run PICKER [ARG...]: run the stint binary with a fresh private eval
# file, read the script it writes there, remove the file, then evaluate the
# script, and return the binary's status (or the script's, when the shell
# refused it). The file's path reaches the binary only. fish's builtins
# cannot read a descriptor the shell holds, so unlike bash and zsh the file
# is read by name and removed with the rm found when this hook was loaded —
# never through PATH, which a client may change.
function __stint_run
    set -l __stint_picker $argv[1]
    set -e argv[1]
    set -l __stint_file @STINT_EVAL_DIR@/eval.$fish_pid.(random)(random)(random)
    if not begin; builtin printf '' >$__stint_file; end 2>/dev/null
        # The runtime directory went away (say, a tmux server outlived the
        # login session that made it): `stint hook` makes it again.
        @STINT_BIN@ hook fish >/dev/null
        builtin printf '' >$__stint_file; or return 1
    end
    # TMUX rides in STINT_TMUX (the binary puts it back first thing): a
    # TMUX seen at start costs a `tmux info` process (docs/performance.md).
    STINT_SHELL=fish STINT_EVAL_FILE=$__stint_file STINT_PICKER=$__stint_picker STINT_TMUX="$TMUX" TMUX= @STINT_BIN@ $argv
    set -l __stint_status $status
    set -l __stint_script
    # A binary killed by a signal may have left a partial script: never use
    # it. A picker left without a switch has removed the file already.
    if builtin test $__stint_status -lt 128; and builtin test -f $__stint_file
        builtin read -z __stint_script <$__stint_file
    end
    @STINT_RM@ -f -- $__stint_file
    if builtin test -n "$__stint_script"
        # From the picker the cursor is still on the command line: the
        # script's summary goes on a line of its own below it.
        if builtin test -n "$__stint_picker"
            builtin echo
        end
        builtin eval $__stint_script
        or set __stint_status $status
    end
    return $__stint_status
end

function stint --description 'stint: move this shell between clients'
    __stint_run '' $argv
end

function __stint_pick --description 'stint: pick a client for this shell'
    __stint_run 1 </dev/tty
    commandline -f repaint
end

if status is-interactive
    bind @STINT_KEY@ __stint_pick
    bind -M insert @STINT_KEY@ __stint_pick
end

# STINT_WARN: what the background identity check after a switch found wrong
# (`stint whoami`), read before each prompt from a file it leaves for this
# session and client — a file test and a builtin read, no process.
function __stint_warn --on-event fish_prompt
    set -l __stint_w @STINT_WARN_DIR@/$STINT_SESSION.$STINT_CLIENT.warn
    if set -q STINT_CLIENT; and test -n "$STINT_CLIENT"; and builtin test -f $__stint_w
        builtin read -l __stint_line <$__stint_w
        set -gx STINT_WARN $__stint_line
    else if set -q STINT_WARN
        set -e STINT_WARN
    end
end

# Idle time: the hook notes this shell's activity, builtins only — its
# client in a file per session whose modification time stint reads, written
# at most every 30 s — and, when the shell comes back after sitting longer
# than idle_after (read with the roots, after a cd), tells stint how long,
# which flags the running timer's idle stretch and asks about it once.
# fish has no clock builtin: the pause is the age of this session's
# activity file (`path mtime`, fish >= 3.5), written at each prompt and
# read when the next command starts.
set -g __stint_idle_client ''
set -g __stint_idle_after ''
function __stint_idle_prompt --on-event fish_prompt
    if set -q STINT_CLIENT; and test -n "$STINT_CLIENT"; and set -q STINT_SESSION
        builtin printf '%s\n' $STINT_CLIENT 2>/dev/null >@STINT_ACTIVITY_DIR@/$STINT_SESSION
        set -g __stint_idle_client $STINT_CLIENT
    else
        set -g __stint_idle_client ''
    end
end
function __stint_idle_start --on-event fish_preexec
    test -n "$__stint_idle_client"; and test "$__stint_idle_client" = "$STINT_CLIENT"; or return
    string match -qr '^[0-9]+$' -- "$__stint_idle_after"; or return
    contains -- path (builtin -n); or return
    set -l __stint_gap (path mtime -R -- @STINT_ACTIVITY_DIR@/$STINT_SESSION 2>/dev/null); or return
    if test "$__stint_gap" -ge "$__stint_idle_after"
        __stint_run '' idle --gap $__stint_gap
    end
end

# auto_switch: when the directory has changed since the last prompt, match
# it against the directories bound to clients (the roots file stint keeps:
# a slug line, then a path line, most specific first) with builtins only —
# a prompt runs no process unless it switches. Entering a bound directory
# from outside it switches to its client (through switch_grace, as any
# switch); leaving switches nothing, and an explicit `stint switch` holds
# until the next entry into a bound directory.
set -g __stint_cd_pwd ''
set -g __stint_cd_root ''
function __stint_cd --on-event fish_prompt
    test "$PWD" = "$__stint_cd_pwd"; and return
    set -g __stint_cd_pwd $PWD
    set -l __stint_hit ''
    set -l __stint_hit_slug ''
    if builtin test -f @STINT_IDLE_AFTER@
        builtin read -g __stint_idle_after <@STINT_IDLE_AFTER@
    end
    if builtin test -f @STINT_ROOTS@
        while builtin read -l __stint_slug; and builtin read -l __stint_path
            if test "$PWD" = "$__stint_path"; or test (string sub -l (string length -- "$__stint_path/") -- "$PWD") = "$__stint_path/"
                set __stint_hit $__stint_path
                set __stint_hit_slug $__stint_slug
                break
            end
        end <@STINT_ROOTS@
    end
    if test "$__stint_hit" != "$__stint_cd_root"
        set -g __stint_cd_root $__stint_hit
        if test -n "$__stint_hit_slug"; and test "$__stint_hit_slug" != "$STINT_CLIENT"
            __stint_run '' switch $__stint_hit_slug
        end
    end
end

# A shell started inside a client (a child shell, a new tmux pane) inherited
# its parent's session kubeconfig: take a copy of its own, so that
# `kubectl config use-context` here never moves the parent.
if test -n "$__stint_new_session"; and set -q STINT_CLIENT; and test -n "$STINT_CLIENT"
    __stint_run '' adopt; or true
end
