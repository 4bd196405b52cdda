package workbench

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/handoff"
	"github.com/stint-sh/stint/internal/store/storetest"
)

// FuzzImportBundle feeds mutated bundles to import, into a real database
// that already holds one allowed client. Whatever the bytes: import never
// panics; a refusal is an input error of one line and changes nothing; an
// import is pending review, places every repository and the working
// directory under the receiver's root and outside any hidden directory,
// stores no path a bundle named for a file, and leaves the allowed client
// allowed.
func FuzzImportBundle(f *testing.F) {
	honest := bundleWith(f, func(b *handoff.Bundle) {
		b.Client.Workdir = "/src/acme"
		b.Repos = []handoff.Repo{{Path: "/src/acme/api", URL: "https://github.com/acme/api.git"}, {Path: "/src/acme/infra/tf", URL: "git@github.com:acme/tf.git"}}
		b.Kube = handoff.Kube{Sources: []string{"/home/ada/.kube/acme"}, Contexts: []string{"prod"}}
		b.Settings["git.ssh_key"] = "/home/ada/.ssh/id_acme"
		b.Vars["HTTPS_PROXY"] = "http://proxy:3128"
	})
	f.Add(honest)
	text := string(honest)
	for _, m := range [][2]string{
		{`"path": "api"`, `"path": "../../.ssh"`},
		{`"path": "api"`, `"path": "/home/ada/.config/git"`},
		{`"path": "api"`, `"path": "x/.git/hooks"`},
		{`"workdir": "."`, `"workdir": "../.."`},
		{`"stint_bundle": 2`, `"stint_bundle": 1`},
		{`"id_acme"`, `"../../etc/passwd"`},
		{`"https://github.com/acme/api.git"`, `"https://user:tok@github.com/acme/api.git"`},
		{`"https://github.com/acme/api.git"`, `"--upload-pack=sh"`},
		{`"HTTPS_PROXY"`, `"LD_PRELOAD"`},
		{`"HTTPS_PROXY"`, `"STINT_CLIENT"`},
	} {
		f.Add([]byte(strings.Replace(text, m[0], m[1], 1)))
	}
	f.Add([]byte(strings.Replace(strings.Replace(text, `"stint_bundle": 2`, `"stint_bundle": 1`, 1), `"path": "api"`, `"path": "/home/ada/.config/git"`, 1)))

	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		w := newFixture(t, withoutKeyring())
		w.addClient("mine")
		src := filepath.Join(t.TempDir(), "home", "src", "acme")
		home := filepath.Dir(filepath.Dir(src))
		before := storetest.Dump(t, w.DB())

		res, err := w.ImportBundle(ctx, data, ImportOptions{As: "acme", Src: src, Home: home})
		if err != nil {
			require.True(t, badinput.Is(err), "a bad bundle is an input error: %v", err)
			require.NotContains(t, err.Error(), "\n")
			require.Equal(t, before, storetest.Dump(t, w.DB()), "a refused import changes nothing")
			return
		}
		require.True(t, res.Pending, "nothing a bundle brings applies before it is allowed")
		p, err := w.clients.StoredProfile(ctx, "acme")
		require.NoError(t, err)
		require.True(t, p.Client.ReviewPending)
		placed := []string{}
		for _, r := range p.Repos {
			placed = append(placed, r.Path)
			require.NotContains(t, r.URL, "tok@", "no credentials stored")
		}
		if p.Client.Workdir != "" {
			placed = append(placed, p.Client.Workdir)
		}
		for _, path := range placed {
			rel, err := filepath.Rel(src, path)
			require.NoError(t, err)
			require.False(t, rel == ".." || strings.HasPrefix(rel, "../"), "%s is outside %s", path, src)
			for _, part := range strings.Split(rel, "/") {
				require.False(t, strings.HasPrefix(part, ".") && part != ".", "%s goes through a hidden directory", path)
			}
		}
		require.Empty(t, p.KubeSources, "kubeconfigs are provided here, not taken")
		for _, k := range []string{"git.ssh_key", "aws.config_file", "aws.credentials_file"} {
			require.Empty(t, p.Settings[k], "%s is provided here, not taken", k)
		}
		mine, err := w.clients.StoredProfile(ctx, "mine")
		require.NoError(t, err)
		require.False(t, mine.Client.ReviewPending, "another client's state is untouched")
	})
}
