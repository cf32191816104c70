#!/usr/bin/env bash
# Runs CommitLab as a cluster of three instances on this machine, loopback only:
#   - installs redis-server from the Debian feed when it is missing (needs root), and starts a
#     private Redis (append-only file, fsync on every write: a write is on disk before Redis
#     answers it, so an acknowledged instructor action survives any instance);
#   - publishes the app once and starts instances A, B and C on three ports; Orleans keeps the
#     cluster's membership in that Redis, and rooms are stored there;
#   - prints "instance A http://127.0.0.1:PORT" (then B, C) once all three answer;
#   - on Ctrl+C or SIGTERM stops everything it started, Redis included.
# Settings (environment): HTTP_PORT_BASE (default 5101: A=5101, B=5102, C=5103), REDIS_PORT
# (default 6390), CLUSTER_DIR (work folder; default a new temp folder, removed at the end unless
# KEEP_CLUSTER_DIR=1), SKIP_PUBLISH=1 to reuse CLUSTER_DIR/app, REDIS_APPENDFSYNC (default
# always; everysec only to measure what the fsync costs: it acknowledges writes not yet on disk). Each instance's pid is written to
# CLUSTER_DIR/<name>.pid and its log to CLUSTER_DIR/<name>.log.
set -euo pipefail
cd "$(dirname "$0")/../.."

http_base=${HTTP_PORT_BASE:-5101}
redis_port=${REDIS_PORT:-6390}
silo_base=${SILO_PORT_BASE:-11121}
gateway_base=${GATEWAY_PORT_BASE:-30021}
names=(A B C)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ -z "${CLUSTER_DIR:-}" ]]; then
  CLUSTER_DIR=$(mktemp -d -t commitlab-cluster.XXXXXX)
  remove_dir=${KEEP_CLUSTER_DIR:-0}
else
  mkdir -p "$CLUSTER_DIR"
  remove_dir=1
fi
CLUSTER_DIR=$(cd "$CLUSTER_DIR" && pwd)

pids=()
redis_pid=
stop() {
  trap - INT TERM EXIT
  echo "stopping the cluster"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n "$redis_pid" ]]; then
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  if [[ "$remove_dir" != 1 ]]; then rm -rf "$CLUSTER_DIR"; fi
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

if ! command -v redis-server >/dev/null; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "redis-server is missing: install it (apt-get install redis-server) or run this as root" >&2
    exit 1
  fi
  echo "installing redis-server"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi

mkdir -p "$CLUSTER_DIR/redis"
# Own sessions (setsid) for Redis and the instances: a Ctrl+C reaches this script's process
# group only, and the trap stops the instances first and Redis last, after their last saves.
setsid redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$CLUSTER_DIR/redis" --daemonize no \
  --appendonly yes --appendfsync "${REDIS_APPENDFSYNC:-always}" --save "" --logfile "$CLUSTER_DIR/redis.log" &
redis_pid=$!
for _ in $(seq 1 100); do
  [[ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" == PONG ]] && break
  sleep 0.1
done
[[ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" == PONG ]] || { echo "Redis did not start (see $CLUSTER_DIR/redis.log)" >&2; exit 1; }

if [[ "${SKIP_PUBLISH:-0}" != 1 || ! -f "$CLUSTER_DIR/app/CommitLab.Web.dll" ]]; then
  echo "publishing the app"
  dotnet publish src/CommitLab.Web -c Release -o "$CLUSTER_DIR/app" >"$CLUSTER_DIR/publish.log" 2>&1 \
    || { echo "publish failed (see $CLUSTER_DIR/publish.log)" >&2; exit 1; }
fi

# Runtime settings for three instances sharing a small machine (measured with a profiler on two
# cores, docs/performance.md "Classroom on a cluster"): idle pool threads spinning in sched_yield
# were half of the instances' pool-thread CPU, and tier-up recompiling with profile-guided
# optimisation kept the JIT busy (over half an instance's CPU) long after start-up; workstation GC
# leaves the few cores to the other instances instead of a server GC heap per core per process.
# Each may be overridden from the environment.
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}
export DOTNET_TieredPGO=${DOTNET_TieredPGO:-0}
export DOTNET_gcServer=${DOTNET_gcServer:-0}

for i in 0 1 2; do
  name=${names[$i]}
  mkdir -p "$CLUSTER_DIR/$name"
  (
    cd "$CLUSTER_DIR/app"
    ASPNETCORE_URLS="http://127.0.0.1:$((http_base + i))" \
    CommitLab__DataDirectory="$CLUSTER_DIR/$name" \
    CommitLab__Cluster__Mode=redis \
    CommitLab__Cluster__Redis="127.0.0.1:$redis_port" \
    CommitLab__Cluster__SiloPort=$((silo_base + i)) \
    CommitLab__Cluster__GatewayPort=$((gateway_base + i)) \
    CommitLab__Cluster__PublicUrl="http://127.0.0.1:$((http_base + i))" \
    exec setsid dotnet CommitLab.Web.dll
  ) >"$CLUSTER_DIR/$name.log" 2>&1 &
  pids+=($!)
  echo $! >"$CLUSTER_DIR/$name.pid"
done

for i in 0 1 2; do
  url="http://127.0.0.1:$((http_base + i))"
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "$url/" && break
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "instance ${names[$i]} exited (see $CLUSTER_DIR/${names[$i]}.log)" >&2; exit 1; }
    sleep 0.2
  done
  curl -sf -o /dev/null "$url/" || { echo "instance ${names[$i]} does not answer at $url" >&2; exit 1; }
done

echo "redis 127.0.0.1:$redis_port (folder $CLUSTER_DIR)"
for i in 0 1 2; do
  echo "instance ${names[$i]} http://127.0.0.1:$((http_base + i))"
done

# Runs until stopped; an instance that dies (killed on purpose, say) leaves the others running.
while true; do
  sleep 1 &
  wait $! || true
done
