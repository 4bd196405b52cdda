# stint shell integration for bash >= 4.4, printed by `stint hook bash`.
# Load it from ~/.bashrc:   eval "$(stint hook bash)"
# It defines the `stint` function, binds @STINT_KEY_SPEC@ to the client picker and
# keeps STINT_CLIENT current, for prompts: PS1='${STINT_CLIENT:+[$STINT_CLIENT] }'"$PS1"
# Safe to load twice and under `set -u`.

# One session id per shell process: kept when this file is loaded again, new
# in a child shell (which inherits its parent's environment).
__stint_new_session=
if [[ "${STINT_SESSION:-}" != "$$-"* ]]; then
  STINT_SESSION="$$-$RANDOM$RANDOM"
  export STINT_SESSION
  __stint_new_session=1
fi

# __stint_run PICKER [ARG...]: run the stint binary with a fresh private eval
# file, evaluate the script it hands over there, and return the binary's
# status (or the script's, when the shell refused it). The file's path
# reaches the binary only. The file is created here by a redirection and
# held open on descriptor 3; the binary writes the script into it and
# removes it before exiting, and the script is read from the descriptor —
# so it is never on disk once the binary is gone, and no external command
# (mktemp, cat, rm) is needed, whatever PATH holds.
__stint_run() {
  local __stint_picker=${1:-} __stint_file __stint_status=0 __stint_script=
  shift
  __stint_file=@STINT_EVAL_DIR@/eval.$$.$RANDOM$RANDOM$RANDOM
  if ! { : >"$__stint_file"; } 2>/dev/null; then
    # The runtime directory went away (say, a tmux server outlived the
    # login session that made it): `stint hook` makes it again.
    @STINT_BIN@ hook bash >/dev/null
    : >"$__stint_file" || return 1
  fi
  {
    # TMUX rides in STINT_TMUX (the binary puts it back first thing): a
    # TMUX seen at start costs a `tmux info` process (docs/performance.md).
    STINT_SHELL=bash STINT_EVAL_FILE=$__stint_file STINT_PICKER=$__stint_picker STINT_TMUX=${TMUX-} TMUX= \
      @STINT_BIN@ "$@" 3<&- || __stint_status=$?
    # A binary killed by a signal may have left a partial script: never use it.
    if (( __stint_status < 128 )); then
      IFS= builtin read -r -d '' __stint_script <&3 || :  # ends at end of file, not at a NUL: status 1
    fi
  } 3<"$__stint_file"
  if [[ -n $__stint_script ]]; then
    __stint_changed=1
    builtin eval "$__stint_script" || __stint_status=$?
  fi
  # Interrupted (Ctrl-C in the binary, or its TUI quit with ctrl+c): abandon
  # the rest of the command line as bash does without the hook, so
  # `stint switch x; terraform apply` never goes on after Ctrl-C. Not from
  # the hotkey: that would cut its key sequence short and lose the line.
  if (( __stint_status == 130 )) && [[ $- == *i* && -z "$__stint_picker" ]]; then
    builtin kill -INT $$
  fi
  return "$__stint_status"
}

stint() {
  __stint_run '' "$@"
}

# The hotkey types three internal keys: the first runs the picker with the
# command line put aside, the second accepts the now empty line so bash
# draws a fresh prompt (bash cannot redraw PS1 from a key binding), the third
# puts the command line back. A picker left without a switch changed
# nothing the prompt shows: the second key is made a redraw for that once,
# so no empty prompt is left above the line as it was. After a switch, the
# prompt line bash redrew below the summary before the fresh prompt is
# deleted from the screen (see __stint_drop_stale_prompt).
__stint_pick() {
  __stint_line=${READLINE_LINE:-} __stint_point=${READLINE_POINT:-0}
  READLINE_LINE='' READLINE_POINT=0
  local __stint_status=0
  __stint_changed=
  __stint_run 1 </dev/tty || __stint_status=$?
  if [[ -z $__stint_changed ]]; then
    builtin bind '"\C-x\C-_s2": redraw-current-line'
  fi
  return "$__stint_status"
}

__stint_restore_line() {
  READLINE_LINE=${__stint_line:-} READLINE_POINT=${__stint_point:-0}
  __stint_line='' __stint_point=0
  builtin bind '"\C-x\C-_s2": accept-line'
  if [[ -n ${__stint_changed-} ]]; then
    __stint_changed=
    __stint_drop_stale_prompt
  fi
}

