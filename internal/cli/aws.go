package cli

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/workbench"
)

// awsCmd is `stint aws NAME [flags]` (the client's AWS settings) and its
// subcommands creds, console and login.
func awsCmd(d *Deps) *cobra.Command {
	var profile, region, cfg, creds, account string
	var roleARN, externalID, sessionName, mfaSerial, duration string
	var ssoURL, ssoRegion, ssoAccount, ssoRole string
	var temporary, noTemporary bool
	var cmd *cobra.Command
	cmd = settingsCmd(d, "aws NAME [--profile P] [--region R] [--config-file F] [--credentials-file F] [--temporary] [--role-arn ARN] [--mfa-serial ARN] [--sso-start-url URL …]",
		"Set a client's AWS profile, region, config files and temporary credentials",
		"  stint aws acme --profile acme-admin --region eu-west-1\n"+
			"  stint aws acme --temporary --mfa-serial arn:aws:iam::123456789012:mfa/ada\n"+
			"  stint aws acme --role-arn arn:aws:iam::123456789012:role/Deploy --external-id acme-7\n"+
			"  stint aws acme --sso-start-url https://acme.awsapps.com/start --sso-region eu-west-1 --sso-account 123456789012 --sso-role AdministratorAccess",
		func(fs *pflag.FlagSet) (profiles.Settings, error) {
			out, err := profiles.AWS(profiles.AWSSpec{Profile: changed(fs, "profile", &profile), Region: changed(fs, "region", &region),
				ConfigFile: changed(fs, "config-file", &cfg), CredentialsFile: changed(fs, "credentials-file", &creds),
				Account: changed(fs, "account", &account)})
			if err != nil {
				return nil, err
			}
			spec := profiles.AWSCredentialSpec{
				RoleARN: changed(fs, "role-arn", &roleARN), ExternalID: changed(fs, "external-id", &externalID),
				SessionName: changed(fs, "session-name", &sessionName), MFASerial: changed(fs, "mfa-serial", &mfaSerial),
				Duration:    changed(fs, "duration", &duration),
				SSOStartURL: changed(fs, "sso-start-url", &ssoURL), SSORegion: changed(fs, "sso-region", &ssoRegion),
				SSOAccount: changed(fs, "sso-account", &ssoAccount), SSORole: changed(fs, "sso-role", &ssoRole),
			}
			if fs.Changed("temporary") || fs.Changed("no-temporary") {
				on := temporary && !noTemporary
				spec.Temporary = &on
			}
			more, err := profiles.AWSCredentials(spec)
			if err != nil {
				return nil, err
			}
			for k, v := range more {
				out[k] = v
			}
			return out, nil
		}, "")
	cmd.Long = "Sets a client's AWS settings. With --temporary, --role-arn or --sso-…, a switch gives the\n" +
		"shell temporary credentials instead of long-lived keys (see docs/aws.md)."
	f := cmd.Flags()
	f.StringVar(&profile, "profile", "", "AWS_PROFILE (\"\" clears)")
	f.StringVar(&account, "account", "", "the 12-digit account `ID` stint whoami expects (\"\" clears)")
	f.StringVar(&region, "region", "", "AWS_REGION and AWS_DEFAULT_REGION")
	f.StringVar(&cfg, "config-file", "", "a per-client AWS_CONFIG_FILE")
	f.StringVar(&creds, "credentials-file", "", "a per-client AWS_SHARED_CREDENTIALS_FILE")
	f.BoolVar(&temporary, "temporary", false, "STS session credentials made from the client's secrets AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY")
	f.BoolVar(&noTemporary, "no-temporary", false, "export the long-lived keys again")
	f.StringVar(&roleARN, "role-arn", "", "assume this role with the client's long-lived keys")
	f.StringVar(&externalID, "external-id", "", "the role's external ID")
	f.StringVar(&sessionName, "session-name", "", "the role session name (default: the email or name of stint config)")
	f.StringVar(&mfaSerial, "mfa-serial", "", "ask for a code of this MFA device when credentials are made")
	f.StringVar(&duration, "duration", "", "how long credentials last (15m–36h; default AWS's: 12h session, 1h role)")
	f.StringVar(&ssoURL, "sso-start-url", "", "IAM Identity Center start URL")
	f.StringVar(&ssoRegion, "sso-region", "", "IAM Identity Center region")
	f.StringVar(&ssoAccount, "sso-account", "", "the account ID to get role credentials in")
	f.StringVar(&ssoRole, "sso-role", "", "the permission set's name")
	cmd.MarkFlagsMutuallyExclusive("temporary", "no-temporary")
	cmd.AddCommand(awsCredsCmd(d), awsConsoleCmd(d), awsLoginCmd(d))
	return cmd
}

func awsCredsCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "creds NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Print a client's temporary AWS credentials as credential_process JSON",
		Long: "Prints the client's temporary credentials (from the keyring cache, or made anew) as\n" +
			"credential_process JSON, Version 1. In ~/.aws/config:\n\n" +
			"  [profile acme]\n  credential_process = stint aws creds acme\n\n" +
			"and every AWS SDK and the aws CLI refresh on their own.",
		Example: "  stint aws creds acme",
		Args:    exactArgs(1, "stint aws creds NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			creds, err := wb.AWSCredentials(cmd.Context(), workbench.AWSRequest{Client: args[0], Environ: d.Environ(), MFA: d.mfaPrompt(), Detail: "creds"})
			if err != nil {
				return err
			}
			out, err := awscreds.ProcessJSON(creds)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(d.IO.Out, string(out))
			return err
		},
	}
}

