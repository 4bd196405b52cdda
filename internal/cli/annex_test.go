package cli

import (
	"path/filepath"
	"testing"

	"github.com/stint-sh/stint/internal/golden"
	"github.com/stretchr/testify/assert"
)

// `stint report --client NAME --month M --format md|html` writes the audit
// annex of the client's month from the database, the same numbers the text
// report prints, with the client's log lines of that month only.
func TestReportAnnex(t *testing.T) {
	h, clock := timeHarness(t, "2024-06-03T08:00:00Z")
	h.ok("client", "edit", "acme", "--minimum", "30m")
	h.ok("add", "acme", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:07", "-m", "design review", "--tag", "review")
	h.ok("add", "acme", "--from", "2024-05-02 11:00", "--to", "2024-05-02 11:10", "-m", "hotfix <b>now</b> | *asap*", "--tag", "ops")
	h.ok("add", "acme", "--from", "2024-05-03 14:00", "--to", "2024-05-03 15:00", "-m", "internal", "--non-billable")
	h.ok("add", "acme", "--from", "2024-05-31 23:50", "--to", "2024-06-01 00:10", "-m", "across midnight")
	h.ok("add", "acme", "--from", "2024-06-01 09:00", "--to", "2024-06-01 10:00", "-m", "June's")
	h.ok("add", "globex", "--from", "2024-05-02 12:00", "--to", "2024-05-02 13:00", "-m", "other client")
	*clock = clock.AddDate(0, 0, -20) // 2024-05-14
	h.ok("note", "add", "acme", "rolled back the <script> deploy")
	*clock = clock.AddDate(0, 0, 25) // 2024-06-08
	h.ok("note", "add", "acme", "June's note")

	for _, f := range []string{"md", "html"} {
		out := h.ok("report", "--client", "acme", "--month", "2024-05", "--format", f)
		golden.Assert(t, filepath.Join("testdata", "annex_acme."+f), out)
		assert.NotContains(t, out, "June's")
		assert.NotContains(t, out, "other client")
	}
	text := h.ok("report", "--client", "acme", "--month", "2024-05")
	assert.Contains(t, text, "USD 337.50", "the annex's total is the report's amount")

	h.fails(2, "--format md is the annex of one client's invoice: give --client NAME", "report", "--month", "2024-05", "--format", "md")
	h.fails(2, `report format "pdf" is unknown: use text, md or html`, "report", "--client", "acme", "--format", "pdf")
	h.fails(2, "--json and --format html are two outputs: give one", "report", "--client", "acme", "--format", "html", "--json")
	h.fails(2, "--format md lists every entry: drop --by", "report", "--client", "acme", "--format", "md", "--by", "day")
	h.fails(2, `no client named "nobody"`, "report", "--client", "nobody", "--format", "md")
}
