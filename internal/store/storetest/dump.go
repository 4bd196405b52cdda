// Package storetest helps tests prove what a command changed in the
// database — or that it changed nothing.
package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/store"
)

// Dump is every row of every table (the full-text index's shadow tables
// left out), each table's rows sorted: equal dumps, equal databases.
func Dump(tb testing.TB, db *store.DB) string {
	tb.Helper()
	sql := db.SQL()
	rows, err := sql.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'notes_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	require.NoError(tb, err)
	var tables []string
	for rows.Next() {
		var n string
		require.NoError(tb, rows.Scan(&n))
		tables = append(tables, n)
	}
	require.NoError(tb, rows.Close())
	var b strings.Builder
	for _, tbl := range tables {
		r, err := sql.Query("SELECT * FROM " + tbl)
		require.NoError(tb, err)
		cols, err := r.Columns()
		require.NoError(tb, err)
		var lines []string
		for r.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			require.NoError(tb, r.Scan(ptrs...))
			lines = append(lines, fmt.Sprint(vals...))
		}
		require.NoError(tb, r.Close())
		slices.Sort(lines)
		fmt.Fprintf(&b, "%s:\n%s\n", tbl, strings.Join(lines, "\n"))
	}
	return b.String()
}
