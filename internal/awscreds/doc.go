// Package awscreds turns a client's AWS setup into short-lived credentials,
// the way aws-vault and granted do: STS GetSessionToken or AssumeRole made
// with the client's own long-lived keys (which never reach a shell), or
// IAM Identity Center (SSO) role credentials from a device-authorization
// login. Credentials and SSO tokens are cached per client in the keyring,
// never in a file, until five minutes before they expire.
//
// The AWS calls are written here against the wire protocols (STS's query
// API with XML answers, the SSO portal's and SSO-OIDC's JSON), signed with
// aws-sdk-go-v2's SigV4 signer. The SDK's service clients are not linked:
// their package initialisation would cost every stint command about 125
// page faults (~0.5 ms, 427 KB of allocations) whether it uses AWS or not
// (docs/performance.md). They stay as test oracles: the tests run them
// against the same stand-in (package awsstandin) this package is tested
// against, so the stand-in provably speaks the protocols they speak.
package awscreds
