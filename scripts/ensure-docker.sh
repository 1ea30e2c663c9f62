#!/usr/bin/env bash
# Make sure a Docker engine answers. Idempotent: a no-op where one already runs.
# Where none does, install Debian's docker.io (needs root and apt) and start dockerd in the background.
# Real users normally have Docker Desktop or a system service; this is for fresh CI machines.
set -euo pipefail

WAIT_SECONDS=${FABRIC_TESTKIT_DOCKER_WAIT:-60}
LOG=${FABRIC_TESTKIT_DOCKERD_LOG:-/tmp/fabric-testkit-dockerd.log}
say() { echo "[engine] $*"; }

if docker info >/dev/null 2>&1; then
  say "Docker engine answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo unknown version)); nothing to do."
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "No Docker engine answers and dockerd is not installed."
    say "Install Docker (https://docs.docker.com/engine/install/) or run this script as root on Debian/Ubuntu, then try again."
    exit 1
  fi
  say "dockerd not found: installing Debian's docker.io with apt-get (about a minute)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io >/tmp/fabric-testkit-apt.log 2>&1 || {
    say "apt-get install docker.io failed; its log is /tmp/fabric-testkit-apt.log:"; tail -n 20 /tmp/fabric-testkit-apt.log; exit 1; }
  say "installed $(dockerd --version)"
fi
if ! command -v docker >/dev/null 2>&1; then
  say "dockerd is installed but the docker client is not on PATH; install docker.io (or docker-ce-cli) and try again."
  exit 1
fi

if [ "$(id -u)" != 0 ]; then
  say "dockerd is installed but no engine answers, and starting it needs root. Start it (sudo systemctl start docker) and try again."
  exit 1
fi

say "starting dockerd in the background (log: $LOG)..."
# setsid + nohup: the engine must outlive this script and the shell that ran it.
setsid nohup dockerd >"$LOG" 2>&1 </dev/null &
for ((i = 0; i < WAIT_SECONDS * 2; i++)); do
  if docker info >/dev/null 2>&1; then
    say "Docker engine answers after $((i / 2)) s ($(docker version --format '{{.Server.Version}}'))."
    exit 0
  fi
  sleep 0.5
done
say "Timed out after ${WAIT_SECONDS} s waiting for dockerd to answer 'docker info'. Last lines of $LOG:"
tail -n 20 "$LOG"
exit 1
