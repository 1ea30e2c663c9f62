#!/usr/bin/env bash
# The README's test command (`npm test`) and what .ci/run calls: everything, in order.
#  1. a Docker engine (installs and starts one where none answers; a no-op otherwise), and Chromium for the
#     explorer's browser test (installs Debian's chromium where it is missing; a no-op otherwise), and Delve
#     for the Go debugging test (go install at a pinned version where it is missing)
#  2. the TypeScript build (tsc -b)
#  3. the Fabric images for the default version (present, pulled, or built from Fabric's release source)
#  4. lint and format check
#  5. every workspace's tests (unit tests on the in-memory peer, integration tests on real containers)
#  6. the Go samples' go test, then the samples' suites again, on a real network (FABRIC_TESTKIT_TARGET=network): the same test files (issue 14)
#  7. the conformance corpus (fixtures/scenarios) on a real network, on the mock, and on the mock with every chaincode
#     served over the chaincode protocol (mock-wire), each compared with the real network (issues 5, 15)
#  8. a short soak of the harness: interrupted starts, parallel networks, faults, nothing left behind (issue 11)
#  9. Fabric 3.1: its images, the harness tests (with BFT), the conformance corpus and the Fabric 3 drills
# It ends with one line "N passed, N failed, N skipped" summed over all mocha runs and the scenarios.
set -uo pipefail
cd "$(dirname "$0")/.."
LOG=$(mktemp -t fabric-testkit-test.XXXXXX)
step() { echo; echo "== $* =="; }
started=$SECONDS

step "Docker engine"
bash scripts/ensure-docker.sh || exit 1

step "Chromium (the explorer's browser test; screenshots in test-output/explorer/)"
bash scripts/ensure-chromium.sh || exit 1

step "Delve, for the Go chaincode debugging test"
bash scripts/ensure-delve.sh || exit 1

step "Build (tsc -b)"
npm run -s build || exit 1

step "Fabric images"
# Makes sure hyperledger/fabric-{peer,orderer,tools,ca} exist at the pinned tags (packages/images/src/versions.ts):
# present locally -> nothing to do (a second or so); else pulled; else built from source (a few minutes): Fabric
# 2.5.16 from its release archive, found in FABRIC_TESTKIT_FABRIC_SOURCE or ../shared/fabric-src beside the clone.
if [ -z "${FABRIC_TESTKIT_FABRIC_SOURCE:-}" ] && [ -d ../shared/fabric-src ]; then
  FABRIC_TESTKIT_FABRIC_SOURCE=$(cd ../shared/fabric-src && pwd)
fi
images() { node packages/cli/bin/fabric-testkit.js images ${FABRIC_TESTKIT_FABRIC_SOURCE:+--fabric-source "$FABRIC_TESTKIT_FABRIC_SOURCE"} "$@"; }
images || exit 1

step "Lint"
npm run -s lint || exit 1

step "Tests"
npm run -s test:unit 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}

