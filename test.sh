#!/usr/bin/env bash
# Builds the solution and runs every test in it (unit, markup and browser tests), then prints one
# summary line: "N passed, N failed, N skipped". Exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The browser tests drive the system's Chromium; Playwright cannot download its own here.
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    echo "Chromium is missing; installing it for the browser tests."
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  else
    echo "warning: no Chromium at $chromium and not root: browser tests will fail (install chromium or set CHROMIUM_PATH)." >&2
  fi
fi

# The cluster tests run the cluster's Redis store against a private redis-server they start.
if ! command -v redis-server >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    echo "redis-server is missing; installing it for the cluster tests."
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server
  else
    echo "warning: no redis-server and not root: the Redis store tests will fail (apt-get install redis-server)." >&2
  fi
fi

results=.test-output
rm -rf "$results"

dotnet build CommitLab.sln -c Release

# A hung browser test must not stall the run: give up on a test host that is silent for 5 minutes.
test_status=0
dotnet test CommitLab.sln -c Release --no-build \
  --logger "trx;LogFilePrefix=results" \
  --results-directory "$results" \
  --blame-hang-timeout 5m --blame-hang-dump-type none \
  || test_status=$?

# Add up the counters of every test project's TRX report.
shopt -s nullglob
reports=("$results"/*.trx)
read -r passed failed skipped < <(
  awk '
    /<Counters / {
      line = $0
      while (match(line, /[a-zA-Z]+="[0-9]+"/)) {
        pair = substr(line, RSTART, RLENGTH)
        line = substr(line, RSTART + RLENGTH)
        split(pair, kv, "=")
        gsub(/"/, "", kv[2])
        count[kv[1]] += kv[2]
      }
    }
    END {
      failed = count["failed"] + count["error"] + count["timeout"] + count["aborted"]
      print count["passed"] + 0, failed + 0, count["total"] - count["executed"]
    }' /dev/null "${reports[@]}"
)

if [[ ${#reports[@]} -eq 0 ]]; then
  echo "error: dotnet test wrote no TRX report to $results" >&2
  test_status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
if [[ $test_status -ne 0 || $failed -ne 0 ]]; then
  exit 1
fi
