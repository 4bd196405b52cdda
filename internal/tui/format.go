package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/stint-sh/stint/internal/display"
)

// hm is seconds as display.HM, for lists and grids, where nothing tracked
// reads better as "-" than as 0:00.
func hm(sec int64) string {
	if sec <= 0 {
		return "-"
	}
	return display.HM(sec)
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// fit truncates s to w cells (with an ellipsis) and pads it to exactly w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// midFit fits plain text s in w cells, cutting its middle: a path's file
// name and a GKE context's cluster, at the end, are what tell two apart,
// so a third of the room keeps the start and the rest the end.
func midFit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := ansi.StringWidth(s)
	if n <= w {
		return s + strings.Repeat(" ", w-n)
	}
	if w == 1 {
		return "…"
	}
	head := (w - 1) / 3
	tail := w - 1 - head
	return ansi.Truncate(s, head, "") + "…" + ansi.TruncateLeft(s, n-tail, "")
}

// rfit right-aligns s in w cells.
func rfit(s string, w int) string {
	if ansi.StringWidth(s) >= w {
		return fit(s, w)
	}
	return strings.Repeat(" ", w-ansi.StringWidth(s)) + s
}

// block makes lines exactly w wide and h high, so blocks join side by side.
func block(lines []string, w, h int) []string {
	out := make([]string, h)
	for i := range h {
		if i < len(lines) {
			out[i] = fit(lines[i], w)
		} else {
			out[i] = strings.Repeat(" ", w)
		}
	}
	return out
}

// shownTotal is a column's total as hm shows it: "-" when nothing shows.
func shownTotal(t display.Total) string {
	if t.Minutes() == 0 {
		return "-"
	}
	return t.HM()
}

// splitLines splits rendered text into lines, without a trailing empty one.
func splitLines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// bar draws a horizontal bar of sec relative to maxSec in w cells.
func bar(sec, maxSec int64, w int) string {
	if sec <= 0 || maxSec <= 0 || w <= 0 {
		return ""
	}
	n := int((sec*int64(w) + maxSec - 1) / maxSec)
	return strings.Repeat("█", min(n, w))
}

// envValue finds KEY in a KEY=VALUE environment.
func envValue(environ []string, key string) string {
	for i := len(environ) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(environ[i], "="); ok && k == key {
			return v
		}
	}
	return ""
}
