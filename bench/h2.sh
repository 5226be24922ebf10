#!/bin/bash
# HTTP/2 through the proxy, in one run: h2load (Debian's nghttp2-client) against an nginx h2
# origin directly, through nginx as the proxy (h2 in, HTTP/1.1 out: all nginx can), and through
# mitm4j in reverse mode (h2 on both legs: the origin chooses h2 in ALPN). 1 KiB responses.
#
#   bench/h2.sh        # from the repository root or anywhere
#
# Then the proxy's memory per connection: RSS before and during 50 connections of 100
# concurrent streams each (h2load -c 50 -m 100), divided by 50.
# Rounds alternate direct, nginx and mitm4j (ROUNDS, default 3), best of each.
# Environment: REQUESTS (per measurement, default 200000), MITM4J_SHARED (the shared backend).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${MITM4J_SHARED:-$root/../shared}
rounds=${ROUNDS:-3}
requests=${REQUESTS:-200000}
state=/tmp/mitm4j-bench-h2
work=$(mktemp -d /tmp/mitm4j-bench-h2-run.XXXXXX)
pids=()

for tool in nginx h2load openssl curl; do
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

"$shared/bench/start-backend.sh"   # its files: /tmp/bench-nginx/www/1k.txt
mkdir -p "$state"
[ -f "$state/server.pem" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -nodes -keyout "$state/server.key" -out "$state/server.pem" -days 30 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
[ -f "$state/nginx.pid" ] && kill "$(cat "$state/nginx.pid")" 2>/dev/null && sleep 0.5
nginx -c "$root/bench/nginx-h2.conf"

"$root/mitmdump" --version >/dev/null   # builds examples/target/mitmdump.jar when stale
"$JAVA_HOME/bin/java" -jar "$root/examples/target/mitmdump.jar" -q -p 0 \
    --set confdir="$work/conf" --mode reverse:https://127.0.0.1:18444 \
    --set ssl_verify_upstream_trusted_ca="$state/server.pem" 2>"$work/mitm4j.err" &
mitm4j_pid=$!
pids+=($mitm4j_pid)
port=""
for _ in $(seq 1 300); do
    port=$(sed -n 's/.* listening at [^ ]*:\([0-9]*\)\.$/\1/p' "$work/mitm4j.err" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "bench: mitm4j did not start" >&2; cat "$work/mitm4j.err" >&2; exit 1; }

direct=https://127.0.0.1:18444/1k.txt
nginx_url=https://127.0.0.1:19444/1k.txt
mitm4j_url=https://127.0.0.1:$port/1k.txt
# Each path must be HTTP/2 end to end, or the figures mean nothing.
for url in "$direct" "$nginx_url" "$mitm4j_url"; do
    v=$(curl -sk --http2 -o /dev/null -w '%{http_version}' "$url")
    [ "$v" = 2 ] || { echo "bench: $url answered HTTP/$v, not HTTP/2" >&2; exit 1; }
done

rps() { awk '/^finished in/ {for (i = 1; i <= NF; i++) if ($i ~ /req\/s/) print $(i - 1)}'; }
run() {   # run NAME URL: one h2load measurement, appended to $work/NAME
    local out
    out=$(h2load -n "$requests" -c 10 -m 10 "$2" 2>&1)
    echo "$out" | grep -q "Application protocol: h2" \
        || { echo "bench: $2 did not negotiate h2:" >&2; echo "$out" >&2; exit 1; }
    echo "$out" | grep -E "^requests:" | grep -q " 0 failed" \
        || echo "$1: $(echo "$out" | grep -E '^requests:')" >&2
    echo "$out" | rps >> "$work/$1"
}
best() { sort -n | tail -n 1; }

# JIT warm-up of the proxy, not counted.
h2load -n 100000 -c 10 -m 10 "$mitm4j_url" > /dev/null 2>&1
for _ in $(seq 1 "$rounds"); do
    run direct "$direct"
    run nginx "$nginx_url"
    run mitm4j "$mitm4j_url"
done
d=$(best < "$work/direct"); n=$(best < "$work/nginx"); m=$(best < "$work/mitm4j")
echo "== HTTP/2, 1 KiB: h2load -n $requests -c 10 -m 10, best of $rounds"
awk -v d="$d" -v n="$n" -v m="$m" 'BEGIN {
    printf "  direct (nginx h2 origin): %10.0f requests/s\n", d
    printf "  nginx as the proxy:       %10.0f requests/s   ratio %.3f\n", n, n / d
    printf "  mitm4j reverse h2 -> h2:  %10.0f requests/s   ratio %.3f\n", m, m / d }'

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$mitm4j_pid/status"; }
before=$(rss)
h2load -n 2000000 -c 50 -m 100 "$mitm4j_url" > "$work/mem.out" 2>&1 &
load=$!
peak=$before
for _ in $(seq 1 40); do
    sleep 0.25
    kill -0 "$load" 2>/dev/null || break
    now=$(rss)
    [ "$now" -gt "$peak" ] && peak=$now
done
kill "$load" 2>/dev/null || true
wait "$load" 2>/dev/null || true
echo "== memory: 50 connections x 100 concurrent streams"
awk -v b="$before" -v p="$peak" 'BEGIN {
    printf "  RSS before %d KiB, peak %d KiB: %.0f KiB per connection (%.1f KiB per stream)\n",
        b, p, (p - b) / 50, (p - b) / 5000 }'
