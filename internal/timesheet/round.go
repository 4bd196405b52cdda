package timesheet

import (
	"math"
	"math/bits"
	"time"
)

// Round moves d to a multiple of inc, working on whole seconds (any
// sub-second part of d or inc is dropped first). Up keeps exact multiples and
// moves anything else to the next multiple; Down moves to the previous one;
// Nearest moves to the closer one and an exact half goes up. A zero or
// negative increment leaves d as is; a negative d counts as zero.
func Round(d, inc time.Duration, mode RoundMode) time.Duration {
	s := RoundSeconds(int64(d/time.Second), int64(inc/time.Second), mode)
	return time.Duration(s) * time.Second
}

// RoundSeconds is Round on integer seconds, the form reports use. A result
// past the largest int64 (seconds within an increment of it) stays at the
// largest multiple below it; reports use roundSecondsChecked and refuse.
func RoundSeconds(seconds, inc int64, mode RoundMode) int64 {
	r, ok := roundSecondsChecked(seconds, inc, mode)
	if !ok {
		return seconds / inc * inc
	}
	return r
}

// roundSecondsChecked is RoundSeconds that reports, instead of wrapping,
// a result that does not fit an int64.
func roundSecondsChecked(seconds, inc int64, mode RoundMode) (int64, bool) {
	if seconds <= 0 {
		return 0, true
	}
	if inc <= 0 {
		return seconds, true
	}
	q, r := seconds/inc, seconds%inc
	switch mode {
	case RoundUp:
		if r > 0 {
			q++
		}
	case RoundNearest:
		if r >= inc-r { // r ≥ inc/2 without halving an odd increment
			q++
		}
	}
	if q > math.MaxInt64/inc {
		return 0, false
	}
	return q * inc, true
}

// raiseToMinimum applies the minimum per entry. Entries of no length stay at
// zero: a minimum bills short work, not work that never happened.
func raiseToMinimum(seconds, minimum int64) int64 {
	if seconds <= 0 {
		return 0
	}
	return max(seconds, minimum)
}

// BilledSeconds is what one entry of the given billable length bills under
// per-entry terms: raised to the minimum first, then rounded.
func (t Terms) BilledSeconds(billable int64) int64 {
	raised := raiseToMinimum(billable, int64(t.MinimumPerEntry/time.Second))
	return RoundSeconds(raised, int64(t.RoundIncrement/time.Second), t.RoundMode)
}

// Amount is the price of seconds at rateMinor per hour, in minor units:
// seconds × rate / 3600, half up on the last minor unit, in exact integer
// arithmetic (a 128-bit intermediate, so no product can overflow). ok is
// false when the result does not fit an int64 — never a saturated or wrapped
// number. Zero or negative inputs cost 0.
func Amount(seconds, rateMinor int64) (amount int64, ok bool) {
	if seconds <= 0 || rateMinor <= 0 {
		return 0, true
	}
	hi, lo := bits.Mul64(uint64(seconds), uint64(rateMinor))
	lo, carry := bits.Add64(lo, 1800, 0)
	hi += carry
	if hi >= 3600 {
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, 3600)
	if q > math.MaxInt64 {
		return 0, false
	}
	return int64(q), true
}

// addInt64 is a + b, and false when the sum does not fit.
func addInt64(a, b int64) (int64, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}

// subInt64 is a − b, and false when the difference does not fit.
func subInt64(a, b int64) (int64, bool) {
	d := a - b
	if (b < 0 && d < a) || (b > 0 && d > a) {
		return 0, false
	}
	return d, true
}

// mulDiv returns floor(a×b/c) and the remainder for non-negative a, b and a
// positive c, in 128-bit arithmetic; ok is false if the quotient would not
// fit an int64.
func mulDiv(a, b, c int64) (q, rem int64, ok bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(c) {
		return 0, 0, false
	}
	uq, ur := bits.Div64(hi, lo, uint64(c))
	if uq > math.MaxInt64 {
		return 0, 0, false
	}
	return int64(uq), int64(ur), true
}
