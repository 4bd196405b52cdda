# stint shell integration for fish >= 3, printed by `stint hook fish`.
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
# file, source the script it writes there, remove the file, and return the
# binary's status. The file's path reaches the binary only.
function __stint_run
    set -l __stint_picker $argv[1]
    set -e argv[1]
    set -l __stint_tmp /tmp
    if set -q TMPDIR; and test -n "$TMPDIR"
        set __stint_tmp $TMPDIR
    end
    # Ctrl-C makes fish abandon this function before its cleanup; remove
    # what such runs left behind.
    set -l __stint_stale $__stint_tmp/stint-eval.$fish_pid.*
    if test (count $__stint_stale) -gt 0
        command rm -f -- $__stint_stale
    end
    set -l __stint_file (command mktemp $__stint_tmp/stint-eval.$fish_pid.XXXXXXXXXX); or return 1
    command env STINT_SHELL=fish STINT_EVAL_FILE=$__stint_file STINT_PICKER=$__stint_picker \
        @STINT_BIN@ $argv
    set -l __stint_status $status
    # A binary killed by a signal may have left a partial script: never source it.
    if test $__stint_status -lt 128; and test -s $__stint_file
        source $__stint_file
    end
    command rm -f -- $__stint_file
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

# A shell started inside a client (a child shell, a new tmux pane) inherited
# its parent's session kubeconfig: take a copy of its own, so that
# `kubectl config use-context` here never moves the parent.
if test -n "$__stint_new_session"; and set -q STINT_CLIENT; and test -n "$STINT_CLIENT"
    __stint_run '' adopt; or true
end
