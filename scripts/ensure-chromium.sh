#!/usr/bin/env bash
# Make sure a headless Chromium is on PATH for the explorer's browser test (packages/cli/test/commands/demo-explore).
# Idempotent: a no-op where `chromium` is already installed. Where it is not, install Debian's chromium package
# (needs root and apt). The test drives it with playwright-core; no browser is downloaded by npm.
set -euo pipefail
say() { echo "[chromium] $*"; }

if command -v chromium >/dev/null 2>&1; then
  say "$(chromium --version 2>/dev/null | head -n 1 || echo chromium) is installed; nothing to do."
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  say "chromium is not installed: install it (Debian/Ubuntu: apt-get install -y chromium) or set FABRIC_TESTKIT_CHROMIUM."
  exit 1
fi
say "chromium not found: installing Debian's chromium with apt-get (a minute or two)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/tmp/fabric-testkit-apt-chromium.log 2>&1 || {
  say "apt-get install chromium failed; its log is /tmp/fabric-testkit-apt-chromium.log:"
  tail -n 20 /tmp/fabric-testkit-apt-chromium.log
  exit 1
}
say "installed $(chromium --version 2>/dev/null | head -n 1)"
