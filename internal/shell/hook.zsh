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
# file, source the script it writes there, always remove the file (the
# `always` block runs on errors and Ctrl-C too), and return the binary's
# status. The file's path reaches the binary only.
__stint_run() {
  emulate -L zsh
  local __stint_picker=${1:-} __stint_file __stint_status=0
  shift
  __stint_file=$(command mktemp "${TMPDIR:-/tmp}/stint-eval.$$.XXXXXXXXXX") || return 1
  {
    STINT_SHELL=zsh STINT_EVAL_FILE=$__stint_file STINT_PICKER=$__stint_picker \
      @STINT_BIN@ "$@" || __stint_status=$?
    # A binary killed by a signal may have left a partial script: never source it.
    if (( __stint_status < 128 )) && [[ -s $__stint_file ]]; then
      builtin source "$__stint_file"
    fi
  } always {
    command rm -f -- "$__stint_file"
  }
  return $__stint_status
}

stint() {
  __stint_run '' "$@"
}

# The picker widget: a full-screen program needs the terminal (zle -I, and
# /dev/tty because widgets have no stdin), then the prompt is redrawn so it
# shows the new client.
__stint_pick_widget() {
  zle -I
  __stint_run 1 </dev/tty
  local __stint_status=$?
  zle reset-prompt
  return $__stint_status
}

if [[ -o interactive ]]; then
  zle -N __stint_pick_widget
  bindkey -M emacs '@STINT_KEY@' __stint_pick_widget
  bindkey -M viins '@STINT_KEY@' __stint_pick_widget
fi

# A shell started inside a client (a child shell, a new tmux pane) inherited
# its parent's session kubeconfig: take a copy of its own, so that
# `kubectl config use-context` here never moves the parent.
if [[ -n "$__stint_new_session" && -n "${STINT_CLIENT:-}" ]]; then
  __stint_run '' adopt || true
fi
unset __stint_new_session
