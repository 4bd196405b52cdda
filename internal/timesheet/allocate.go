package timesheet

import "sort"

// Allocate shares total out in proportion to weights by the largest
// remainder method (see allocate): the shares add up to total exactly.
func Allocate(total int64, weights []int64) []int64 { return allocate(total, weights) }

// allocate shares total out in proportion to weights by the largest
// remainder method: every share is the floor or the ceiling of its exact
// proportion, and the shares add up to total exactly. Ties in the remainder
// go to the earlier weight, so the result is deterministic. With no weight at
// all, the first share takes everything (there is nothing to be fair to).
func allocate(total int64, weights []int64) []int64 {
	shares := make([]int64, len(weights))
	if len(weights) == 0 {
		return shares
	}
	var sum int64
	for _, w := range weights {
		sum += w
	}
	if sum <= 0 {
		shares[0] = total
		return shares
	}
	rems := make([]int64, len(weights))
	given := int64(0)
	for i, w := range weights {
		q, r, ok := mulDiv(total, w, sum)
		if !ok { // absurd magnitudes: fall back to the first share
			clear(shares)
			shares[0] = total
			return shares
		}
		shares[i], rems[i] = q, r
		given += q
	}
	left := total - given // fewer than len(weights)
	if left == 0 {
		return shares
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rems[order[a]] > rems[order[b]] })
	for _, i := range order[:left] {
		shares[i]++
	}
	return shares
}
