package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBudgetRoundTripAndMarksSaidOncePerPeriod(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	c, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry",
		BudgetMinutes: 1200, BudgetPeriod: "month"})
	require.NoError(t, err)
	got, err := db.Client(ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, 1200, got.BudgetMinutes)
	assert.Equal(t, "month", got.BudgetPeriod)
	got.BudgetMinutes, got.BudgetPeriod = 600, "week"
	require.NoError(t, db.UpdateClient(ctx, got))
	got, err = db.Client(ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, 600, got.BudgetMinutes)
	assert.Equal(t, "week", got.BudgetPeriod)

	may := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	june := may.AddDate(0, 1, 0)
	for _, step := range []struct {
		from  time.Time
		level int
		want  bool
	}{
		{may, 80, true}, {may, 80, false}, {may, 100, true}, {may, 80, false}, {may, 100, false},
		{june, 80, true}, {june, 100, true}, {june, 100, false},
	} {
		said, err := db.SayBudget(ctx, c.ID, step.from, step.level)
		require.NoError(t, err)
		assert.Equal(t, step.want, said, "%v %d", step.from, step.level)
	}
	_, err = db.sql.ExecContext(ctx, `UPDATE clients SET budget_period = 'day'`)
	assert.Error(t, err, "the schema refuses an unknown period")
}
