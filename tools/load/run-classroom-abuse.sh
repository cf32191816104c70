#!/usr/bin/env bash
# Runs classroom-abuse.mjs against a freshly started published server (default settings, Production,
# the server's log redirected to a file so its growth can be measured), then stops the server.
# Usage: tools/load/run-classroom-abuse.sh PUBLISHED_SERVER_DIR [extra classroom-abuse.mjs options]
set -euo pipefail
server_dir=$(cd "$1" && pwd); shift
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(
    cd "$server_dir"
    export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" CommitLab__DataDirectory="$work/data"
    exec dotnet CommitLab.Web.dll > "$work/server.log" 2>&1
) &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/" > /dev/null && break
    sleep 0.2
done
node "$here/classroom-abuse.mjs" --url "http://127.0.0.1:$port/" --log "$work/server.log" "$@"
echo "server log: $(wc -c < "$work/server.log") bytes, $(wc -l < "$work/server.log") lines in all"
if [ -n "${KEEP_LOG:-}" ]; then cp "$work/server.log" "$KEEP_LOG"; fi
