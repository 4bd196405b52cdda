package timesheet

import (
	"math/big"
	"math/rand"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// referenceRound is a deliberately different implementation: it walks up in
// steps of the increment to find the multiples around s, then picks one.
func referenceRound(s, inc int64, mode RoundMode) int64 {
	if s <= 0 {
		return 0
	}
	if inc <= 0 {
		return s
	}
	below := int64(0)
	for below+inc <= s {
		below += inc
	}
	above := below
	if above < s {
		above += inc
	}
	switch mode {
	case RoundUp:
		return above
	case RoundDown:
		return below
	default: // nearest, ties up
		if s-below < above-s {
			return below
		}
		return above
	}
}

// interestingDurations are the edges of every increment: exact multiples,
// one second either side, the half point and its neighbours, plus randoms.
func interestingDurations(inc int64, rng *rand.Rand) []int64 {
	out := []int64{0, 1, 2, 59, 60, 61}
	half := inc / 2
	for _, k := range []int64{0, 1, 2, 3, 7, 16} {
		base := k * inc
		out = append(out, base-1, base, base+1, base+half-1, base+half, base+half+1)
	}
	for range 150 {
		out = append(out, rng.Int63n(48*3600))
	}
	return out
}

func TestRoundMatchesReferenceForEveryIncrementAndMode(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	checked := 0
	for minutes := int64(1); minutes <= 240; minutes++ {
		inc := minutes * 60
		durations := interestingDurations(inc, rng)
		for _, mode := range []RoundMode{RoundUp, RoundNearest, RoundDown} {
			for _, s := range durations {
				want := referenceRound(s, inc, mode)
				got := Round(time.Duration(s)*time.Second, time.Duration(minutes)*time.Minute, mode)
				if got != time.Duration(want)*time.Second {
					t.Fatalf("Round(%ds, %dm, %s) = %s, reference says %ds", s, minutes, mode, got, want)
				}
				checked++
			}
		}
	}
	t.Logf("checked %d cases", checked)
}

func TestRoundProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for minutes := int64(1); minutes <= 240; minutes++ {
		inc := minutes * 60
		for _, s := range interestingDurations(inc, rng) {
			up := RoundSeconds(s, inc, RoundUp)
			down := RoundSeconds(s, inc, RoundDown)
			near := RoundSeconds(s, inc, RoundNearest)
			if s <= 0 {
				require.Zero(t, up+down+near)
				continue
			}
			require.Zero(t, up%inc, "up is a multiple")
			require.Zero(t, down%inc, "down is a multiple")
			require.True(t, down <= s && s <= up && up-down <= inc, "bracket s=%d inc=%d", s, inc)
			require.True(t, near == up || near == down)
			if s%inc == 0 {
				require.True(t, up == s && down == s && near == s, "exact multiples stay: s=%d", s)
			}
		}
	}
}

func TestRoundEdgesByHand(t *testing.T) {
	m := time.Minute
	cases := []struct {
		d, inc time.Duration
		mode   RoundMode
		want   time.Duration
	}{
		{0, 15 * m, RoundUp, 0},
		{time.Second, 15 * m, RoundUp, 15 * m},
		{time.Second, 15 * m, RoundNearest, 0},
		{time.Second, 15 * m, RoundDown, 0},
		{7*m + 29*time.Second, 15 * m, RoundNearest, 0},
		{7*m + 30*time.Second, 15 * m, RoundNearest, 15 * m}, // exact half goes up
		{15 * m, 15 * m, RoundUp, 15 * m},
		{15*m + time.Second, 15 * m, RoundUp, 30 * m},
		{15*m - time.Second, 15 * m, RoundDown, 0},
		{90*time.Second + 900*time.Millisecond, 0, RoundUp, 90 * time.Second}, // sub-second dropped
		{-5 * m, 15 * m, RoundUp, 0},
		{4*time.Hour - time.Second, 240 * m, RoundNearest, 4 * time.Hour},
		{2 * time.Hour, 240 * m, RoundNearest, 4 * time.Hour},
		{2*time.Hour - time.Second, 240 * m, RoundNearest, 0},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Round(c.d, c.inc, c.mode), "%s to %s %s", c.d, c.inc, c.mode)
	}
}

func TestMinimumIsAppliedBeforeRounding(t *testing.T) {
	terms := Terms{RoundIncrement: 15 * time.Minute, MinimumPerEntry: 10 * time.Minute}
	for _, c := range []struct {
		mode         RoundMode
		seconds, out int64
	}{
		{RoundUp, 1, 900},      // raised to 600, up to 900
		{RoundNearest, 1, 900}, // 600 ≥ 450
		{RoundDown, 1, 0},      // 600 down to 0: the order is documented
		{RoundUp, 0, 0},        // nothing happened, nothing billed
		{RoundUp, 1000, 1800},
	} {
		terms.RoundMode = c.mode
		assert.Equal(t, c.out, terms.BilledSeconds(c.seconds), "%s %d", c.mode, c.seconds)
	}
}

func referenceAmount(seconds, rate int64) int64 {
	p := new(big.Int).Mul(big.NewInt(seconds), big.NewInt(rate))
	q, r := new(big.Int).QuoRem(p, big.NewInt(3600), new(big.Int))
	if r.Int64()*2 >= 3600 {
		q.Add(q, big.NewInt(1))
	}
	return q.Int64()
}

func TestAmountMatchesBigIntegerReference(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for range 20000 {
		s := rng.Int63n(1 << 31)
		rate := rng.Int63n(1 << 31)
		got, ok := Amount(s, rate)
		require.True(t, ok)
		require.Equal(t, referenceAmount(s, rate), got, "s=%d rate=%d", s, rate)
	}
	// Ties go up: 1 s at 1800/h is exactly half a minor unit.
	for _, c := range []struct{ s, rate, want int64 }{
		{1, 1800, 1}, {1, 1799, 0}, {3600, 15000, 15000}, {900, 15000, 3750}, {-1, 100, 0},
	} {
		got, ok := Amount(c.s, c.rate)
		assert.True(t, ok)
		assert.Equal(t, c.want, got, "%d s at %d", c.s, c.rate)
	}
	// Too large to fit: refused, never saturated (two hours would bill as one).
	_, ok := Amount(1<<62, 1<<40)
	assert.False(t, ok)
}

func TestAllocateAddsUpAndStaysWithinOne(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for range 3000 {
		n := 1 + rng.Intn(20)
		weights := make([]int64, n)
		var sum int64
		for i := range weights {
			weights[i] = rng.Int63n(10000)
			sum += weights[i]
		}
		total := rng.Int63n(1_000_000)
		shares := allocate(total, weights)
		var got int64
		for i, s := range shares {
			got += s
			if sum > 0 {
				exact := new(big.Rat).SetFrac(big.NewInt(total*weights[i]), big.NewInt(sum))
				diff := new(big.Rat).Sub(new(big.Rat).SetInt64(s), exact)
				require.True(t, diff.Abs(diff).Cmp(big.NewRat(1, 1)) < 0, "share %d of %v", i, weights)
			}
		}
		require.Equal(t, total, got)
	}
}
