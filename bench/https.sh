#!/bin/bash
# mitm4j HTTPS benchmark: the interception path (TLS terminated and re-originated) against nginx
# HTTPS directly, in one run, on this machine.
#
#   bench/https.sh          # from the repository root or anywhere; run by bench/run.sh as section 3
#
# 1. Keep-alive, 1 KiB: wrk -t1 -c10 -d${DURATION}s https://127.0.0.1:18443/1k.txt, direct vs
#    through the proxy in reverse:https://127.0.0.1:18443 (nginx's self-signed certificate trusted
#    with ssl_verify_upstream_trusted_ca, so upstream verification stays on). Target >= 0.40.
# 2. A new TLS connection per request on both legs (wrk -H 'Connection: close'). Target >= 0.25.
# 3. A certificate for a new host (bench/LeafCost.java): median of 500 cache misses. Target <= 5 ms.
# Rounds alternate direct and proxied (ROUNDS, default 3) and keep the best of each side: on a
# shared machine the slow rounds measure the neighbours. Environment: DURATION (default 10).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${MITM4J_SHARED:-$root/../shared}
duration=${DURATION:-10}
rounds=${ROUNDS:-3}
work=$(mktemp -d /tmp/mitm4j-bench-https.XXXXXX)
proxy_pid=""

for tool in nginx wrk curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: missing $tool" >&2; exit 1; }
done
. "$root/.mvn/select-jdk.sh"
mitm4j_select_jdk || exit 1
cleanup() {
    if [ -n "$proxy_pid" ]; then kill "$proxy_pid" 2>/dev/null || true; wait "$proxy_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$shared/bench/start-backend.sh"
"$root/mitmdump" --version >/dev/null   # builds examples/target/mitmdump.jar when stale
jar="$root/examples/target/mitmdump.jar"

"$JAVA_HOME/bin/java" -jar "$jar" -q -p 0 --mode reverse:https://127.0.0.1:18443 \
    --set confdir="$work/conf" --set ssl_verify_upstream_trusted_ca=/tmp/bench-nginx/server.pem \
    2>"$work/proxy.err" &
proxy_pid=$!
port=""
for _ in $(seq 1 300); do
    port=$(sed -n 's/.* listening at [^ ]*:\([0-9]*\)\.$/\1/p' "$work/proxy.err" | head -n 1)
    [ -n "$port" ] && break
    kill -0 "$proxy_pid" 2>/dev/null || { cat "$work/proxy.err" >&2; exit 1; }
    sleep 0.1
done
[ -n "$port" ] || { echo "bench: the proxy did not start" >&2; cat "$work/proxy.err" >&2; exit 1; }
# The proxy must really intercept: the client sees our CA's leaf and nginx's body. (The CA is
# made on the first TLS connection, so the first request does not check it.)
curl -sSk "https://127.0.0.1:$port/1k.txt" -o /dev/null
curl -sS --fail --cacert "$work/conf/mitmproxy-ca-cert.pem" "https://127.0.0.1:$port/1k.txt" \
    -o /dev/null

rps() { awk '/^Requests\/sec:/ {print $2}'; }
best() { sort -n | tail -n 1; }
# measure NAME URL [wrk args...]: appends requests/s to $work/NAME
measure() {
    local name=$1 url=$2; shift 2
    wrk -t1 -c10 -d"${duration}s" "$@" "$url" > "$work/$name.out"
    rps < "$work/$name.out" >> "$work/$name"
    grep -E 'Non-2xx|Socket errors' "$work/$name.out" | sed "s/^/$name: /" || true
}
report() {   # report TITLE DIRECT PROXY TARGET
    local d p
    d=$(best < "$work/$2"); p=$(best < "$work/$3")
    printf '%s\n  direct:        %10.0f requests/s\n  through proxy: %10.0f requests/s\n' "$1" "$d" "$p"
    awk -v d="$d" -v p="$p" -v t="$4" 'BEGIN { printf "  ratio:         %10.3f (target >= %s)\n", p / d, t }'
}

# JIT warm-up (not counted), first on one connection: ten handshakes at once on a cold JVM take
# longer than wrk's 2 s timeout on a loaded machine, and wrk then reconnects in a loop.
wrk -t1 -c1 -d5s "https://127.0.0.1:$port/1k.txt" > /dev/null
wrk -t1 -c1 -d5s -H 'Connection: close' "https://127.0.0.1:$port/1k.txt" > /dev/null
wrk -t1 -c10 -d10s "https://127.0.0.1:$port/1k.txt" > /dev/null
wrk -t1 -c10 -d5s -H 'Connection: close' "https://127.0.0.1:$port/1k.txt" > /dev/null
for round in $(seq 1 "$rounds"); do
    measure direct-ka https://127.0.0.1:18443/1k.txt
    measure proxy-ka "https://127.0.0.1:$port/1k.txt"
    measure direct-close https://127.0.0.1:18443/1k.txt -H 'Connection: close'
    measure proxy-close "https://127.0.0.1:$port/1k.txt" -H 'Connection: close'
done
echo "== 3. HTTPS, reverse https->https, 1 KiB, wrk -t1 -c10 -d${duration}s, best of $rounds rounds"
report "keep-alive:" direct-ka proxy-ka 0.40
report "new TLS connection per request (Connection: close):" direct-close proxy-close 0.25
kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=""
"$JAVA_HOME/bin/java" -cp "$jar" "$root/bench/LeafCost.java" 500 | sed 's/^/certificate: /'
echo "  (target: median <= 5 ms)"