# __stint_drop_stale_prompt: bash (5.1 on) clears the last line of the
# prompt before a bind -x command and draws it again after, so the
# picker's own key left that line, empty, between the summary and the
# fresh prompt. It is the row above the fresh prompt's first line: go up
# to it, delete it (the prompt moves up one row), and come back down to
# the last line, which bash clears and draws again once this returns.
# The prompt's lines are counted in PS1 as written (\n and newlines),
# never by expanding it, which would run its command substitutions.
__stint_drop_stale_prompt() {
  (( BASH_VERSINFO[0] > 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] >= 1) )) || return 0
  local __stint_ps=${PS1-} __stint_nl
  __stint_nl=${__stint_ps//\\n/$'\n'}
  __stint_nl=${__stint_nl//[^$'\n']/}
  builtin printf '\e[%dA\e[M' $(( ${#__stint_nl} + 1 ))
  (( ${#__stint_nl} == 0 )) || builtin printf '\e[%dB' "${#__stint_nl}"
}

# Key bindings need readline: an interactive shell without line editing
# (bash -i on a pipe, `set +o emacs +o vi`) would print a warning per bind.
if [[ $- == *i* ]] && [[ -o emacs || -o vi ]]; then
  for __stint_map in emacs vi-insert; do
    bind -m "$__stint_map" -x '"\C-x\C-_s1": __stint_pick'
    bind -m "$__stint_map" '"\C-x\C-_s2": accept-line'
    bind -m "$__stint_map" -x '"\C-x\C-_s3": __stint_restore_line'
    bind -m "$__stint_map" '"@STINT_KEY@": "\C-x\C-_s1\C-x\C-_s2\C-x\C-_s3"'
  done
  unset -v __stint_map
fi

# STINT_WARN: what the background identity check after a switch found wrong
# (`stint whoami`), read before each prompt from a file it leaves for this
# session and client — a file test and a builtin read, no process.
__stint_warn() {
  local __stint_w=@STINT_WARN_DIR@/${STINT_SESSION-}.${STINT_CLIENT-}.warn
  if [[ -n ${STINT_CLIENT-} && -f $__stint_w ]]; then
    IFS= builtin read -r STINT_WARN <"$__stint_w" || :
    builtin export STINT_WARN
  elif [[ -n ${STINT_WARN+x} ]]; then
    builtin unset -v STINT_WARN
  fi
}
if [[ $- == *i* && ";${PROMPT_COMMAND-};" != *";__stint_warn;"* ]]; then
  PROMPT_COMMAND="__stint_warn${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
fi

# Idle time: the hook notes this shell's activity, builtins only — its
# client in a file per session whose modification time stint reads, written
# at most every 30 s — and, when the shell comes back after sitting longer
# than idle_after (read with the roots, after a cd), tells stint how long,
# which flags the running timer's idle stretch and asks about it once.
# bash has no hook before a command: the pause is measured prompt to prompt.
__stint_idle_at= __stint_idle_client= __stint_idle_wrote=-1000 __stint_idle_after=
__stint_idle() {
  local __stint_s=$?
  if [[ -n ${STINT_CLIENT-} ]]; then
    if [[ $__stint_idle_client == "$STINT_CLIENT" && $__stint_idle_after == +([0-9]) ]] &&
      (( SECONDS - __stint_idle_at >= __stint_idle_after )); then
      __stint_run '' idle --gap "$(( SECONDS - __stint_idle_at ))"
    fi
    if [[ $__stint_idle_client != "$STINT_CLIENT" ]] || (( SECONDS - __stint_idle_wrote >= 30 )); then
      builtin printf '%s\n' "$STINT_CLIENT" 2>/dev/null >@STINT_ACTIVITY_DIR@/"${STINT_SESSION-}" && __stint_idle_wrote=$SECONDS
    fi
  fi
  __stint_idle_at=$SECONDS __stint_idle_client=${STINT_CLIENT-}
  return "$__stint_s"
}
if [[ $- == *i* && ";${PROMPT_COMMAND-};" != *";__stint_idle;"* ]]; then
  PROMPT_COMMAND="__stint_idle${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
fi

# auto_switch: when the directory has changed since the last prompt, match
# it against the directories bound to clients (the roots file stint keeps:
# a slug line, then a path line, most specific first) with builtins only —
# a prompt runs no process unless it switches. Entering a bound directory
# from outside it switches to its client (through switch_grace, as any
# switch); leaving switches nothing, and an explicit `stint switch` holds
# until the next entry into a bound directory.
__stint_cd_pwd= __stint_cd_root=
__stint_cd() {
  local __stint_s=$?
  [[ ${PWD-} == "$__stint_cd_pwd" ]] || __stint_cd_changed
  return "$__stint_s"
}
__stint_cd_changed() {
  local __stint_i __stint_path= __stint_hit= __stint_hit_slug=
  local -a __stint_lines=()
  __stint_cd_pwd=${PWD-}
  # One buffered read of the whole file (a read loop costs a read and a
  # seek per line).
  if [[ -f @STINT_ROOTS@ ]]; then
    builtin mapfile -t __stint_lines <@STINT_ROOTS@
  fi
  if [[ -f @STINT_IDLE_AFTER@ ]]; then
    IFS= builtin read -r __stint_idle_after <@STINT_IDLE_AFTER@ || :
  fi
  for ((__stint_i = 0; __stint_i + 1 < ${#__stint_lines[@]}; __stint_i += 2)); do
    __stint_path=${__stint_lines[__stint_i + 1]}
    if [[ $__stint_cd_pwd == "$__stint_path" || $__stint_cd_pwd == "$__stint_path"/* ]]; then
      __stint_hit=$__stint_path __stint_hit_slug=${__stint_lines[__stint_i]}
      break
    fi
  done
  if [[ $__stint_hit != "$__stint_cd_root" ]]; then
    __stint_cd_root=$__stint_hit
    if [[ -n $__stint_hit_slug && $__stint_hit_slug != "${STINT_CLIENT-}" ]]; then
      __stint_run '' switch "$__stint_hit_slug"
    fi
  fi
}
if [[ $- == *i* && ";${PROMPT_COMMAND-};" != *";__stint_cd;"* ]]; then
  PROMPT_COMMAND="__stint_cd${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
fi

# A shell started inside a client (a child shell, a new tmux pane) inherited
# its parent's session kubeconfig: take a copy of its own, so that
# `kubectl config use-context` here never moves the parent.
if [[ -n "$__stint_new_session" && -n "${STINT_CLIENT:-}" ]]; then
  __stint_run '' adopt || true
fi
unset -v __stint_new_session
