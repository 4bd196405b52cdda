package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRemoveKubeSourcesAndContexts(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	now := time.Unix(1_700_000_000, 0).UTC()
	c, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry", CreatedAt: now, UpdatedAt: now})
	require.NoError(t, err)
	for _, src := range []string{"/k/one.yaml", "/k/two.yaml", "/k/three.yaml"} {
		require.NoError(t, db.ApplyProfileChange(ctx, c.ID, ProfileChange{AddKubeSource: src}))
	}
	require.NoError(t, db.ApplyProfileChange(ctx, c.ID, ProfileChange{AddContexts: []string{"a", "b", "c"},
		SetSettings: map[string]string{"kube.context": "a"}}))
	profile := func() *Profile {
		p, err := db.Profile(ctx, "acme")
		require.NoError(t, err)
		return p
	}

	// A change that fails part-way removes nothing.
	_, err = db.SQL().ExecContext(ctx, `CREATE TRIGGER refuse_boom BEFORE INSERT ON client_isolation
		WHEN NEW.tool = 'boom' BEGIN SELECT RAISE(ABORT, 'boom refused'); END`)
	require.NoError(t, err)
	err = db.ApplyProfileChange(ctx, c.ID, ProfileChange{RemoveKubeSources: []string{"/k/two.yaml"},
		RemoveContexts: []string{"a"}, SetSettings: map[string]string{"kube.context": "b"}, Isolate: []string{"boom"}})
	require.ErrorContains(t, err, "boom refused")
	p := profile()
	assert.Equal(t, []string{"/k/one.yaml", "/k/two.yaml", "/k/three.yaml"}, p.KubeSources)
	assert.Equal(t, []string{"a", "b", "c"}, p.KubeContexts)
	assert.Equal(t, "a", p.Settings["kube.context"])

	require.NoError(t, db.ApplyProfileChange(ctx, c.ID, ProfileChange{RemoveKubeSources: []string{"/k/two.yaml"},
		RemoveContexts: []string{"a"}, SetSettings: map[string]string{"kube.context": "b"}}))
	p = profile()
	assert.Equal(t, []string{"/k/one.yaml", "/k/three.yaml"}, p.KubeSources, "the others keep their order")
	assert.Equal(t, []string{"b", "c"}, p.KubeContexts)
	assert.Equal(t, "b", p.Settings["kube.context"])

	// Removal runs before addition, and a re-added file goes last.
	require.NoError(t, db.ApplyProfileChange(ctx, c.ID, ProfileChange{RemoveKubeSources: []string{"/k/one.yaml"},
		AddKubeSource: "/k/one.yaml"}))
	assert.Equal(t, []string{"/k/three.yaml", "/k/one.yaml"}, profile().KubeSources)

	require.NoError(t, db.RemoveKubeSource(ctx, c.ID, "/k/three.yaml", []string{"b", "not-there"}))
	p = profile()
	assert.Equal(t, []string{"/k/one.yaml"}, p.KubeSources)
	assert.Equal(t, []string{"c"}, p.KubeContexts)
}

func TestKubeProductionAndGuardFacts(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	now := time.Unix(1_700_000_000, 0).UTC()
	add := func(slug string, prod bool, contexts ...string) Client {
		c, err := db.InsertClient(ctx, Client{Slug: slug, Name: slug, Currency: "USD", RoundMode: "up", RoundPer: "entry", Production: prod, CreatedAt: now, UpdatedAt: now})
		require.NoError(t, err)
		require.NoError(t, db.ApplyProfileChange(ctx, c.ID, ProfileChange{AddKubeSource: "/k/" + slug + ".yaml"}))
		require.NoError(t, db.ApplyProfileChange(ctx, c.ID, ProfileChange{AddContexts: contexts}))
		return c
	}
	acme := add("acme", false, "acme-dev", "acme-prod")
	bank := add("bank", true, "bank-prod")
	require.NoError(t, db.SetKubeProduction(ctx, acme.ID, "acme-prod", true))
	require.NoError(t, db.SetKubeProduction(ctx, bank.ID, "bank-prod", true))
	require.ErrorIs(t, db.SetKubeProduction(ctx, acme.ID, "bank-prod", true), ErrNotFound, "a context of another client")

	p, err := db.Profile(ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, []string{"acme-prod"}, p.ProdContexts)

	f, err := db.GuardFacts(ctx, "acme")
	require.NoError(t, err)
	assert.True(t, f.ClientFound)
	assert.False(t, f.ClientProduction)
	assert.Equal(t, []ProdContext{{acme.ID, "acme", "acme-prod"}, {bank.ID, "bank", "bank-prod"}}, f.ProdContexts)
	f, err = db.GuardFacts(ctx, "bank")
	require.NoError(t, err)
	assert.True(t, f.ClientProduction)
	f, err = db.GuardFacts(ctx, "gone")
	require.NoError(t, err)
	assert.False(t, f.ClientFound)

	require.NoError(t, db.SetKubeProduction(ctx, acme.ID, "acme-prod", false))
	f, err = db.GuardFacts(ctx, "")
	require.NoError(t, err)
	assert.Equal(t, []ProdContext{{bank.ID, "bank", "bank-prod"}}, f.ProdContexts)

	// The access log takes the guard's rows.
	require.NoError(t, db.LogAccess(ctx, Access{At: now, ClientID: bank.ID, Action: "guard", Detail: "kubectl delete refused"}))
}
