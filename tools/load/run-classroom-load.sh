#!/usr/bin/env bash
# Classroom load run against the real server: publishes src/CommitLab.Web (Release) into a temporary
# folder, and for each room size (and once for the Chromium pages) starts it fresh in Production on a
# free loopback port with its own data folder and raised join limits (every load client comes from
# 127.0.0.1), runs classroom-load.mjs against it, and finally prints one table of all the figures.
# The server is killed on every exit path (normal end, error, Ctrl+C, SIGTERM).
#
#   tools/load/run-classroom-load.sh [--sizes 50,200,500] [--pages 20] [--json FILE] [options for classroom-load.mjs]
#   e.g. tools/load/run-classroom-load.sh --json /tmp/classroom-load.json
#
# Server CPU per student page (issue 17's figure): pages only, in WebAssembly, 20 then 40 of them:
#   tools/load/run-classroom-load.sh --sizes "" --pages 20,40 --replica
# prints the server's CPU per instructor action with 0, 20 and 40 pages watching (the same actions,
# alternating between a room nobody watches and the pages' room; --blocks 6 --block-actions 30),
# the marginal cost per student, (CPU(N) − CPU(0)) / N, the projection to 500 students
# (fixed + 500 × marginal), the bytes per student per update and the load average.
#
# Environment: WORK_DIR (default /tmp/commitlab-classroom-load), SKIP_PUBLISH=1 to reuse the
# server already published there, CHROMIUM_PATH (default /usr/bin/chromium).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${WORK_DIR:-${TMPDIR:-/tmp}/commitlab-classroom-load}"
server_dir="$work/server"
data_dir="$(mktemp -d "${TMPDIR:-/tmp}/commitlab-classroom-data.XXXXXX")"
server_pid=""
client_pid=""

stop_server() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}

cleanup() {
    local status=$?
    if [[ -n "$client_pid" ]] && kill -0 "$client_pid" 2>/dev/null; then
        kill "$client_pid" 2>/dev/null || true
    fi
    stop_server
    rm -rf "$data_dir"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ "${SKIP_PUBLISH:-}" != "1" || ! -f "$server_dir/CommitLab.Web.dll" ]]; then
    echo "publishing src/CommitLab.Web (Release) to $server_dir"
    dotnet publish "$repo/src/CommitLab.Web" -c Release -o "$server_dir" --nologo -v quiet
fi

# The benchmarks' gc-heap mode forces a full GC in the server and reads its managed heap, so memory
# per connection is measured on live objects, not on what the GC has not collected yet.
echo "building tests/CommitLab.Benchmarks (Release) for its gc-heap mode"
dotnet build "$repo/tests/CommitLab.Benchmarks" -c Release --nologo -v quiet >/dev/null
gc_dll="$(find "$repo/tests/CommitLab.Benchmarks/bin/Release" -name CommitLab.Benchmarks.dll -print -quit)"

echo "installing the Node clients (npm ci)"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

# This script's own options; everything else goes to classroom-load.mjs.
sizes="50,200,500"
pages=20
json=""
pass=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --sizes) sizes="$2"; shift 2 ;;
        --pages) pages="$2"; shift 2 ;;
        --json) json="$2"; shift 2 ;;
        *) pass+=("$1"); shift ;;
    esac
done

start_server() {
    local port
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
    url="http://127.0.0.1:$port/"
    rm -rf "$data_dir" && mkdir -p "$data_dir"
    (
        cd "$server_dir"
        unset DOTNET_ENVIRONMENT ASPNETCORE_CONTENTROOT DOTNET_CONTENTROOT
        export ASPNETCORE_ENVIRONMENT=Production
        export ASPNETCORE_URLS="http://127.0.0.1:$port"
        export CommitLab__DataDirectory="$data_dir"
        export CommitLab__Classroom__WrongCodesPerWindow=100000
        export CommitLab__Classroom__FailedJoinsPerWindow=100000
        export CommitLab__Classroom__MaxRoomSize=1000
        export CommitLab__Classroom__RoomsPerClientPerHour=1000
        export CommitLab__Classroom__MaxLiveRoomsPerClient=1000
        export Logging__LogLevel__Default=Warning
        exec dotnet CommitLab.Web.dll
    ) >>"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 300); do
        if curl -fsS -o /dev/null "${url}join" 2>/dev/null; then
            echo "server up at $url (pid $server_pid)"
            return 0
        fi
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "the server exited:" >&2
            tail -n 40 "$work/server.log" >&2
            return 1
        fi
        sleep 0.2
    done
    echo "the server did not answer within 60 s" >&2
    return 1
}

# One measurement on its own fresh server, so each memory baseline is that server's, not what an
# earlier, larger room left committed.
measure() {
    local part="$1"
    shift
    start_server
    local status=0
    # In the background and waited for, so a signal to this script is handled at once (the trap kills both).
    node "$here/classroom-load.mjs" --url "$url" --pid "$server_pid" --gc-dll "$gc_dll" --json "$part" "$@" &
    client_pid=$!
    wait "$client_pid" || status=$?
    client_pid=""
    if [[ $status -ne 0 ]]; then
        echo "(exit status $status) last server output:" >&2
        tail -n 20 "$work/server.log" >&2
        overall=1
    fi
    stop_server
}

: >"$work/server.log"
rm -f "$work"/part-*.json
overall=0
parts=()
IFS=',' read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}"; do
    measure "$work/part-hub-$n.json" --sizes "$n" --pages 0 "${pass[@]}"
    parts+=("$work/part-hub-$n.json")
done
if [[ "${pages%%,*}" -gt 0 ]]; then
    measure "$work/part-pages.json" --sizes "" --pages "$pages" --warm-room 0 "${pass[@]}"
    parts+=("$work/part-pages.json")
fi

existing=()
for part in "${parts[@]}"; do
    [[ -f "$part" ]] && existing+=("$part")
done
if [[ ${#existing[@]} -gt 0 ]]; then
    node "$here/classroom-load.mjs" ${json:+--json "$json"} --merge "${existing[@]}" || overall=1
fi
exit "$overall"
