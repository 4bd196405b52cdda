# stint shell integration for zsh >= 5, printed by `stint hook zsh`.
# Load it from ~/.zshrc:   eval "$(stint hook zsh)"
# It defines the `stint` function, binds @STINT_KEY_SPEC@ to the client picker and
# keeps STINT_CLIENT current, for prompts (with `setopt prompt_subst`):
#   PROMPT='${STINT_CLIENT:+[$STINT_CLIENT] }'"$PROMPT"
# Safe to load twice and under `setopt nounset`.

# One session id per shell process: kept when this file is loaded again, new
# in a child shell (which inherits its parent's environment).
typeset -g __stint_new_session=
if [[ "${STINT_SESSION:-}" != "$$-"* ]]; then
  export STINT_SESSION="$$-$RANDOM$RANDOM"
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
  emulate -L zsh
  local __stint_picker=${1:-} __stint_file __stint_status=0 __stint_script=
  shift
  __stint_file=@STINT_EVAL_DIR@/eval.$$.$RANDOM$RANDOM$RANDOM
  if ! { : >$__stint_file } 2>/dev/null; then
    # The runtime directory went away (say, a tmux server outlived the
    # login session that made it): `stint hook` makes it again.
    @STINT_BIN@ hook zsh >/dev/null
    : >$__stint_file || return 1
  fi
  {
    # TMUX rides in STINT_TMUX (the binary puts it back first thing): a
    # TMUX seen at start costs a `tmux info` process (docs/performance.md).
    STINT_SHELL=zsh STINT_EVAL_FILE=$__stint_file STINT_PICKER=$__stint_picker STINT_TMUX=${TMUX-} TMUX= \
      @STINT_BIN@ "$@" 3<&- || __stint_status=$?
    # A binary killed by a signal may have left a partial script: never use it.
    if (( __stint_status < 128 )); then
      IFS= builtin read -r -d '' -u 3 __stint_script || :  # ends at end of file, not at a NUL: status 1
    fi
  } 3<$__stint_file
  typeset -g __stint_said=
  if [[ -n $__stint_script ]]; then
    __stint_said=1
    builtin eval "$__stint_script" || __stint_status=$?
  fi
  return $__stint_status
}

stint() {
  __stint_run '' "$@"
}

# The picker widget: a full-screen program needs the terminal (zle -I, and
# /dev/tty because widgets have no stdin). After a switch its script has
# printed the summary, and zle, told by -I, draws the prompt afresh below
# it, showing the new client (reset-prompt would draw over the summary);
# without one the prompt is redrawn where it was.
__stint_pick_widget() {
  zle -I
  __stint_run 1 </dev/tty
  local __stint_status=$?
  [[ -n $__stint_said ]] || zle reset-prompt
  return $__stint_status
}

if [[ -o interactive ]]; then
  zle -N __stint_pick_widget
  bindkey -M emacs '@STINT_KEY@' __stint_pick_widget
  bindkey -M viins '@STINT_KEY@' __stint_pick_widget
fi

# STINT_WARN: what the background identity check after a switch found wrong
# (`stint whoami`), read before each prompt from a file it leaves for this
# session and client — a file test and a builtin read, no process.
__stint_warn() {
  local __stint_w=@STINT_WARN_DIR@/${STINT_SESSION-}.${STINT_CLIENT-}.warn
  if [[ -n ${STINT_CLIENT-} && -f $__stint_w ]]; then
    IFS= builtin read -r STINT_WARN <$__stint_w || :
    builtin export STINT_WARN
  elif [[ -n ${STINT_WARN+x} ]]; then
    builtin unset STINT_WARN
  fi
}
if [[ -o interactive && ${precmd_functions[(r)__stint_warn]-} != __stint_warn ]]; then
  precmd_functions+=(__stint_warn)
fi

