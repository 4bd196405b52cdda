package awscreds

import (
	"fmt"
	"net/url"
	"strings"
)

// Services whose endpoints stint calls, by the environment-variable suffix
// the AWS SDKs derive from the service ID ("SSO OIDC" → SSO_OIDC).
const (
	serviceSTS     = "STS"
	serviceSSO     = "SSO"
	serviceSSOOIDC = "SSO_OIDC"
	serviceSignin  = "SIGNIN"
)

// Endpoint resolves where a service is reached, as the AWS SDKs do from
// the environment: AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, both
// ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true; otherwise the
// service's regional endpoint. env is the environment the client's shell
// would have (its own variables over the calling process's), so a client
// can be pointed at a stand-in or a private endpoint like any SDK.
func Endpoint(env map[string]string, service, region string) (string, error) {
	if !strings.EqualFold(env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"], "true") {
		for _, name := range []string{"AWS_ENDPOINT_URL_" + service, "AWS_ENDPOINT_URL"} {
			if v := strings.TrimSpace(env[name]); v != "" {
				u, err := url.Parse(v)
				if err != nil || u.Scheme == "" || u.Host == "" {
					return "", fmt.Errorf("%s=%q is not a URL: give one like https://sts.eu-west-1.amazonaws.com", name, v)
				}
				return strings.TrimSuffix(v, "/"), nil
			}
		}
	}
	return defaultEndpoint(service, region), nil
}

// defaultEndpoint is a service's public endpoint in region's partition.
// STS is regional, as the SDKs default to since 2022.
func defaultEndpoint(service, region string) string {
	if region == "" {
		region = "us-east-1"
	}
	suffix := "amazonaws.com"
	if strings.HasPrefix(region, "cn-") {
		suffix = "amazonaws.com.cn"
	}
	switch service {
	case serviceSTS:
		return "https://sts." + region + "." + suffix
	case serviceSSO:
		return "https://portal.sso." + region + "." + suffix
	case serviceSSOOIDC:
		return "https://oidc." + region + "." + suffix
	case serviceSignin:
		switch {
		case strings.HasPrefix(region, "cn-"):
			return "https://signin.amazonaws.cn"
		case strings.HasPrefix(region, "us-gov-"):
			return "https://signin.amazonaws-us-gov.com"
		}
		return "https://signin.aws.amazon.com"
	}
	return ""
}

// consoleHome is the console page a sign-in lands on.
func consoleHome(region string) string {
	domain := "console.aws.amazon.com"
	switch {
	case strings.HasPrefix(region, "cn-"):
		domain = "console.amazonaws.cn"
	case strings.HasPrefix(region, "us-gov-"):
		domain = "console.amazonaws-us-gov.com"
	}
	if region == "" {
		return "https://" + domain + "/"
	}
	return "https://" + region + "." + domain + "/console/home?region=" + region
}

// signingRegion is the region a SigV4 signature names: the client's, or
// us-east-1 (where the global endpoints sign) when it has none.
func signingRegion(region string) string {
	if region == "" {
		return "us-east-1"
	}
	return region
}
