//go:build !unix

package paths

import "io/fs"

// ownedByMe: ownership is not a file mode outside unix; the directory's
// ACL decides who may use it.
func ownedByMe(fs.FileInfo) bool { return true }

func readOnlyFS(string) bool { return false }
