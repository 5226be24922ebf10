#!/bin/bash
# What an idle keep-alive connection costs the proxy: COUNT (default 10,000) HTTP/1.1 connections
# through mitm4j in regular mode, each with one request served (so each is a real proxied
# connection holding its server connection), all kept open and idle; then one more request.
#
#   bench/connections.sh        # from the repository root or anywhere
#
# Prints the proxy's resident memory (VmRSS of /proc/PID/status) before and with all of them open,
# per connection ((after - before) / COUNT): as measured, and again after a full GC of both
# (jcmd GC.run), which leaves out the garbage the young generation happens to hold; the live heap
# per connection (jcmd GC.class_histogram totals); and the time one more request takes while all
# are open, on a new connection and on one of the idle ones (median of 5, bench/IdleConnections.java).
# The server is nginx with room for the connections (bench/nginx-idle.conf, port 18082) serving
# the shared backend's /1k.txt. The open-file limit is raised for the run (2 x COUNT + 4096);
# where the hard limit does not allow that, the run opens as many connections as fit, and says so.
# Environment: COUNT; MITM4J_SHARED (the shared backend); HISTO=FILE keeps the class histogram
# taken with all connections open; JAVA_OPTS for the proxy's JVM.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${MITM4J_SHARED:-$root/../shared}
count=${COUNT:-10000}
work=$(mktemp -d /tmp/mitm4j-bench-conn.XXXXXX)
state=/tmp/mitm4j-nginx-idle
proxy_pid=""
client_pid=""

for tool in nginx curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: missing $tool (apt-get install -y nginx-light curl)" >&2; exit 1; }
done
[ -x "$shared/bench/start-backend.sh" ] || { echo "bench: no $shared/bench/start-backend.sh (set MITM4J_SHARED)" >&2; exit 1; }
# The proxy holds two descriptors per connection (client and server sockets) and caps
# connections by default at (open-file limit - 128) / 2: raise the limit, and where the hard
# limit is too low (a container without CAP_SYS_RESOURCE), measure as many as fit.
want=$((2 * count + 4096))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then
    ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi
limit=$(ulimit -n)
[ "$limit" = unlimited ] && limit=$want
fits=$(( (limit - 128) / 2 - 36 ))   # room for the probes and the proxy's own files
if [ "$count" -gt "$fits" ]; then
    echo "bench: the open-file limit is $limit (hard $(ulimit -Hn)): $fits connections fit, not $count" >&2
    count=$fits
fi
. "$root/.mvn/select-jdk.sh"
mitm4j_select_jdk || exit 1

cleanup() {
    { exec 3>&- 4<&-; } 2>/dev/null || true
    for pid in $client_pid $proxy_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    [ -f "$state/nginx.pid" ] && kill "$(cat "$state/nginx.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$shared/bench/start-backend.sh"   # the files in /tmp/bench-nginx/www
mkdir -p "$state"
if ! { [ -f "$state/nginx.pid" ] && kill -0 "$(cat "$state/nginx.pid")" 2>/dev/null; }; then
    nginx -c "$root/bench/nginx-idle.conf"
fi
url=http://127.0.0.1:18082/1k.txt

"$root/mitmdump" --version >/dev/null   # builds examples/target/mitmdump.jar when stale
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -jar "$root/examples/target/mitmdump.jar" -q -p 0 \
    2>"$work/proxy.err" &
proxy_pid=$!
port=""
for _ in $(seq 1 300); do
    port=$(sed -n 's/.* listening at [^ ]*:\([0-9]*\)\.$/\1/p' "$work/proxy.err" | head -n 1)
    [ -n "$port" ] && break
    kill -0 "$proxy_pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$port" ] || { echo "bench: the proxy did not start" >&2; cat "$work/proxy.err" >&2; exit 1; }

client() {   # client COUNT: runs bench/IdleConnections.java, commands on fd 3, answers on fd 4
    mkfifo "$work/in" "$work/out"
    "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx512m "$root/bench/IdleConnections.java" \
        "$port" "$url" "$1" <"$work/in" >"$work/out" 2>"$work/client.err" &
    client_pid=$!
    exec 3>"$work/in" 4<"$work/out"
}
answer() {   # the client's next line, or the reason it failed
    local line
    if ! read -r -t 600 line <&4; then
        echo "bench: the client failed:" >&2; cat "$work/client.err" "$work/proxy.err" >&2; exit 1
    fi
    echo "$line"
}
end_client() {
    exec 3>&- 4<&-
    wait "$client_pid" || { echo "bench: the client failed:" >&2; cat "$work/client.err" >&2; exit 1; }
    client_pid=""
    rm -f "$work/in" "$work/out"
}
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$proxy_pid/status"; }   # KiB
full_gc() { "$JAVA_HOME/bin/jcmd" "$proxy_pid" GC.run >/dev/null; sleep 1; }
live_heap() {   # bytes in live objects (a class histogram forces a full GC first)
    "$JAVA_HOME/bin/jcmd" "$proxy_pid" GC.class_histogram | tee "$work/histo" \
        | awk '/^Total/ {print $3}'
}

# Warm-up, not counted: the code paths of connecting and proxying, compiled and loaded.
client 1000
answer >/dev/null
end_client
sleep 2
full_gc
rss_before=$(rss)
heap_before=$(live_heap)
threads_before=$(awk '/^Threads:/ {print $2}' "/proc/$proxy_pid/status")

client "$count"
opened=$(answer)
rss_after=$(rss)
full_gc
rss_after_gc=$(rss)
heap_after=$(live_heap)
[ -n "${HISTO:-}" ] && cp "$work/histo" "$HISTO"
threads_after=$(awk '/^Threads:/ {print $2}' "/proc/$proxy_pid/status")
echo probe >&3
probe=$(answer)
end_client

echo "== $count idle keep-alive connections through mitm4j (regular mode), each with one request served"
echo "client: $opened"
awk -v n="$count" -v b="$rss_before" -v a="$rss_after" -v g="$rss_after_gc" \
    -v hb="$heap_before" -v ha="$heap_after" -v tb="$threads_before" -v ta="$threads_after" 'BEGIN {
    printf "proxy RSS:      %8.1f MiB before, %8.1f MiB with all open (%.1f MiB after a full GC)\n", b / 1024, a / 1024, g / 1024
    printf "per connection: %8.1f KiB RSS as measured, %.1f KiB RSS after a full GC, %.1f KiB live heap\n", (a - b) / n, (g - b) / n, (ha - hb) / 1024 / n
    printf "OS threads:     %d before, %d with all open\n", tb, ta }'
echo "$probe"
if grep -q 'connection_limit reached' "$work/proxy.err"; then
    echo "bench: the proxy refused connections over its connection_limit" >&2
    exit 1
fi
