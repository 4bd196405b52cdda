// Package kube isolates Kubernetes access per shell session.
//
// A client owns some contexts spread over one or more kubeconfig files. On a
// switch stint writes a kubeconfig for that shell session only, holding just
// those contexts with their clusters and users, and points KUBECONFIG at it.
// `kubectl config use-context` then changes that one file, so it never moves
// another shell, and a shell switched to client B has no way to reach client
// A's clusters.
//
// Reading, merging and writing go through client-go's clientcmd, exactly as
// kubectl does; no YAML is written by hand.
//
//	cfg, err := kube.Inspect(paths...)          // what the files hold
//	out, err := kube.Build(kube.Spec{...})      // just the client's contexts
//	path, err := kube.WriteSession(dir, id, out) // 0600 file for this shell
//	removed, err := kube.CleanStale(dir, kube.SessionAlive)
package kube
