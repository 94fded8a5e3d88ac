# Fenxiao — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
export CGO_ENABLED ?= 0
GO ?= go
BIN := bin/fenxiao
# every web target runs in web/, installing its dependencies first when they are missing
WEB_DEPS := cd web && ( [ -d node_modules ] || npm ci --no-audit --no-fund )
PG_LOCAL := postgres://postgres@127.0.0.1:5432/test?sslmode=disable
REDIS_LOCAL := redis://127.0.0.1:6379/0
CHROMIUM ?= /usr/bin/chromium

.PHONY: run build web api test test-go test-front test-web test-e2e lint schema bench bench-notify clean

## run: build everything and start the store on SQLite with demo data (http://localhost:8080)
run: build
	@mkdir -p data
	./$(BIN) demo --if-empty
	./$(BIN) serve

## build: the single binary, with the web apps embedded when they exist
build: web
	$(GO) build -tags webdist -trimpath -ldflags "-s -w" -o $(BIN) ./cmd/fenxiao

## web: build the front ends (web/ is one npm workspace: shared, h5, admin, e2e; one package-lock.json)
web:
	$(WEB_DEPS) && npm run build

## api: regenerate the API schema both front ends compile against (web/shared/api) from the Go server
api:
	$(WEB_DEPS) && GO="$(GO)" npm run gen:api

## test: every test — Go on SQLite and (when reachable) PostgreSQL and Redis, the front ends'
## unit tests, and the end-to-end browser flows. The PostgreSQL tests (a schema per test) run in
## a database made for the run and dropped after it: schemas made and dropped by the thousand
## bloat a database's catalogs, and slow every later run where autovacuum is off. The Go tests
## wait on their databases much of the time, so the front ends' tests run beside them; each
## side's output is printed in one piece when it ends
test:
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-go test-front

test-front:
	@$(MAKE) --no-print-directory test-web && $(MAKE) --no-print-directory test-e2e

test-go:
	@if [ -z "$$FENXIAO_TEST_POSTGRES_URL" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		export FENXIAO_TEST_POSTGRES_URL='$(PG_LOCAL)'; fi; \
	if [ -z "$$FENXIAO_TEST_REDIS_URL" ] && redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then \
		export FENXIAO_TEST_REDIS_URL='$(REDIS_LOCAL)'; fi; \
	if [ -n "$$FENXIAO_TEST_POSTGRES_URL" ] && command -v psql >/dev/null; then \
		server="$$FENXIAO_TEST_POSTGRES_URL"; run_db="fenxiao_test_$$$$"; \
		psql "$$server" -qc "CREATE DATABASE $$run_db" || exit 1; \
		trap 'psql "$$server" -qc "DROP DATABASE IF EXISTS $$run_db WITH (FORCE)"' EXIT; \
		export FENXIAO_TEST_POSTGRES_URL="$$(echo "$$server" | sed -E "s#^([a-z]+://[^/?]*)/?[^?]*#\1/$$run_db#")"; \
	fi; \
	echo "PostgreSQL tests: $${FENXIAO_TEST_POSTGRES_URL:-off (set FENXIAO_TEST_POSTGRES_URL)}"; \
	echo "Redis tests: $${FENXIAO_TEST_REDIS_URL:-off (set FENXIAO_TEST_REDIS_URL)}"; \
	pkgs="$$($(GO) list ./... | grep -v /node_modules/)"; \
	$(GO) vet $$pkgs && $(GO) test -count=1 -timeout 20m $$pkgs

## test-web: the front ends' lint (ESLint), unit tests (Vitest: shared, h5, admin) and a check that the
## committed API schema (web/shared/api) is what `fenxiao openapi` and openapi-typescript produce now
test-web:
	$(WEB_DEPS) && npm run lint && npm test && GO="$(GO)" npm run check:api

## test-e2e: build the binary with both web apps, then drive the five storefront flows in Debian's
## Chromium against it on a fresh SQLite database (screenshots go to web/e2e/test-output/)
test-e2e:
	@[ -x "$(CHROMIUM)" ] || { echo "test-e2e: $(CHROMIUM) is missing. Install Debian's chromium (apt-get install chromium fonts-wqy-microhei) or set CHROMIUM=/path/to/chromium; the suite never downloads a browser."; exit 1; }
	$(MAKE) build
	$(WEB_DEPS) && CHROMIUM_PATH="$(CHROMIUM)" npm run test:e2e

## lint: formatting and vet (Go packages that npm installs under web/node_modules are not ours)
lint:
	@test -z "$$(gofmt -l cmd internal migrations web/*.go)" || (gofmt -l cmd internal migrations web/*.go; exit 1)
	$(GO) vet $$($(GO) list ./... | grep -v /node_modules/)

## schema: regenerate migrations/schema/{sqlite,postgres}.sql (the whole schema per dialect,
## for reading) from freshly migrated databases; run it after adding a migration and commit
## the result (`make test` fails while they are stale). PostgreSQL's file needs a server:
## FENXIAO_TEST_POSTGRES_URL, or the local one
schema:
	FENXIAO_TEST_POSTGRES_URL="$${FENXIAO_TEST_POSTGRES_URL:-$(PG_LOCAL)}" \
		$(GO) test -count=1 -run '^TestLatestSchemaIsCurrent$$' ./migrations -update

## bench: Go benchmarks on SQLite and (when reachable) PostgreSQL and Redis, one package at a
## time so they do not share the CPU; the 1M-order data sets take about a minute each to seed
## (figures go in the README's performance section)
bench:
	@if [ -z "$$FENXIAO_TEST_POSTGRES_URL" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		export FENXIAO_TEST_POSTGRES_URL='$(PG_LOCAL)'; fi; \
	if [ -z "$$FENXIAO_TEST_REDIS_URL" ] && redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then \
		export FENXIAO_TEST_REDIS_URL='$(REDIS_LOCAL)'; fi; \
	echo "PostgreSQL benchmarks: $${FENXIAO_TEST_POSTGRES_URL:-off (set FENXIAO_TEST_POSTGRES_URL)}"; \
	$(GO) test -run '^$$' -bench . -benchmem -p 1 -timeout 60m ./...

## bench-notify: the payment notification path (SQLite and PostgreSQL; 8 and 32 in flight, and
## offered at a fixed rate) next to pgbench -N (TPC-B-like without the contended updates) on the
## same PostgreSQL, in one run
bench-notify:
	@PG="$${FENXIAO_TEST_POSTGRES_URL:-$(PG_LOCAL)}"; \
	FENXIAO_TEST_POSTGRES_URL="$$PG" $(GO) test -run '^$$' -bench BenchmarkPaymentNotification -benchtime 5000x -timeout 60m ./internal/httpapi/ && \
	psql "$$PG" -qc 'DROP SCHEMA IF EXISTS pgbench CASCADE' -c 'CREATE SCHEMA pgbench' && \
	PGOPTIONS='-c search_path=pgbench' pgbench -q -i -s 10 "$$PG" >/dev/null 2>&1 && \
	PGOPTIONS='-c search_path=pgbench' pgbench -N -c 8 -j 2 -T 20 "$$PG" | grep -E 'tps|latency average|clients'; \
	psql "$$PG" -qc 'DROP SCHEMA IF EXISTS pgbench CASCADE'

clean:
	rm -rf bin
