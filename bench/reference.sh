#!/bin/bash
# What the best proxy reaches on this machine: nginx as the proxy (bench/nginx-proxy.conf) next to
# nginx directly and mitm4j, in one run, on the three paths of bench/run.sh and bench/https.sh:
#
#   bench/reference.sh      # from the repository root or anywhere
#
# 1. HTTP keep-alive, 1 KiB: wrk -t1 -c10 to the backend; through the nginx proxy; through
#    mitm4j in regular mode (absolute-form requests, as in bench/run.sh).
# 2. HTTPS keep-alive, 1 KiB: TLS terminated and re-originated (mitm4j in reverse:https mode).
# 3. A new TLS connection per request on both legs (wrk -H 'Connection: close').
# A proxy adds a hop: its reads and writes, and the wake-ups of the processes on either side,
# share the same two cores with wrk and the backend. The nginx ratios are what a proxy written
# in C with epoll reaches here; read mitm4j's ratios against them.
# Rounds alternate direct, nginx and mitm4j (ROUNDS, default 3), best of each.
# Environment: DURATION (wrk seconds, default 10), MITM4J_SHARED (the shared backend),
# BASELINE_JAR (a mitmdump.jar built from an earlier commit: measured in the same rounds, so a
# change's before and after come from one run on this noisy machine), e.g.
#   git worktree add /tmp/base OLD && (cd /tmp/base && ./mitmdump --version) &&
#   BASELINE_JAR=/tmp/base/examples/target/mitmdump.jar bench/reference.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${MITM4J_SHARED:-$root/../shared}
duration=${DURATION:-10}
rounds=${ROUNDS:-3}
work=$(mktemp -d /tmp/mitm4j-bench-ref.XXXXXX)
state=/tmp/mitm4j-nginx-proxy
pids=()

for tool in nginx wrk openssl curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: missing $tool" >&2; exit 1; }
done
. "$root/.mvn/select-jdk.sh"
mitm4j_select_jdk || exit 1
cleanup() {
    [ -f "$state/nginx.pid" ] && kill "$(cat "$state/nginx.pid")" 2>/dev/null || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

"$shared/bench/start-backend.sh"
mkdir -p "$state"
[ -f "$state/front.pem" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -nodes -keyout "$state/front.key" -out "$state/front.pem" -days 30 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
nginx -c "$root/bench/nginx-proxy.conf"

"$root/mitmdump" --version >/dev/null   # builds examples/target/mitmdump.jar when stale
jar="$root/examples/target/mitmdump.jar"
baseline=${BASELINE_JAR:-}
[ -z "$baseline" ] || [ -f "$baseline" ] || { echo "bench: BASELINE_JAR $baseline is not a file" >&2; exit 1; }
start_mitm4j() {   # start_mitm4j NAME [--jar JAR] ARGS...: a proxy on a free port; sets ${NAME}_port
    local name=$1 port="" use=$jar; shift
    if [ "${1:-}" = --jar ]; then use=$2; shift 2; fi
    "$JAVA_HOME/bin/java" -jar "$use" -q -p 0 --set confdir="$work/conf" "$@" \
        2>"$work/$name.err" &
    pids+=($!)
    for _ in $(seq 1 300); do
        port=$(sed -n 's/.* listening at [^ ]*:\([0-9]*\)\.$/\1/p' "$work/$name.err" | head -n 1)
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { echo "bench: mitm4j did not start" >&2; cat "$work/$name.err" >&2; exit 1; }
    printf -v "${name}_port" '%s' "$port"
}
start_mitm4j regular
start_mitm4j reverse --mode reverse:https://127.0.0.1:18443 \
    --set ssl_verify_upstream_trusted_ca=/tmp/bench-nginx/server.pem
abs="$shared/bench/abs1k.lua"
mitm_http="http://127.0.0.1:$regular_port"
mitm_https="https://127.0.0.1:$reverse_port/1k.txt"
warm_up() {   # JIT warm-up of a proxy's two JVMs, not counted
    wrk -t1 -c10 -d5s -s "$abs" "$1" > /dev/null
    wrk -t1 -c10 -d5s "$2" > /dev/null
    wrk -t1 -c10 -d15s -H 'Connection: close' "$2" > /dev/null
}
warm_up "$mitm_http" "$mitm_https"
if [ -n "$baseline" ]; then
    start_mitm4j base_regular --jar "$baseline"
    start_mitm4j base_reverse --jar "$baseline" --mode reverse:https://127.0.0.1:18443 \
        --set ssl_verify_upstream_trusted_ca=/tmp/bench-nginx/server.pem
    base_http="http://127.0.0.1:$base_regular_port"
    base_https="https://127.0.0.1:$base_reverse_port/1k.txt"
    warm_up "$base_http" "$base_https"
fi

rps() { awk '/^Requests\/sec:/ {print $2}'; }
best() { sort -n | tail -n 1; }
measure() {   # measure NAME URL [wrk args]
    local name=$1 url=$2; shift 2
    wrk -t1 -c10 -d"${duration}s" "$@" "$url" > "$work/$name.out"
    rps < "$work/$name.out" >> "$work/$name"
    grep -E 'Non-2xx|Socket errors' "$work/$name.out" | sed "s/^/$name: /" || true
}
report() {   # report TITLE PREFIX TARGET
    local d n m b=0
    d=$(best < "$work/$2-direct"); n=$(best < "$work/$2-nginx"); m=$(best < "$work/$2-mitm4j")
    [ -z "$baseline" ] || b=$(best < "$work/$2-baseline")
    echo "$1"
    awk -v d="$d" -v n="$n" -v m="$m" -v b="$b" -v t="$3" 'BEGIN {
        printf "  direct:        %10.0f requests/s\n", d
        printf "  nginx proxy:   %10.0f requests/s   ratio %.3f\n", n, n / d
        printf "  mitm4j:        %10.0f requests/s   ratio %.3f (target >= %s)\n", m, m / d, t
        if (b > 0) printf "  baseline jar:  %10.0f requests/s   ratio %.3f (mitm4j/baseline %.3f)\n", b, b / d, m / b }'
}

close=(-H 'Connection: close')
for round in $(seq 1 "$rounds"); do
    measure http-direct http://127.0.0.1:18080/1k.txt
    measure http-nginx http://127.0.0.1:19080/1k.txt
    measure http-mitm4j "$mitm_http" -s "$abs"
    measure https-direct https://127.0.0.1:18443/1k.txt
    measure https-nginx https://127.0.0.1:19443/tls/1k.txt
    measure https-mitm4j "$mitm_https"
    measure new-direct https://127.0.0.1:18443/1k.txt "${close[@]}"
    measure new-nginx https://127.0.0.1:19443/tlsnew/1k.txt "${close[@]}"
    measure new-mitm4j "$mitm_https" "${close[@]}"
    if [ -n "$baseline" ]; then
        measure http-baseline "$base_http" -s "$abs"
        measure https-baseline "$base_https"
        measure new-baseline "$base_https" "${close[@]}"
    fi
done
echo "== reference: direct, nginx as the proxy, mitm4j; wrk -t1 -c10 -d${duration}s, best of $rounds"
report "HTTP keep-alive, 1 KiB (mitm4j in regular mode):" http 0.5
report "HTTPS keep-alive, 1 KiB (reverse https->https):" https 0.40
report "new TLS connection per request, both legs:" new 0.25
