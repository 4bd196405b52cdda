package workbench

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/store"
)

func TestAccessLogBySession(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, withoutKeyring())
	clock := w.clk
	w.addClient("acme")
	w.addClient("globex")
	require.NoError(t, w.Isolate(ctx, "acme", []string{"gh"}, false))
	c, err := w.clients.Client(ctx, "acme")
	require.NoError(t, err)
	g, err := w.clients.Client(ctx, "globex")
	require.NoError(t, err)
	t0 := clock.t
	for _, a := range []store.Access{
		{At: t0, ClientID: c.ID, Session: "s2", Action: "switch", SecretNames: []string{"A"}},
		{At: t0.Add(time.Minute), ClientID: c.ID, Session: "s1", Action: "exec", Detail: "kubectl get pods", SecretNames: []string{"B"}},
		{At: t0.Add(2 * time.Minute), ClientID: c.ID, Session: "s2", Action: "secret", SecretNames: []string{"C"}},
		{At: t0.Add(3 * time.Minute), ClientID: g.ID, Session: "s2", Action: "switch"},
	} {
		require.NoError(t, w.db.LogAccess(ctx, a))
	}
	r, err := w.AccessLog(ctx, "acme", time.Time{})
	require.NoError(t, err)
	require.Len(t, r.Events, 3, "only acme's rows")
	assert.Equal(t, "kubectl get pods", r.Events[1].Detail)
	require.Len(t, r.Sessions, 2)
	assert.Equal(t, "s2", r.Sessions[0].Session)
	assert.Equal(t, []string{"A", "C"}, r.Sessions[0].SecretNames)
	assert.Equal(t, map[string]int{"switch": 1, "secret": 1}, r.Sessions[0].Actions)
	assert.Equal(t, t0.Add(2*time.Minute), r.Sessions[0].Last)
	assert.Equal(t, "s1", r.Sessions[1].Session)

	r, err = w.AccessLog(ctx, "acme", t0.Add(90*time.Second))
	require.NoError(t, err)
	assert.Len(t, r.Events, 1)
}
