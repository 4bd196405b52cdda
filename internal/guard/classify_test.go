package guard

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// classifyCases: every verb of the lists, the reads beside them,
// global flags before and after the verb, dry runs, "--" and user rules.
var classifyCases = []struct {
	line     string
	verb     string
	mutating bool
	context  string
}{
	// kubectl: the list.
	{"kubectl apply -f x.yaml", "apply", true, ""},
	{"kubectl apply --filename=x.yaml", "apply", true, ""},
	{"kubectl apply -fx.yaml", "apply", true, ""},
	{"kubectl apply -k .", "apply", true, ""},
	{"kubectl apply --prune -l a=b -f -", "apply", true, ""},
	{"kubectl create ns x", "create", true, ""},
	{"kubectl delete pod x", "delete", true, ""},
	{"kubectl edit deploy x", "edit", true, ""},
	{"kubectl patch deploy x -p {}", "patch", true, ""},
	{"kubectl replace -f x.yaml", "replace", true, ""},
	{"kubectl scale deploy x --replicas 0", "scale", true, ""},
	{"kubectl rollout restart deploy/x", "rollout restart", true, ""},
	{"kubectl rollout undo deploy/x", "rollout undo", true, ""},
	{"kubectl rollout pause deploy/x", "rollout pause", true, ""},
	{"kubectl rollout resume deploy/x", "rollout resume", true, ""},
	{"kubectl drain node1", "drain", true, ""},
	{"kubectl cordon node1", "cordon", true, ""},
	{"kubectl uncordon node1", "uncordon", true, ""},
	{"kubectl taint nodes node1 k=v:NoSchedule", "taint", true, ""},
	{"kubectl label pod x a=b", "label", true, ""},
	{"kubectl annotate pod x a=b", "annotate", true, ""},
	{"kubectl set image deploy/x c=img", "set", true, ""},
	{"kubectl autoscale deploy x --max 3", "autoscale", true, ""},
	{"kubectl expose deploy x --port 80", "expose", true, ""},
	{"kubectl run x --image nginx", "run", true, ""},
	// kubectl: decided here (docs/safety.md).
	{"kubectl exec -it pod -- sh", "exec", true, ""},
	{"kubectl cp pod:/a /tmp/a", "cp", true, ""},
	{"kubectl attach pod", "attach", true, ""},
	{"kubectl debug node/x -it --image busybox", "debug", true, ""},
	{"kubectl certificate approve csr-1", "certificate approve", true, ""},
	{"kubectl port-forward svc/x 8080:80", "port-forward", false, ""},
	{"kubectl proxy", "proxy", false, ""},
	// kubectl reads.
	{"kubectl get pods -A", "get", false, ""},
	{"kubectl describe pod x", "describe", false, ""},
	{"kubectl logs -f pod", "logs", false, ""},
	{"kubectl top pods", "top", false, ""},
	{"kubectl diff -f x.yaml", "diff", false, ""},
	{"kubectl rollout status deploy/x", "rollout status", false, ""},
	{"kubectl rollout history deploy/x", "rollout history", false, ""},
	{"kubectl rollout", "rollout", false, ""},
	{"kubectl apply view-last-applied deploy/x", "apply view-last-applied", false, ""},
	{"kubectl config use-context x", "config", false, ""},
	{"kubectl auth can-i delete pods", "auth", false, ""},
	{"kubectl version", "version", false, ""},
	{"kubectl", "", false, ""},
	{"kubectl --help", "", false, ""},
	// Global flags are skipped, with their values, wherever they are.
	{"kubectl --context prod delete pod x", "delete", true, "prod"},
	{"kubectl --context=prod delete pod x", "delete", true, "prod"},
	{"kubectl -n kube-system delete pod x", "delete", true, ""},
	{"kubectl -nkube-system delete pod x", "delete", true, ""},
	{"kubectl --kubeconfig /k.yaml --namespace a -v 9 delete pod x", "delete", true, ""},
	{"kubectl --as admin --token t -s https://x get pods", "get", false, ""},
	{"kubectl delete pod x --context prod", "delete", true, "prod"},
	{"kubectl get pods --context prod", "get", false, "prod"},
	{"kubectl -n delete get pods", "get", false, ""}, // a namespace called delete
	{"kubectl --context delete get pods", "get", false, "delete"},
	{"kubectl rollout -n a restart deploy/x", "rollout restart", true, ""},
	{"kubectl rollout frobnicate deploy/x", "rollout", true, ""}, // unknown: fail closed, not logged
	// Dry runs change nothing; a --dry-run after -- belongs to another program.
	{"kubectl apply -f x.yaml --dry-run=server", "apply", false, ""},
	{"kubectl delete pod x --dry-run=client", "delete", false, ""},
	{"kubectl delete pod x --dry-run", "delete", false, ""},
	{"kubectl delete pod x --dry-run=none", "delete", true, ""},
	{"kubectl exec pod -- tool --dry-run", "exec", true, ""},
	{"kubectl -- delete pod", "", false, ""},
	// helm.
	{"helm install x chart", "install", true, ""},
	{"helm upgrade --install x chart", "upgrade", true, ""},
	{"helm uninstall x", "uninstall", true, ""},
	{"helm un x", "un", true, ""},
	{"helm delete x", "delete", true, ""},
	{"helm rollback x 3", "rollback", true, ""},
	{"helm --kube-context prod -n a upgrade x chart", "upgrade", true, "prod"},
	{"helm upgrade x chart --kube-context=prod", "upgrade", true, "prod"},
	{"helm upgrade x chart --dry-run", "upgrade", false, ""},
	{"helm list -A", "list", false, ""},
	{"helm status x", "status", false, ""},
	{"helm template x chart", "template", false, ""},
	{"helm repo add x https://x", "repo", false, ""},
	// terraform (and tofu).
	{"terraform apply", "apply", true, ""},
	{"terraform apply -auto-approve plan.out", "apply", true, ""},
	{"terraform -chdir=infra apply", "apply", true, ""},
	{"terraform destroy", "destroy", true, ""},
	{"terraform import aws_s3_bucket.b b", "import", true, ""},
	{"terraform state rm aws_s3_bucket.b", "state rm", true, ""},
	{"terraform state mv a b", "state mv", true, ""},
	{"terraform state push f", "state push", true, ""},
	{"terraform state replace-provider a b", "state replace-provider", true, ""},
	{"terraform state list", "state list", false, ""},
	{"terraform state show a", "state show", false, ""},
	{"terraform state pull", "state pull", false, ""},
	{"terraform taint a", "taint", true, ""},
	{"terraform untaint a", "untaint", true, ""},
	{"terraform force-unlock 1234", "force-unlock", true, ""},
	{"terraform workspace delete old", "workspace delete", true, ""},
	{"terraform workspace select x", "workspace", false, ""},
	{"terraform plan -out plan.out", "plan", false, ""},
	{"terraform init", "init", false, ""},
	{"terraform validate", "validate", false, ""},
	{"terraform -version", "", false, ""},
	{"tofu apply", "apply", true, ""},
	{"tofu plan", "plan", false, ""},
	// User rules (guard_extra).
	{"argocd app sync guestbook", "app sync", true, ""},
	{"argocd app get guestbook", "app", false, ""},
	{"argocd --grpc-web app sync guestbook", "app sync", true, ""},
	{"pulumi up", "up", true, ""},
	{"pulumi preview", "preview", false, ""},
	{"kubectl port-forward svc/db 5432", "port-forward", false, ""},
	{"helm test x", "test", true, ""},
}

