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

// RoundSeconds is Round on integer seconds, the form reports use.
func RoundSeconds(seconds, inc int64, mode RoundMode) int64 {
	if seconds <= 0 {
		return 0
	}
	if inc <= 0 {
		return seconds
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
	return q * inc
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
// arithmetic (128-bit intermediate, so no product can overflow). Results that
// would not fit an int64 saturate at math.MaxInt64; negative inputs give 0.
func Amount(seconds, rateMinor int64) int64 {
	if seconds <= 0 || rateMinor <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(seconds), uint64(rateMinor))
	lo, carry := bits.Add64(lo, 1800, 0)
	hi += carry
	if hi >= 3600 {
		return math.MaxInt64
	}
	q, _ := bits.Div64(hi, lo, 3600)
	if q > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(q)
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
