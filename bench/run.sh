#!/bin/bash
# mitm4j benchmark: the proxy against the direct path, in one run, on this machine.
#
#   bench/run.sh            # from the repository root or anywhere
#
# 1. wrk, HTTP keep-alive, 1 KiB body: direct nginx vs. through the proxy in regular mode
#    (wrk -t1 -c10 -d10s; absolute-form requests via the shared abs1k.lua; the proxy gets a 3 s
#    unmeasured warm-up first). Prints requests/s and the ratio (target: >= 0.5).
# 2. A streamed 1 GiB download with curl, direct vs. through the proxy started with -Xmx64m and
#    stream_large_bodies=1m, three alternating rounds, the best of each side. Prints MiB/s, the ratio (target: >= 0.7) and the proxy's peak heap
#    (the largest "used before GC" of -Xlog:gc, and the heap after the run from jcmd).
#
# Needs nginx (nginx-light), wrk, curl and a JDK >= 21; it installs nothing and says what is
# missing. The shared backend lives in ../shared/bench relative to the repository root, or in
# $MITM4J_SHARED/bench. Environment: DURATION (wrk seconds, default 10).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${MITM4J_SHARED:-$root/../shared}
duration=${DURATION:-10}
work=$(mktemp -d /tmp/mitm4j-bench.XXXXXX)
proxy_pid=""

missing=()
for tool in nginx wrk curl; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "bench: missing: ${missing[*]}" >&2
    echo "bench: install them first, e.g.: apt-get install -y nginx-light wrk curl" >&2
    exit 1
fi
if [ ! -x "$shared/bench/start-backend.sh" ]; then
    echo "bench: no backend script at $shared/bench/start-backend.sh (set MITM4J_SHARED)" >&2
    exit 1
fi
. "$root/.mvn/select-jdk.sh"
mitm4j_select_jdk || exit 1

cleanup() {
    if [ -n "$proxy_pid" ]; then kill "$proxy_pid" 2>/dev/null || true; wait "$proxy_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$shared/bench/start-backend.sh"
www=/tmp/bench-nginx/www
[ -f "$www/1g.bin" ] || truncate -s 1G "$www/1g.bin"   # sparse: served as zeros, no disk used

"$root/mitmdump" --version >/dev/null   # builds examples/target/mitmdump.jar when stale
jar="$root/examples/target/mitmdump.jar"

# start_proxy JAVA_OPTS... -- MITMDUMP_ARGS...: starts the proxy on a free port, sets $port.
start_proxy() {
    local jopts=()
    while [ "$1" != "--" ]; do jopts+=("$1"); shift; done
    shift
    "$JAVA_HOME/bin/java" "${jopts[@]}" -jar "$jar" -q -p 0 "$@" 2>"$work/proxy.err" &
    proxy_pid=$!
    port=""
    for _ in $(seq 1 200); do
        port=$(sed -n 's/.* listening at [^ ]*:\([0-9]*\)\.$/\1/p' "$work/proxy.err" | head -n 1)
        [ -n "$port" ] && return 0
        kill -0 "$proxy_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "bench: the proxy did not start:" >&2
    cat "$work/proxy.err" >&2
    exit 1
}

stop_proxy() {
    kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=""
}

rps() {   # wrk output -> requests/s
    awk '/^Requests\/sec:/ {print $2}'
}

echo "== 1. HTTP keep-alive, 1 KiB body: wrk -t1 -c10 -d${duration}s"
start_proxy --
wrk -t1 -c10 -d"${duration}s" http://127.0.0.1:18080/1k.txt > "$work/direct.txt"
# JIT warm-up of the fresh JVM (3 s, not counted), then the measured run.
wrk -t1 -c10 -d3s -s "$shared/bench/abs1k.lua" "http://127.0.0.1:$port" > /dev/null
wrk -t1 -c10 -d"${duration}s" -s "$shared/bench/abs1k.lua" "http://127.0.0.1:$port" \
    > "$work/proxy.txt"
stop_proxy
direct=$(rps < "$work/direct.txt")
proxied=$(rps < "$work/proxy.txt")
errors=$(grep -E 'Non-2xx|Socket errors' "$work/proxy.txt" || true)
printf 'direct:        %12.0f requests/s\n' "$direct"
printf 'through proxy: %12.0f requests/s\n' "$proxied"
[ -n "$errors" ] && echo "through proxy: $errors"
awk -v d="$direct" -v p="$proxied" 'BEGIN { printf "ratio:         %12.3f (target >= 0.5)\n", p / d }'

echo "== 2. streamed 1 GiB download (curl), proxy with -Xmx64m, stream_large_bodies=1m"
curl_speed() {   # curl args... -> bytes/s
    curl -sS -o /dev/null -w '%{speed_download} %{size_download}\n' "$@"
}
best() {   # "speed size" lines -> the fastest line
    sort -n -k1 | tail -n 1
}
start_proxy -Xmx64m "-Xlog:gc:file=$work/gc.log" -- --set stream_large_bodies=1m
# Three alternating rounds, best of each side: on a shared machine the slowest rounds measure
# the neighbours, not the proxy.
for round in 1 2 3; do
    curl_speed http://127.0.0.1:18080/1g.bin >> "$work/direct-dl.txt"
    curl_speed -x "http://127.0.0.1:$port" http://127.0.0.1:18080/1g.bin >> "$work/proxy-dl.txt"
done
direct_speed=$(best < "$work/direct-dl.txt")
proxy_speed=$(best < "$work/proxy-dl.txt")
heap_after=$("$JAVA_HOME/bin/jcmd" "$proxy_pid" GC.heap_info 2>/dev/null | grep -m1 -iE 'total|used' || true)
stop_proxy
read -r dbps dsize <<< "$direct_speed"
read -r pbps psize <<< "$proxy_speed"
peak=$( (grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" || true) | cut -dM -f1 | sort -n | tail -n 1)
gcs=$( (grep -c 'Pause' "$work/gc.log" || true) )
awk -v b="$dbps" -v s="$dsize" 'BEGIN { printf "direct:        %8.0f MiB/s (%d bytes)\n", b / 1048576, s }'
awk -v b="$pbps" -v s="$psize" 'BEGIN { printf "through proxy: %8.0f MiB/s (%d bytes)\n", b / 1048576, s }'
awk -v d="$dbps" -v p="$pbps" 'BEGIN { printf "ratio:         %8.3f (target >= 0.7)\n", p / d }'
echo "proxy heap:    -Xmx64m; ${gcs:-0} GC pauses; largest heap before a GC: ${peak:-none} MiB"
[ -n "$heap_after" ] && echo "proxy heap after the download (jcmd GC.heap_info): $heap_after"
[ "$psize" = "$dsize" ] || { echo "bench: the proxied download is incomplete" >&2; exit 1; }

# 3. HTTPS through the interception path (reverse https->https): see bench/https.sh.
MITM4J_SHARED="$shared" DURATION="$duration" "$root/bench/https.sh"
