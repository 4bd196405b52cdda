package awscreds

import (
	"encoding/json"
	"fmt"
	"time"
)

// Keyring is what the cache needs of the keyring: one set of named values
// per item, read and changed as a whole (secrets.Store).
type Keyring interface {
	Load(item string) (map[string]string, error)
	Update(item string, fn func(map[string]string) error) error
	DeleteAll(item string) error
}

// CacheItem is the keyring item that holds a client's temporary
// credentials and SSO token. It is the client's own — no cache is shared
// between clients, even for the same SSO start URL — and apart from the
// item of its secrets, so `stint secret` never shows it. A slug has no
// '/', so it can be no other client's item.
func CacheItem(client string) string { return client + "/aws" }

// Names of the values in a cache item.
const (
	cacheCredentials = "credentials"
	cacheSSO         = "sso"
)

// cachedCredentials are credentials and what they were made for.
type cachedCredentials struct {
	Config string `json:"config"` // Config.fingerprint()
	// KeyID is the long-lived key's ID (session and role): a rotated key
	// makes the cache miss. Access key IDs are not secret.
	KeyID string `json:"key_id"`
	Credentials
}

// ssoSession is a client's SSO sign-in: the registered OIDC client and the
// token, for one start URL in one region.
type ssoSession struct {
	StartURL     string       `json:"start_url"`
	Region       string       `json:"region"`
	Client       registration `json:"client"`
	AccessToken  string       `json:"access_token,omitempty"`
	RefreshToken string       `json:"refresh_token,omitempty"`
	Expires      time.Time    `json:"expires"`
}

// cache is the decoded content of a client's item.
type cache struct {
	creds *cachedCredentials
	sso   *ssoSession
}

func decodeCache(values map[string]string) cache {
	var c cache
	// A value that does not decode (written by a newer stint, or damaged)
	// is a miss: it is made anew and overwritten.
	if raw := values[cacheCredentials]; raw != "" {
		var cc cachedCredentials
		if json.Unmarshal([]byte(raw), &cc) == nil {
			c.creds = &cc
		}
	}
	if raw := values[cacheSSO]; raw != "" {
		var s ssoSession
		if json.Unmarshal([]byte(raw), &s) == nil {
			c.sso = &s
		}
	}
	return c
}

func (p *Provider) loadCache(client string) (cache, error) {
	values, err := p.Keyring.Load(CacheItem(client))
	if err != nil {
		return cache{}, fmt.Errorf("cannot read %s's cached AWS credentials: %w", client, err)
	}
	return decodeCache(values), nil
}

// store writes one value of a client's cache item.
func (p *Provider) store(client, name string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	err = p.Keyring.Update(CacheItem(client), func(m map[string]string) error {
		m[name] = string(data)
		return nil
	})
	if err != nil {
		return fmt.Errorf("cannot cache %s's AWS credentials in the keyring: %w", client, err)
	}
	return nil
}

// drop removes one value of a client's cache item.
func (p *Provider) drop(client, name string) error {
	return p.Keyring.Update(CacheItem(client), func(m map[string]string) error {
		delete(m, name)
		return nil
	})
}

// Forget removes everything cached for a client: credentials, SSO token
// and OIDC registration (offboarding, `stint aws NAME --forget`).
func (p *Provider) Forget(client string) error {
	if err := p.Keyring.DeleteAll(CacheItem(client)); err != nil {
		return fmt.Errorf("cannot remove %s's cached AWS credentials from the keyring: %w", client, err)
	}
	return nil
}