var testRules = []Rule{
	{Tool: "argocd", Words: []string{"app", "sync"}},
	{Tool: "pulumi", Words: []string{"up"}},
	{Tool: "helm", Words: []string{"test"}},
}

func TestClassify(t *testing.T) {
	for _, c := range classifyCases {
		t.Run(c.line, func(t *testing.T) {
			f := strings.Fields(c.line)
			v := Classify(f[0], f[1:], testRules)
			assert.Equal(t, c.verb, v.Verb, "verb")
			assert.Equal(t, c.mutating, v.Mutating, "mutating")
			assert.Equal(t, c.context, v.Context, "context")
		})
	}
}

// The verb is all the access log gets: never an argument, whatever the line.
func TestVerbNeverHoldsAnArgument(t *testing.T) {
	for _, c := range classifyCases {
		f := strings.Fields(c.line)
		v := Classify(f[0], f[1:], testRules)
		for _, w := range strings.Fields(v.Verb) {
			known := false
			for _, table := range tables {
				if vb, ok := table[w]; ok || subKnown(table, w) {
					_ = vb
					known = true
				}
			}
			for _, r := range testRules {
				for _, rw := range r.Words {
					known = known || rw == w
				}
			}
			assert.True(t, known || isReadVerb(w), "%q: %q is not a verb", c.line, w)
		}
	}
}