func awsConsoleCmd(d *Deps) *cobra.Command {
	var open bool
	cmd := &cobra.Command{
		Use:               "console NAME [--open]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Make a sign-in URL for the AWS console as a client's credentials",
		Long: "Prints a URL that signs a browser in to the AWS console with the client's temporary\n" +
			"credentials (through the federation endpoint), or opens it with --open. The URL is a\n" +
			"credential for 15 minutes: do not paste it anywhere. --open never puts it on a command\n" +
			"line: the browser is sent to a one-time local address that redirects to it.",
		Example: "  stint aws console acme --open",
		Args:    exactArgs(1, "stint aws console NAME [--open]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			u, err := wb.AWSConsoleURL(cmd.Context(), workbench.AWSRequest{Client: args[0], Environ: d.Environ(), MFA: d.mfaPrompt(), Detail: "console"})
			if err != nil {
				return err
			}
			if open {
				if err := openSecretURL(cmd.Context(), d, u, time.Minute); err != nil {
					return fmt.Errorf("cannot open the console in a browser (%v): run `stint aws console %s` and open the URL yourself", err, args[0])
				}
				fmt.Fprintf(d.IO.ErrOut, "Opened the AWS console for %s.\n", args[0])
				return nil
			}
			_, err = fmt.Fprintln(d.IO.Out, u)
			return err
		},
	}
	cmd.Flags().BoolVar(&open, "open", false, "open the URL in a browser instead of printing it")
	return cmd
}

func awsLoginCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "login NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Sign a client in to AWS SSO (IAM Identity Center) with a device code",
		Long: "Starts the device authorization: prints the page and the code to check there, opens a\n" +
			"browser when there is one, and waits for the approval. The token is kept in the\n" +
			"keyring for this client only.",
		Example: "  stint aws login acme",
		Args:    exactArgs(1, "stint aws login NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			exp, err := wb.AWSLogin(cmd.Context(), workbench.AWSRequest{Client: args[0], Environ: d.Environ(), Detail: "login"}, func(a awscreds.DeviceAuth) error {
				fmt.Fprintf(d.IO.ErrOut, "Sign %s in to AWS SSO: open %s\nand check that it shows the code %s.\n", args[0], a.VerificationURIComplete, a.UserCode)
				if hasBrowser(d) {
					if err := d.openURL(a.VerificationURIComplete); err == nil {
						fmt.Fprintln(d.IO.ErrOut, "(opened in your browser)")
					}
				}
				fmt.Fprintln(d.IO.ErrOut, "Waiting for the approval…")
				return nil
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Signed %s in to AWS SSO for %s.\n", args[0], display.Compact(int64(time.Until(exp)/time.Second)))
			return nil
		},
	}
}

// hasBrowser: a graphical session or a BROWSER to hand URLs to.
func hasBrowser(d *Deps) bool {
	return d.Getenv("BROWSER") != "" || d.Getenv("DISPLAY") != "" || d.Getenv("WAYLAND_DISPLAY") != "" || runtime.GOOS == "darwin" || runtime.GOOS == "windows"
}

// openSecretURL opens a URL that is a credential (the console sign-in)
// without putting it on a command line, where every process of the user
// could read it (/proc/PID/cmdline): the browser gets a one-time address
// on the loopback interface, which redirects to u once and then closes.
// It waits until the browser has been there, at most wait.
func openSecretURL(ctx context.Context, d *Deps, u string, wait time.Duration) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	nonce := make([]byte, 16)
	_, _ = rand.Read(nonce)
	path := "/" + hex.EncodeToString(nonce)
	served := make(chan struct{})
	var once sync.Once
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		used := true
		once.Do(func() { used = false })
		if used || r.URL.Path != path {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Referrer-Policy", "no-referrer")
		http.Redirect(w, r, u, http.StatusFound)
		close(served)
	})}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	if err := d.openURL("http://" + ln.Addr().String() + path); err != nil {
		return err
	}
	select {
	case <-served:
		// Let the redirect reach the browser before the server closes.
		shutdown, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	case <-time.After(wait):
		return fmt.Errorf("no browser came for it within %s", wait)
	case <-ctx.Done():
		return ctx.Err()
	}
}

// openURL is Deps.OpenURL, else the system's browser.
func (d *Deps) openURL(u string) error {
	if d.OpenURL != nil {
		return d.OpenURL(u)
	}
	return openBrowser(d, u)
}

// openBrowser hands a URL to $BROWSER, else the system's opener.
func openBrowser(d *Deps, u string) error {
	name, args := "xdg-open", []string{u}
	switch {
	case d.Getenv("BROWSER") != "":
		name = d.Getenv("BROWSER")
	case runtime.GOOS == "darwin":
		name = "open"
	case runtime.GOOS == "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", u}
	}
	c := exec.Command(name, args...)
	c.Stdout, c.Stderr = nil, nil
	return c.Start()
}

// mfaPrompt is how this process asks for MFA codes: Deps.MFA when set
// (tests), else the controlling terminal.
func (d *Deps) mfaPrompt() workbench.MFAPrompt {
	if d.MFA != nil {
		return d.MFA
	}
	return ttyMFA
}

// ttyMFA asks on the controlling terminal, which a hooked switch, `stint
// env` inside $(…), exec and a credential_process all still have while
// their stdout is taken. Without one, the switch fails and says why.
func ttyMFA(ctx context.Context, client, serial string) (string, error) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return "", &awscreds.MFAError{Client: client, Serial: serial}
	}
	defer tty.Close()
	fmt.Fprintf(tty, "stint: MFA code for %s (%s): ", client, serial)
	line, err := bufio.NewReader(tty).ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("no MFA code was typed for %s", client)
	}
	return strings.TrimSpace(line), nil
}
