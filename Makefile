# The two commands a newcomer needs: `make run` (the TUI) and `make test`.
GO        ?= go
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.version=$(VERSION)
BIN       := bin/stint

.PHONY: run build test test-short bench lint fmt release-check clean

run: build ## start the stint TUI (against your real data; set STINT_HOME to try it out)
	./$(BIN)

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/stint

test: ## the whole suite, with a throwaway Secret Service and real shells
	scripts/test

test-short: ## unit tests only: no keyring, no shells
	$(GO) test -short ./...

bench: build ## the performance budgets of docs/design.md, against peers
	scripts/with-keyring bench/run

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

# goreleaser v2.16 is the newest that builds with Go 1.26; `go run` caches it.
GORELEASER ?= GOFLAGS= $(GO) run github.com/goreleaser/goreleaser/v2@v2.16.0

release-check: ## validate .goreleaser.yaml and build a snapshot of all six targets
	$(GORELEASER) check
	$(GORELEASER) release --snapshot --clean --skip=publish
	@ls dist/*/stint* dist/*.tar.gz dist/*.zip dist/*.deb dist/*.rpm

clean:
	rm -rf bin dist
