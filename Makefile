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

bench: build ## performance budgets of DESIGN.md, against peers
	scripts/with-keyring bench/run

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin dist