step "Go chaincode: go test of every Go sample"
# The Go samples' own unit tests (their TypeScript suites run with the other samples, below and in the tests above).
for gomod in contracts/*/go.mod; do
  dir=$(dirname "$gomod")
  echo "-- $dir"
  if (cd "$dir" && go test ./... 2>&1); then echo "go test $dir: 1 passed" >>"$LOG"; else
    echo "go test $dir: 1 failed" >>"$LOG"
    [ "$status" -ne 0 ] || status=1
  fi
done

step "Samples on a real Fabric network: the same suites, FABRIC_TESTKIT_TARGET=network"
# Every sample whose suite is written against @fabric-testkit/network runs on both targets: the mock run was part of
# the tests above; this is the network run of the very same files.
for sample in $(node -e '
  const fs = require("fs");
  for (const dir of fs.readdirSync("contracts")) {
    const pkg = JSON.parse(fs.readFileSync(`contracts/${dir}/package.json`, "utf8"));
    if (pkg.devDependencies?.["@fabric-testkit/network"]) console.log(pkg.name);
  }'); do
  echo "-- $sample"
  FABRIC_TESTKIT_TARGET=network npm run -s test -w "$sample" 2>&1 | tee -a "$LOG"
  [ "${PIPESTATUS[0]}" -eq 0 ] || [ "$status" -ne 0 ] || status=1
done

step "Conformance: fixtures/scenarios on a real Fabric network, the mock, and the mock over the wire"
# One network per scenario (a few seconds each); the mock runs each chaincode in process, mock-wire serves it as a
# chaincode server per organization and talks the chaincode protocol to it. Any difference from the real network
# fails the run, printing the runs step by step and the diff (--quiet: one line per scenario that agrees).
node packages/cli/bin/fabric-testkit.js scenario run fixtures/scenarios --target network,mock,mock-wire --quiet 2>&1 | tee -a "$LOG"
scenarios=${PIPESTATUS[0]}
[ "$status" -eq 0 ] && status=$scenarios

step "Soak: interrupted starts, parallel networks, status/down in pipes, faults; nothing may be left behind"
# The long form is `npm run soak -- --cycles 30 --parallel 6 --json` (README, Reliability).
npm run -s soak -- --cycles 3 --parallel 2 --json
soak=$?
if [ "$soak" -eq 0 ]; then echo "soak: 1 passed" >>"$LOG"; else echo "soak: 1 failed" >>"$LOG"; fi
[ "$status" -eq 0 ] && status=$soak

step "Fabric 3.1: images, harness tests (with BFT), the conformance corpus and the Fabric 3 drills"
# The same checks as above that exercise a real network, on the Fabric 3 line (FABRIC_TESTKIT_FABRIC_VERSION=3.1):
# V3_0 channels by default, BFT ordering in the harness's BFT test and drill, and a capability upgrade.
export_31() { FABRIC_TESTKIT_FABRIC_VERSION=3.1 "$@"; }
if images --fabric 3.1; then
  export_31 npm run -s test -w @fabric-testkit/test-harness 2>&1 | tee -a "$LOG"
  [ "${PIPESTATUS[0]}" -eq 0 ] || [ "$status" -ne 0 ] || status=1
  export_31 node packages/cli/bin/fabric-testkit.js scenario run fixtures/scenarios --target both --quiet 2>&1 | tee -a "$LOG"
  [ "${PIPESTATUS[0]}" -eq 0 ] || [ "$status" -ne 0 ] || status=1
  for drill in bft-orderer-fault capability-upgrade; do
    if export_31 node packages/cli/bin/fabric-testkit.js drill "$drill" --fabric 3.1; then
      echo "drill: 1 passed" >>"$LOG"
    else
      echo "drill: 1 failed" >>"$LOG"
      [ "$status" -ne 0 ] || status=1
    fi
  done
else
  echo "fabric 3.1 images: 1 failed" | tee -a "$LOG"
  [ "$status" -ne 0 ] || status=1
fi

# Mocha prints "N passing", "N failing", "N pending" per run, the scenario run "N scenarios: P passed, F failed,
# S skipped"; sum them for one closing line.
sum() { grep -Eo "^\s*[0-9]+ $1" "$LOG" | awk '{s += $1} END {print s + 0}'; }
scenario_sum() { grep -Eo "^[0-9]+ scenarios?: .*" "$LOG" | grep -Eo "[0-9]+ $1" | awk '{s += $1} END {print s + 0}'; }
soak_sum() { grep -Eo "^(soak|drill|fabric 3.1 images|go test [^:]+): 1 $1" "$LOG" | wc -l; }
passed=$(($(sum passing) + $(scenario_sum passed) + $(soak_sum passed)))
failed=$(($(sum failing) + $(scenario_sum failed) + $(soak_sum failed)))
skipped=$(($(sum pending) + $(scenario_sum skipped)))
rm -f "$LOG"
echo
echo "fabric-testkit: took $((SECONDS - started)) s"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then echo "a test run exited with status $status (see above)"; fi
exit "$status"
