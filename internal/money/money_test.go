package money

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseCurrency(t *testing.T) {
	for _, ok := range []string{"USD", "eur", "JPY", " gbp "} {
		_, err := ParseCurrency(ok)
		assert.NoError(t, err, ok)
	}
	for _, bad := range []string{"", "US", "DOLLAR", "ABC", "XXX", "12$"} {
		_, err := ParseCurrency(bad)
		assert.Error(t, err, bad)
	}
}

func TestExponent(t *testing.T) {
	assert.Equal(t, 2, Currency("USD").Exponent())
	assert.Equal(t, 0, Currency("JPY").Exponent())
	assert.Equal(t, 3, Currency("KWD").Exponent())
}

func TestParseAmount(t *testing.T) {
	cases := []struct {
		in   string
		cur  Currency
		want int64
	}{
		{"150", "USD", 15000},
		{"150.00", "USD", 15000},
		{"150.5", "USD", 15050},
		{"0.01", "USD", 1},
		{".5", "EUR", 50},
		{"1,250.75", "EUR", 125075},
		{"12000", "JPY", 12000},
		{"12000.0", "JPY", 12000},
		{"1.234", "KWD", 1234},
	}
	for _, c := range cases {
		got, err := ParseAmount(c.in, c.cur)
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
	for _, bad := range []string{"", "-5", "abc", "1.2.3", "1.001", "99999999999999999999", "1e3", "."} {
		_, err := ParseAmount(bad, "USD")
		assert.Error(t, err, bad)
	}
	_, err := ParseAmount("100.5", "JPY")
	assert.ErrorContains(t, err, "more decimals than JPY allows (0): give 101")
}

// TestTooManyDecimalsSaysWhatToGive: the refusal names the amount rounded
// half up to the currency's decimals, and that amount parses.
func TestTooManyDecimalsSaysWhatToGive(t *testing.T) {
	for _, c := range []struct {
		in   string
		cur  Currency
		want string
	}{
		{"1.234", "USD", "1.23"}, {"1.235", "USD", "1.24"}, {"1.005", "USD", "1.01"}, {"0.001", "USD", "0.00"},
		{"9.999", "USD", "10.00"}, {"99.995", "EUR", "100.00"}, {".129", "USD", "0.13"}, {"007.125", "USD", "7.13"},
		{"100.5", "JPY", "101"}, {"100.4", "JPY", "100"}, {"0.5", "JPY", "1"}, {"1.2345", "KWD", "1.235"}, {"150.0001", "USD", "150.00"},
	} {
		_, err := ParseAmount(c.in, c.cur)
		require.Error(t, err, c.in)
		assert.True(t, strings.HasSuffix(err.Error(), ": give "+c.want), "%s %s: %v", c.in, c.cur, err)
		_, err = ParseAmount(c.want, c.cur)
		assert.NoError(t, err, "the amount given back parses: %s", c.want)
	}
}

func TestFormatRoundTrip(t *testing.T) {
	for _, c := range []Currency{"USD", "JPY", "KWD"} {
		for _, v := range []int64{0, 1, 9, 10, 99, 100, 12345, 1234567890} {
			got, err := ParseAmount(FormatAmount(v, c), c)
			require.NoError(t, err)
			assert.Equal(t, v, got)
		}
	}
	assert.Equal(t, "USD 1,234,567.89", Format(123456789, "USD"))
	assert.Equal(t, "JPY 12,000", Format(12000, "JPY"))
	assert.Equal(t, "USD -0.05", Format(-5, "USD"))
}
