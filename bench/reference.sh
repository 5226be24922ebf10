#!/bin/bash
# What the best proxy reaches on this machine: nginx as the proxy (bench/nginx-proxy.conf), next
# to nginx directly, in one run, on the three paths of bench/run.sh and bench/https.sh:
#
#   bench/reference.sh      # from the repository root or anywhere
#
# 1. HTTP keep-alive, 1 KiB: wrk -t1 -c10 to the backend, then through the nginx proxy.
# 2. HTTPS keep-alive, 1 KiB: TLS terminated and re-originated by the nginx proxy.
# 3. A new TLS connection per request on both legs (wrk -H 'Connection: close').
# A proxy adds a hop: its reads and writes, and the wake-ups of the processes on either side,
# share the same two cores with wrk and the backend. The ratios printed here are what a proxy
# written in C with epoll reaches; mitm4j's ratios in bench/run.sh are to be read against them.
# Rounds alternate direct and proxied (ROUNDS, default 3), best of each side.
# Environment: DURATION (wrk seconds, default 10), MITM4J_SHARED (the shared backend).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${MITM4J_SHARED:-$root/../shared}
duration=${DURATION:-10}
rounds=${ROUNDS:-3}
work=$(mktemp -d /tmp/mitm4j-bench-ref.XXXXXX)
state=/tmp/mitm4j-nginx-proxy

for tool in nginx wrk openssl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: missing $tool" >&2; exit 1; }
done
cleanup() {
    [ -f "$state/nginx.pid" ] && kill "$(cat "$state/nginx.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$shared/bench/start-backend.sh"
mkdir -p "$state"
[ -f "$state/front.pem" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -nodes -keyout "$state/front.key" -out "$state/front.pem" -days 30 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
nginx -c "$root/bench/nginx-proxy.conf"
sleep 0.5

rps() { awk '/^Requests\/sec:/ {print $2}'; }
best() { sort -n | tail -n 1; }
measure() {   # measure NAME URL [wrk args]
    local name=$1 url=$2; shift 2
    wrk -t1 -c10 -d"${duration}s" "$@" "$url" > "$work/$name.out"
    rps < "$work/$name.out" >> "$work/$name"
    grep -E 'Non-2xx|Socket errors' "$work/$name.out" | sed "s/^/$name: /" || true
}
report() {   # report TITLE DIRECT PROXY
    local d p
    d=$(best < "$work/$2"); p=$(best < "$work/$3")
    printf '%s\n  direct:        %10.0f requests/s\n  nginx proxy:   %10.0f requests/s\n' \
        "$1" "$d" "$p"
    awk -v d="$d" -v p="$p" 'BEGIN { printf "  ratio:         %10.3f\n", p / d }'
}

for round in $(seq 1 "$rounds"); do
    measure http-direct http://127.0.0.1:18080/1k.txt
    measure http-proxy http://127.0.0.1:19080/1k.txt
    measure https-direct https://127.0.0.1:18443/1k.txt
    measure https-proxy https://127.0.0.1:19443/tls/1k.txt
    measure new-direct https://127.0.0.1:18443/1k.txt -H 'Connection: close'
    measure new-proxy https://127.0.0.1:19443/tlsnew/1k.txt -H 'Connection: close'
done
echo "== reference: nginx as the proxy, wrk -t1 -c10 -d${duration}s, best of $rounds rounds"
report "HTTP keep-alive, 1 KiB:" http-direct http-proxy
report "HTTPS keep-alive, 1 KiB (reverse https->https):" https-direct https-proxy
report "new TLS connection per request, both legs:" new-direct new-proxy