# Idle time: the hook notes this shell's activity, builtins only — its
# client in a file per session whose modification time stint reads, written
# at most every 30 s — and, when the shell comes back after sitting longer
# than idle_after (read with the roots, after a cd), tells stint how long,
# which flags the running timer's idle stretch and asks about it once.
# The pause is measured from the prompt to the next command's start.
typeset -g __stint_idle_at= __stint_idle_client= __stint_idle_wrote=-1000 __stint_idle_after=
__stint_idle_note() {
  [[ -n ${STINT_CLIENT-} ]] || return 0
  if [[ $__stint_idle_client != "$STINT_CLIENT" ]] || (( SECONDS - __stint_idle_wrote >= 30 )); then
    builtin printf '%s\n' "$STINT_CLIENT" 2>/dev/null >@STINT_ACTIVITY_DIR@/"${STINT_SESSION-}" && __stint_idle_wrote=$SECONDS
  fi
  return 0
}
__stint_idle_prompt() {
  __stint_idle_note
  __stint_idle_at=$SECONDS __stint_idle_client=${STINT_CLIENT-}
}
__stint_idle_start() {
  if [[ -n ${STINT_CLIENT-} && $__stint_idle_client == "$STINT_CLIENT" && $__stint_idle_after == <-> ]] &&
    (( SECONDS - __stint_idle_at >= __stint_idle_after )); then
    __stint_run '' idle --gap "$(( SECONDS - __stint_idle_at ))"
  fi
  __stint_idle_note
}
if [[ -o interactive && ${precmd_functions[(r)__stint_idle_prompt]-} != __stint_idle_prompt ]]; then
  typeset -ga precmd_functions preexec_functions  # declared (empty) under nounset
  precmd_functions=(__stint_idle_prompt $precmd_functions)
  preexec_functions=(__stint_idle_start $preexec_functions)
fi

# auto_switch: when the directory has changed since the last prompt, match
# it against the directories bound to clients (the roots file stint keeps:
# a slug line, then a path line, most specific first) with builtins only —
# a prompt runs no process unless it switches. Entering a bound directory
# from outside it switches to its client (through switch_grace, as any
# switch); leaving switches nothing, and an explicit `stint switch` holds
# until the next entry into a bound directory.
typeset -g __stint_cd_pwd= __stint_cd_root=
__stint_cd() {
  [[ ${PWD-} == "$__stint_cd_pwd" ]] || __stint_cd_changed
}
__stint_cd_changed() {
  local __stint_i __stint_path= __stint_hit= __stint_hit_slug= __stint_rf=@STINT_ROOTS@
  local -a __stint_lines=()
  __stint_cd_pwd=${PWD-}
  # One read of the whole file through zsh/mapfile (zsh's read builtin
  # takes a byte per system call).
  if [[ -f $__stint_rf ]] && builtin zmodload -F zsh/mapfile +p:mapfile 2>/dev/null; then
    __stint_lines=("${(@f)mapfile[$__stint_rf]}")
  fi
  if [[ -f @STINT_IDLE_AFTER@ ]]; then
    IFS= builtin read -r __stint_idle_after <@STINT_IDLE_AFTER@ || :
  fi
  for ((__stint_i = 1; __stint_i + 1 <= ${#__stint_lines}; __stint_i += 2)); do
    __stint_path=${__stint_lines[__stint_i + 1]}
    if [[ -n $__stint_path && ( $__stint_cd_pwd == "$__stint_path" || $__stint_cd_pwd == "$__stint_path"/* ) ]]; then
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
if [[ -o interactive && ${precmd_functions[(r)__stint_cd]-} != __stint_cd ]]; then
  precmd_functions=(__stint_cd $precmd_functions)
fi

# A shell started inside a client (a child shell, a new tmux pane) inherited
# its parent's session kubeconfig: take a copy of its own, so that
# `kubectl config use-context` here never moves the parent.
if [[ -n "$__stint_new_session" && -n "${STINT_CLIENT:-}" ]]; then
  __stint_run '' adopt || true
fi
unset __stint_new_session
