package shell

import "syscall"

// SystemExecLimits are Linux's (fs/exec.c): one string at most
// MAX_ARG_STRLEN, all of them at most a quarter of the stack limit, capped
// at three quarters of 8 MiB and never below 128 KiB.
func SystemExecLimits() ExecLimits {
	total := 6 << 20
	var st syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_STACK, &st); err == nil && st.Cur != ^uint64(0) && int(st.Cur/4) < total {
		total = int(st.Cur / 4)
	}
	return ExecLimits{MaxString: MaxEnvString, MaxTotal: max(total, 128<<10)}
}