func subKnown(table map[string]verb, w string) bool {
	for _, v := range table {
		if _, ok := v.subs[w]; ok {
			return true
		}
	}
	return false
}

// isReadVerb: the read commands the cases use (a verb Classify does not
// know is still the first word, which is the tool's command).
func isReadVerb(w string) bool {
	switch w {
	case "get", "describe", "logs", "top", "diff", "config", "auth", "version", "port-forward", "proxy",
		"list", "status", "template", "repo", "plan", "init", "validate", "app", "preview":
		return true
	}
	return false
}

func TestDecide(t *testing.T) {
	prod := map[string][]string{"acme-prod": {"acme"}, "shared-prod": {"acme", "globex"}}
	del := Verdict{Tool: "kubectl", Verb: "delete", Mutating: true}
	cases := []struct {
		name string
		v    Verdict
		f    Facts
		want Decision
	}{
		{"a read is never guarded", Verdict{Tool: "kubectl", Verb: "get"}, Facts{Client: "bank", ClientProduction: true}, Decision{}},
		{"a production client", del, Facts{Client: "bank", ClientProduction: true, ProdContexts: prod},
			Decision{true, "bank", "production client bank"}},
		{"a production context of this client", del, Facts{Client: "acme", ProdContexts: prod, KubeContext: "acme-prod"},
			Decision{true, "acme", "production context acme-prod (acme)"}},
		{"a production context from another client's shell", del, Facts{Client: "globex", ProdContexts: prod, KubeContext: "acme-prod"},
			Decision{true, "acme", "production context acme-prod (acme)"}},
		{"a shared context names the shell's client", del, Facts{Client: "globex", ProdContexts: prod, KubeContext: "shared-prod"},
			Decision{true, "globex", "production context shared-prod (globex)"}},
		{"a shell in no client", del, Facts{ProdContexts: prod, KubeContext: "acme-prod"},
			Decision{true, "acme", "production context acme-prod (acme)"}},
		{"a context that is not production", del, Facts{Client: "acme", ProdContexts: prod, KubeContext: "acme-dev"}, Decision{}},
		{"no context", del, Facts{Client: "acme", ProdContexts: prod}, Decision{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { assert.Equal(t, c.want, Decide(c.v, c.f)) })
	}
}

func TestConfirmed(t *testing.T) {
	assert.True(t, Confirmed("acme\n", "acme"))
	assert.True(t, Confirmed("  acme \r\n", "acme"))
	for _, typed := range []string{"", "\n", "y", "yes", "Acme", "acme-prod", "acm"} {
		assert.False(t, Confirmed(typed, "acme"), typed)
	}
	assert.False(t, Confirmed("", ""))
}

func TestDetailHoldsToolVerbAndOutcomeOnly(t *testing.T) {
	v := Classify("kubectl", []string{"--token", "s3cr3t", "delete", "secret", "db-password"}, nil)
	d := Detail(v, OutcomeRefused)
	assert.Equal(t, "kubectl delete refused", d)
}

func TestParseRules(t *testing.T) {
	rules, err := ParseRules(" argocd app sync,pulumi   up , , helm test, pulumi up")
	assert.NoError(t, err)
	assert.Equal(t, "argocd app sync, pulumi up, helm test", FormatRules(rules))
	assert.Equal(t, []string{"kubectl", "helm", "terraform", "tofu", "argocd", "pulumi"}, ShimTools(rules))
	for _, bad := range []string{"argocd", "a b c d e f", "arg/cd app", "kubectl --force", "stint switch", "bash -c", "x $(y)", ".. up"} {
		_, err := ParseRules(bad)
		assert.Error(t, err, bad)
	}
	rules, err = ParseRules("")
	assert.NoError(t, err)
	assert.Empty(t, rules)
}
