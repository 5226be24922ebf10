package dev.mitm4j.benchmarks;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.internal.http2.FrameReader;
import dev.mitm4j.http.internal.http2.FrameWriter;
import dev.mitm4j.http.internal.http2.HpackDecoder;
import dev.mitm4j.http.internal.http2.HpackEncoder;
import dev.mitm4j.http.internal.http2.Http2Frame;
import dev.mitm4j.http.internal.http2.Http2Settings;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.Okio;
import okio.Source;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The HTTP/2 codec's hot paths on one thread, ops/s:
 * <ul>
 *   <li>{@code hpackDecodeFirstRequest}: a browser's first request of a connection (Chrome's 20
 *       fields as {@link Http1ParseBenchmark} uses, about 520 bytes of HPACK, mostly literals
 *       that fill the dynamic table) decoded by a fresh decoder;
 *   <li>{@code hpackDecodeRepeatRequest}: the next request on the same connection, almost all
 *       indexes into the dynamic table (about 40 bytes), decoded by a primed decoder;
 *   <li>{@code hpackEncodeFirstRequest}: the first request encoded by a fresh encoder;
 *   <li>{@code parseFrames}: one request's frames as read from a socket: HEADERS with the first
 *       block, four 16 KiB DATA frames, WINDOW_UPDATE, PING, SETTINGS ACK (about 66 KiB).
 * </ul>
 * Run: {@code ./mvnw -B -o -Pbench -pl benchmarks -am package -DskipTests}, then
 * {@code java -jar benchmarks/target/benchmarks.jar Http2Benchmark -f 1 -wi 3 -i 5 -t 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Http2Benchmark {
    static final List<Headers.Field> CHROME_GET = Headers.of(
            ":method", "GET",
            ":scheme", "https",
            ":authority", "www.example.com",
            ":path", "/search?q=mitm4j&sourceid=chrome&ie=UTF-8",
            "cache-control", "max-age=0",
            "sec-ch-ua", "\"Chromium\";v=\"124\", \"Google Chrome\";v=\"124\", "
                    + "\"Not-A.Brand\";v=\"99\"",
            "sec-ch-ua-mobile", "?0",
            "sec-ch-ua-platform", "\"Linux\"",
            "upgrade-insecure-requests", "1",
            "user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/124.0.0.0 Safari/537.36",
            "accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
                    + "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
            "sec-fetch-site", "same-origin",
            "sec-fetch-mode", "navigate",
            "sec-fetch-user", "?1",
            "sec-fetch-dest", "document",
            "referer", "https://www.example.com/",
            "accept-encoding", "gzip, deflate, br, zstd",
            "accept-language", "en-US,en;q=0.9,de;q=0.8",
            "cookie", "session=8f14e45fceea167a5a36dedd4bea2543; theme=dark; consent=yes",
            "priority", "u=0, i").fields();

    private byte[] first;
    private byte[] repeat;
    private byte[] frames;
    private HpackDecoder primed;

    @Setup
    public void encode() throws IOException {
        HpackEncoder encoder = new HpackEncoder(4096);
        first = block(encoder);
        repeat = block(encoder);
        primed = new HpackDecoder(4096, 64 * 1024);
        check(primed.decode(first));
        check(primed.decode(repeat));
        check(primed.decode(repeat)); // indexes only: decoding again leaves the table as it was

        Buffer wire = new Buffer();
        FrameWriter writer = new FrameWriter(wire);
        writer.headers(1, false, new Buffer().write(first), 16_384);
        for (int i = 0; i < 4; i++) {
            writer.data(1, i == 3, new Buffer().write(new byte[16_384]), 16_384, 0);
        }
        writer.windowUpdate(0, 65_536);
        writer.ping(false, 42);
        writer.settingsAck();
        frames = wire.readByteArray();
        if (parseFrames() != 8) {
            throw new IllegalStateException("unexpected frame count");
        }
    }

    private static byte[] block(HpackEncoder encoder) {
        Buffer b = new Buffer();
        encoder.encode(CHROME_GET, Set.of(), b);
        return b.readByteArray();
    }

    private static void check(HpackDecoder.Block block) {
        if (!block.fields().equals(CHROME_GET)) {
            throw new IllegalStateException("unexpected decode: " + block.fields());
        }
    }

    /** {@return the decoded block of a first request} */
    @Benchmark
    public HpackDecoder.Block hpackDecodeFirstRequest() throws IOException {
        return new HpackDecoder(4096, 64 * 1024).decode(first);
    }

    /** {@return the decoded block of a repeated request} */
    @Benchmark
    public HpackDecoder.Block hpackDecodeRepeatRequest() throws IOException {
        return primed.decode(repeat);
    }

    /** {@return the encoded first request} */
    @Benchmark
    public Buffer hpackEncodeFirstRequest() {
        Buffer b = new Buffer();
        new HpackEncoder(4096).encode(CHROME_GET, Set.of(), b);
        return b;
    }

    /** {@return the number of frames read from a socket-like buffered source} */
    @Benchmark
    public int parseFrames() throws IOException {
        FrameReader reader = new FrameReader(Okio.buffer((Source) new Buffer().write(frames)),
                Http2Settings.DEFAULT_MAX_FRAME_SIZE, 64 * 1024 + 16_384);
        int n = 0;
        for (Http2Frame f; (f = reader.readFrame()) != null; ) {
            if (f instanceof Http2Frame.DataFrame d) {
                d.data().clear();
            }
            n++;
        }
        return n;
    }
}
