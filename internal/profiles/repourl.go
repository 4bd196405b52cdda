package profiles

import "strings"

// RepoURLWithoutCredentials is raw without the credentials a URL can carry
// (https://x-access-token:TOKEN@github.com/…), and whether there were any:
// stint stores, prints and hands off repository URLs, so a token in one
// would end up in its database, on screen and in handoff files. git's
// credential helper or ssh-agent is where credentials belong.
//
// http(s) and every other scheme lose everything before the "@". SSH URLs
// (ssh://git@host/…) keep their user name, which says which account to log
// in as rather than how, and lose only a password. scp-style addresses
// (git@host:org/repo) and local paths have no room for a password and are
// returned as they are.
func RepoURLWithoutCredentials(raw string) (clean string, removed bool) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok || !isURLScheme(scheme) {
		return raw, false
	}
	// The authority ends at the first /, ? or #; its userinfo at its last @
	// (a password may hold an unescaped @).
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndex(rest[:end], "@")
	if at < 0 {
		return raw, false
	}
	userinfo, hostAndPath := rest[:at], rest[at+1:]
	keep := ""
	if isSSHScheme(scheme) {
		user, _, hasPassword := strings.Cut(userinfo, ":")
		if !hasPassword {
			return raw, false
		}
		keep = user + "@"
	}
	return scheme + "://" + keep + hostAndPath, userinfo != ""
}

// isURLScheme: a letter, then letters, digits, +, - or . (RFC 3986).
func isURLScheme(s string) bool {
	for i, c := range s {
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

// isSSHScheme names the spellings git accepts for SSH transport.
func isSSHScheme(scheme string) bool {
	switch strings.ToLower(scheme) {
	case "ssh", "git+ssh", "ssh+git":
		return true
	}
	return false
}
