#!/usr/bin/env bash
# Runs the README's performance table: every wsload scenario against
# chat-server and the four peers of ../shared/bench in one compare.py run
# each, server pinned to core 0 and wsload to core 1.
#
#   bench/compare-all.sh [OUTDIR]      (default /tmp/chat-server-bench)
#
# Environment: BENCH_KIT (default ../shared/bench beside the checkout),
# ROUNDS (default 2), PEERS (default: all four), SCENARIOS (default: all).
# Needs gcc, libssl-dev and what ../shared/bench/peers/setup.sh installs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kit="${BENCH_KIT:-$root/../shared/bench}"
out="${1:-/tmp/chat-server-bench}"
rounds="${ROUNDS:-2}"
peers="${PEERS:-swift-nio go-gorilla node-ws seed-python-uvloop}"
scenarios="${SCENARIOS:-fanout-max fanout-30 rooms echo connect}"
mkdir -p "$out"

# The kit may be read-only: build wsload into the output folder.
if [[ -z "${WSLOAD:-}" ]]; then
    mkdir -p "$out/wsload"
    cp "$kit/wsload/wsload.c" "$kit/wsload/Makefile" "$out/wsload/"
    make -s -C "$out/wsload" wsload
    export WSLOAD="$out/wsload/wsload"
fi
"$kit/peers/setup.sh" >"$out/peers-setup.log" 2>&1

(cd "$root" && swift build -c release --product chat-server >"$out/build.log" 2>&1)
ours="$root/.build/release/chat-server --host 127.0.0.1 --port {port} --rate-limit 0 --log-level warn"

peer_flags=()
for peer in $peers; do peer_flags+=(--peer "$peer"); done

run() {
    local name="$1" scenario="$2" args="$3"
    echo "== $name: wsload $scenario $args"
    python3 "$kit/compare.py" --scenario "$scenario" --rounds "$rounds" \
        --wsload-args "$args" --server ours="$ours" "${peer_flags[@]}" \
        --logdir "$out/logs-$name" --json-out "$out/$name.json" | tee "$out/$name.txt"
}

for scenario in $scenarios; do
    case "$scenario" in
        fanout-max) run fanout-max fanout "--clients 1000 --rate max --window 16 --size 64 --duration 10 --warmup 2" ;;
        fanout-30) run fanout-30 fanout "--clients 1000 --rate 30 --size 64 --duration 10 --warmup 2" ;;
        rooms) run rooms rooms "--clients 1000 --rooms 100 --rate 5 --size 64 --duration 10 --warmup 2" ;;
        echo) run echo echo "--connections 64 --window 16 --size 64 --duration 10 --warmup 2" ;;
        connect) run connect connect "--clients 10000 --join lobby --hold 5" ;;
        *) echo "unknown scenario: $scenario" >&2; exit 2 ;;
    esac
done
echo "tables and JSON in $out"
