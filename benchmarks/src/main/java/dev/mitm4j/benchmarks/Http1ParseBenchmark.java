package dev.mitm4j.benchmarks;

import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.RequestHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.BufferedSource;
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
 * Parses a typical browser request head (a Chrome GET with 17 header fields, about 900 bytes)
 * with {@link Http1Reader}, strict mode, including the body framing decision. One operation is
 * one head: ops/s is heads per second on one thread. Per operation the bytes are copied into a
 * fresh okio {@link Buffer} and read through a {@code RealBufferedSource}, as from a socket
 * ({@code parseChromeGet}), or straight from the buffer ({@code parseChromeGetFromBuffer});
 * {@code parseChromeGetToRequest} also builds the model's {@link Request} from the head, as the
 * proxy does for every request (the model checks what it is given; the codec's headers skip that
 * second check).
 *
 * <p>Not thread-safe state per thread ({@link Scope#Thread}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Http1ParseBenchmark {
    static final String CHROME_GET = """
            GET /search?q=mitm4j&sourceid=chrome&ie=UTF-8 HTTP/1.1\r
            Host: www.example.com\r
            Connection: keep-alive\r
            Cache-Control: max-age=0\r
            sec-ch-ua: "Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"\r
            sec-ch-ua-mobile: ?0\r
            sec-ch-ua-platform: "Linux"\r
            Upgrade-Insecure-Requests: 1\r
            User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
            Chrome/124.0.0.0 Safari/537.36\r
            Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,\
            image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7\r
            Sec-Fetch-Site: same-origin\r
            Sec-Fetch-Mode: navigate\r
            Sec-Fetch-User: ?1\r
            Sec-Fetch-Dest: document\r
            Referer: https://www.example.com/\r
            Accept-Encoding: gzip, deflate, br, zstd\r
            Accept-Language: en-US,en;q=0.9,de;q=0.8\r
            Cookie: session=8f14e45fceea167a5a36dedd4bea2543; theme=dark; consent=yes\r
            \r
            """;

    private final byte[] head = CHROME_GET.getBytes(StandardCharsets.ISO_8859_1);
    private final byte[] absoluteHead = CHROME_GET
            .replaceFirst("GET /", "GET http://www.example.com/")
            .getBytes(StandardCharsets.ISO_8859_1);
    private final Http1Limits limits = Http1Limits.defaults();

    @Setup
    public void check() throws IOException {
        RequestHead parsed = parse();
        if (parsed.headers().size() != 17 || !parsed.headers().isRaw()) {
            throw new IllegalStateException("unexpected parse: " + parsed);
        }
    }

    /** {@return the parsed head (returned so that JMH keeps the work alive)} */
    @Benchmark
    public RequestHead parseChromeGet() throws IOException {
        return parse(Okio.buffer((Source) new Buffer().write(head)));
    }

    /** {@return the parsed head, read from the okio buffer without a buffered-source wrapper} */
    @Benchmark
    public RequestHead parseChromeGetFromBuffer() throws IOException {
        return parse(new Buffer().write(head));
    }

    /** {@return the request the proxy builds from the parsed head (an absolute-form GET)} */
    @Benchmark
    public Request parseChromeGetToRequest() throws IOException {
        RequestHead parsed = parse(Okio.buffer((Source) new Buffer().write(absoluteHead)));
        return Request.fromTarget(parsed.method(), parsed.target(), parsed.version(),
                parsed.headers());
    }

    private RequestHead parse() throws IOException {
        return parse(new Buffer().write(head));
    }

    private RequestHead parse(BufferedSource source) throws IOException {
        Http1Reader reader = new Http1Reader(source, limits);
        RequestHead parsed = reader.readRequestHead();
        reader.body(reader.requestFraming(parsed));
        return parsed;
    }
}
