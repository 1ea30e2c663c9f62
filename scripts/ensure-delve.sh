#!/usr/bin/env bash
# Make sure Delve (dlv) is installed for the Go chaincode debugging test (packages/network/test/chaincode-programs).
# Idempotent: a no-op where a dlv that supports this Go is on PATH or in $(go env GOPATH)/bin. Otherwise it is built
# with `go install` from the Go module proxy, at an exact version (the proxy here serves exact versions only).
set -euo pipefail
VERSION=v1.26.1
say() { echo "[delve] $*"; }

gobin="$(go env GOPATH)/bin"
for dlv in dlv "$gobin/dlv"; do
  if command -v "$dlv" >/dev/null 2>&1 && "$dlv" version 2>/dev/null | grep -q "Version: ${VERSION#v}"; then
    say "$("$dlv" version | grep Version) at $(command -v "$dlv"); nothing to do."
    exit 0
  fi
done
say "installing Delve $VERSION with go install (a minute)..."
GOFLAGS=-mod=mod go install "github.com/go-delve/delve/cmd/dlv@$VERSION" >/tmp/fabric-testkit-delve.log 2>&1 || {
  say "go install failed; its log is /tmp/fabric-testkit-delve.log:"
  tail -n 20 /tmp/fabric-testkit-delve.log
  exit 1
}
say "installed $("$gobin/dlv" version | grep Version) at $gobin/dlv"
