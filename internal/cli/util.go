package cli

import (
	"sort"

	"github.com/stint-sh/stint/internal/badinput"
)

func usageErr(msg string) error { return badinput.Errorf("%s", msg) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
