package awscreds

import (
	"errors"
	"fmt"
	"strings"
)

// APIError is an AWS service's refusal, or a failure to reach it. Its text
// names the service, the call and the service's code and message, which
// never hold a credential.
type APIError struct {
	Service string // STS, SSO, SSO-OIDC, Signin
	Op      string
	Status  int // HTTP status; 0 when the service was not reached
	Code    string
	Message string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", e.Service, e.Op)
	switch {
	case e.Code != "" && e.Message != "":
		fmt.Fprintf(&b, ": %s: %s", e.Code, e.Message)
	case e.Code != "":
		fmt.Fprintf(&b, ": %s", e.Code)
	case e.Message != "":
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.Status != 0 && e.Code == "" {
		fmt.Fprintf(&b, " (HTTP %d)", e.Status)
	}
	return b.String()
}

// IsCode says whether err is an APIError with one of codes.
func IsCode(err error, codes ...string) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	for _, c := range codes {
		if e.Code == c {
			return true
		}
	}
	return false
}

// ErrMFANeeded: the credentials have to be made anew and need an MFA code,
// but nobody was there to ask (no terminal, or a front end that asks in a
// form first: see Provider.Needs).
var ErrMFANeeded = errors.New("an MFA code is needed")

// MFAError says which client needs a code, and how to give one.
type MFAError struct{ Client, Serial string }

func (e *MFAError) Error() string {
	return fmt.Sprintf("%s's AWS credentials need an MFA code for %s and there is no terminal to ask on: run the command in a terminal, or `stint switch %s` there first", e.Client, e.Serial, e.Client)
}

func (e *MFAError) Unwrap() error { return ErrMFANeeded }

// ErrLoginNeeded: an SSO client has no usable token.
var ErrLoginNeeded = errors.New("an AWS SSO login is needed")

// LoginError says which client must sign in again.
type LoginError struct {
	Client string
	Why    string // "has not signed in", "sign-in has expired"
}

func (e *LoginError) Error() string {
	return fmt.Sprintf("%s's AWS SSO %s: run `stint aws login %s`", e.Client, e.Why, e.Client)
}

func (e *LoginError) Unwrap() error { return ErrLoginNeeded }

// MissingKeyError: a session or role mode without the long-lived key it
// is made from.
type MissingKeyError struct{ Client, Name string }

func (e *MissingKeyError) Error() string {
	return fmt.Sprintf("%s has no %s in the keyring to make AWS credentials from: store the IAM user's key with `stint secret set %s %s`", e.Client, e.Name, e.Client, e.Name)
}

// redactIn removes secret values from an error's text: a service could
// echo what it was sent.
func redactIn(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	changed := false
	for _, s := range secrets {
		if len(s) >= 8 && strings.Contains(msg, s) {
			msg = strings.ReplaceAll(msg, s, "<redacted>")
			changed = true
		}
	}
	if !changed {
		return err
	}
	return errors.New(msg)
}
