// Package money converts between the decimal amounts people type ("150.00")
// and the integer minor units stint stores, using each ISO 4217 currency's
// own exponent (USD has 2 decimals, JPY none, KWD 3).
package money

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/currency"
)

// Currency is a validated, upper-case ISO 4217 code.
type Currency string

// ParseCurrency validates an ISO 4217 code, case-insensitively.
func ParseCurrency(code string) (Currency, error) {
	c := strings.ToUpper(strings.TrimSpace(code))
	if len(c) != 3 {
		return "", fmt.Errorf("currency %q is not an ISO 4217 code (three letters, like USD or EUR)", code)
	}
	u, err := currency.ParseISO(c)
	if err != nil || u.String() != c || c == "XXX" {
		return "", fmt.Errorf("currency %q is not an ISO 4217 code (three letters, like USD or EUR)", code)
	}
	return Currency(c), nil
}

// Exponent is the number of decimal places of the currency's minor unit.
func (c Currency) Exponent() int {
	u, err := currency.ParseISO(string(c))
	if err != nil {
		return 2
	}
	scale, _ := currency.Standard.Rounding(u)
	return scale
}

// ParseAmount reads a non-negative decimal such as "150", "150.5" or
// "1,250.00" into minor units of c. More decimals than the currency has are
// refused rather than silently rounded: a rate is a contract.
func ParseAmount(s string, c Currency) (int64, error) {
	raw := strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if raw == "" {
		return 0, fmt.Errorf("amount is empty: give a decimal such as 150.00")
	}
	if strings.HasPrefix(raw, "-") {
		return 0, fmt.Errorf("amount %q is negative: give zero or more", s)
	}
	whole, frac, hasDot := strings.Cut(raw, ".")
	if whole == "" {
		whole = "0"
	}
	if !allDigits(whole) || (hasDot && !allDigits(frac)) || (hasDot && frac == "" && whole == "") {
		return 0, fmt.Errorf("amount %q is not a decimal: give a number such as 150 or 150.00", s)
	}
	exp := c.Exponent()
	frac = strings.TrimRight(frac, "0")
	if len(frac) > exp {
		return 0, fmt.Errorf("amount %q has more decimals than %s allows (%d): give %s", s, c, exp, roundedTo(whole, frac, exp))
	}
	frac += strings.Repeat("0", exp-len(frac))
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("amount %q is too large", s)
	}
	var f int64
	if frac != "" {
		f, _ = strconv.ParseInt(frac, 10, 64)
	}
	scale := pow10(exp)
	if w > (math.MaxInt64-f)/scale {
		return 0, fmt.Errorf("amount %q is too large", s)
	}
	return w*scale + f, nil
}

// FormatAmount renders minor units as a plain decimal ("1250.00"), the form
// ParseAmount reads back.
func FormatAmount(minor int64, c Currency) string {
	exp := c.Exponent()
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	if exp == 0 {
		return sign + strconv.FormatInt(minor, 10)
	}
	scale := pow10(exp)
	return fmt.Sprintf("%s%d.%0*d", sign, minor/scale, exp, minor%scale)
}

// Format renders minor units for people: thousands separated and the code
// in front ("USD 1,250.00").
func Format(minor int64, c Currency) string {
	plain := FormatAmount(minor, c)
	sign := ""
	if strings.HasPrefix(plain, "-") {
		sign, plain = "-", plain[1:]
	}
	whole, frac, hasDot := strings.Cut(plain, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasDot {
		out += "." + frac
	}
	return fmt.Sprintf("%s %s%s", c, sign, out)
}

// MaxRateUnits bounds an hourly rate: at most 1,000,000,000 units of its
// currency per hour (USD 1,000,000,000.00/h, JPY 1,000,000,000/h). The
// bound is far above any real rate — also in currencies with large numbers,
// like IDR or VND — and keeps rate × seconds well inside what reports can
// compute exactly: with the largest currency exponent (4), a rate is at most
// 10^13 minor units, so 100 years of billed seconds still fit an int64
// amount, and every report sum is checked beyond that.
const MaxRateUnits = 1_000_000_000

// MaxRateMinor is MaxRateUnits in minor units of c.
func MaxRateMinor(c Currency) int64 { return MaxRateUnits * pow10(c.Exponent()) }

// CheckRate refuses a negative rate and one above MaxRateUnits per hour. It
// is the one check of a rate, whether typed, imported from a bundle or read
// back as terms.
func CheckRate(minor int64, c Currency) error {
	if minor < 0 {
		return fmt.Errorf("rate %s is negative: give zero or more", FormatAmount(minor, c))
	}
	if minor > MaxRateMinor(c) {
		return fmt.Errorf("rate %s is above the limit of %s per hour: give a rate per hour, not a total",
			Format(minor, c), Format(MaxRateMinor(c), c))
	}
	return nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// roundedTo is the decimal whole.frac rounded half up to exp decimals, as a
// person would type it: what to give instead of an amount with too many
// decimals. whole and frac are digits only.
func roundedTo(whole, frac string, exp int) string {
	digits := []byte(strings.TrimLeft(whole, "0") + frac[:exp])
	if frac[exp] >= '5' {
		i := len(digits) - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i >= 0 {
			digits[i]++
		} else {
			digits = append([]byte{'1'}, digits...)
		}
	}
	for len(digits) < exp+1 {
		digits = append([]byte{'0'}, digits...)
	}
	n := len(digits) - exp
	w := strings.TrimLeft(string(digits[:n]), "0")
	if w == "" {
		w = "0"
	}
	if exp == 0 {
		return w
	}
	return w + "." + string(digits[n:])
}
