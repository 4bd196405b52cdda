//go:build !linux

package shell

// SystemExecLimits elsewhere: ARG_MAX of macOS and the BSDs (256 KiB on
// the oldest), with no limit of its own per string.
func SystemExecLimits() ExecLimits { return ExecLimits{MaxTotal: 256 << 10} }
