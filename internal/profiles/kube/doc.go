// Package kube isolates Kubernetes access per shell session.
//
// A client owns some contexts spread over one or more kubeconfig files. On a
// switch stint writes a kubeconfig for that shell session only, holding just
// those contexts with their clusters and users, and points KUBECONFIG at it.
// `kubectl config use-context` then changes that one file, so it never moves
// another shell, and a shell switched to client B has no way to reach client
// A's clusters.
//
// Files are read and written with a YAML library (go.yaml.in/yaml/v3) as
// node trees, merged and path-resolved by client-go's rules (first file
// wins, whole; paths relative to the file that names them), and checked
// against the v1 kubeconfig schema. client-go's clientcmd itself is not
// linked: its package initialisation alone cost about 1.8 ms on every start
// of stint, a fifth of the `stint env` budget. The tests hold every file
// this package writes to clientcmd's loader and to the real kubectl.
//
//	cfg, err := kube.Inspect(paths...)          // what the files hold
//	out, err := kube.Build(kube.Spec{...})      // just the client's contexts
//	path, err := kube.WriteSession(dir, id, out) // 0600 file for this shell
//	removed, err := kube.CleanStale(dir, kube.SessionAlive)
package kube
