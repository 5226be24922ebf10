package dev.mitm4j.benchmarks;

import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.replay.FlowReader;
import dev.mitm4j.replay.FlowWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes N small HTTP flows to a mitmproxy flow file with {@link FlowWriter} (one flushed
 * record per flow, as the save addon does) and streams them back with {@link FlowReader},
 * printing seconds, flows per second, the file size and the peak heap in use, so that "memory
 * does not grow with the file" can be checked by running with a small {@code -Xmx}.
 *
 * <p>Run: {@code java -Xmx64m -cp benchmarks/target/benchmarks.jar
 * dev.mitm4j.benchmarks.FlowFileThroughput [flows] [version]} (defaults 100000 and 21).
 */
public final class FlowFileThroughput {
    private FlowFileThroughput() {}

    /**
     * Measures and prints.
     *
     * @param args optional flow count and format version (17 or 21)
     * @throws IOException when the temporary file cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int version = args.length > 1 ? Integer.parseInt(args[1]) : FlowWriter.CURRENT_VERSION;
        Path file = Files.createTempFile("mitm4j-flows", ".mitm");
        try {
            long t0 = System.nanoTime();
            try (FlowWriter w = FlowWriter.open(file, false, version)) {
                for (int i = 0; i < n; i++) {
                    w.add(flow(i));
                }
            }
            double write = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            long read = 0;
            try (FlowReader r = FlowReader.open(file)) {
                for (Flow f = r.read(); f != null; f = r.read()) {
                    read++;
                }
            }
            double readSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("version %d, %d flows, file %.1f MiB%n", version, n,
                    Files.size(file) / 1048576.0);
            System.out.printf("write: %.2f s (%.0f flows/s)%n", write, n / write);
            System.out.printf("read:  %.2f s (%.0f flows/s), %d flows read%n", readSeconds,
                    read / readSeconds, read);
            System.out.printf("peak heap used: %.1f MiB (max heap %.0f MiB)%n",
                    peakHeap() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static HttpFlow flow(int i) {
        Instant t = Instant.ofEpochSecond(1_700_000_000L + i);
        Request req = Request.builder().method("GET").scheme("http").host("example.com")
                .port(80).path("/item/" + i).headers(Headers.of("Host", "example.com",
                        "User-Agent", "bench/1.0", "Accept", "*/*"))
                .timestampStart(t).timestampEnd(t).build();
        HttpFlow f = new HttpFlow(new ClientConnection(new InetSocketAddress("127.0.0.1",
                40000 + i % 20000), null), new ServerConnection(
                InetSocketAddress.createUnresolved("example.com", 80)), req, false);
        f.response(Response.builder().statusCode(200).reason("OK")
                .headers(Headers.of("Content-Type", "text/plain", "Content-Length", "12"))
                .content("hello world\n".getBytes(StandardCharsets.US_ASCII))
                .timestampStart(t).timestampEnd(t).build());
        f.timestampCreated(t);
        return f;
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
