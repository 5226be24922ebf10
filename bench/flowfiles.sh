#!/bin/bash
# mitm4j flow-file benchmark: write 100,000 small HTTP flows to a mitmproxy flow file (one flushed
# record per flow, as save_stream_file does) and stream them back, at format versions 21 and 17,
# in a JVM limited to a 64 MiB heap, so that memory independent of the file size is checked too.
#
#   bench/flowfiles.sh [flows]      # from the repository root or anywhere; default 100000
#
# Prints seconds and flows/s for each direction, the file size and the peak heap in use.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
flows=${1:-100000}
. "$root/.mvn/select-jdk.sh"
mitm4j_select_jdk || exit 1
(cd "$root" && ./mvnw -B -q -Pbench -pl benchmarks -am package -DskipTests)
for version in 21 17; do
    echo "== format version $version, $flows flows, -Xmx64m"
    "$JAVA_HOME/bin/java" -Xmx64m -cp "$root/benchmarks/target/benchmarks.jar" \
        dev.mitm4j.benchmarks.FlowFileThroughput "$flows" "$version"
done
