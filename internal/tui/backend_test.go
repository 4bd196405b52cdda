package tui

import "github.com/stint-sh/stint/internal/workbench"

// The real workbench is the backend the binary wires in.
var _ Backend = (*workbench.Workbench)(nil)
