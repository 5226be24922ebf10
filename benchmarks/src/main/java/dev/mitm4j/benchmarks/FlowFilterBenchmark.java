package dev.mitm4j.benchmarks;

import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
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
 * {@link FlowFilter} costs, the targets of issue 5:
 *
 * <ul>
 *   <li>{@code match}: {@code ~d example\.com & ~c 200 & !~a} against a typical flow (a browser
 *       GET of https://www.example.com/search with 12 request headers, answered 200 text/html
 *       with 8 headers and a 16 KiB body); every operand is evaluated, the flow matches. Target
 *       at least 2,000,000 ops/s on one thread.
 *   <li>{@code matchAsset}: the same filter against an image response, where {@code !~a} fails.
 *   <li>{@code parse10}: parsing and compiling a 10-operator expression whose 7 arguments are
 *       plain literals (which need no {@code Pattern}). Target at most 20 µs/op.
 *   <li>{@code parse10Regex}: the same with 5 of the 7 arguments real regexes (groups,
 *       alternation, anchors, classes), each translated from Python syntax and compiled.
 * </ul>
 *
 * State is per thread ({@link Scope#Thread}); flows are built once and never changed.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlowFilterBenchmark {
    static final String EXPRESSION = "~d example\\.com & ~c 200 & !~a";
    static final String TEN_OPERATORS = "~d example\\.com & ~c 200 & !~a & ~m GET"
            + " & ~h 'user-agent: mozilla' & ~t html & ~u /search & !~e & ~s | ~b needle";
    static final String TEN_OPERATORS_REGEX = "~d '(www\\.)?example\\.com$' & ~c 200 & !~a"
            + " & ~m '^(GET|HEAD)$' & ~h '^user-agent: .*mozilla' & ~t 'text/(html|plain)'"
            + " & ~u '/search\\?q=\\w+' & !~e & ~s | ~b needle";

    private FlowFilter filter;
    private HttpFlow page;
    private HttpFlow image;

    @Setup
    public void setUp() {
        filter = FlowFilter.parse(EXPRESSION);
        page = flow("text/html; charset=utf-8");
        image = flow("image/png");
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public boolean match() {
        return filter.test(page);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public boolean matchAsset() {
        return filter.test(image);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public FlowFilter parse10() {
        return FlowFilter.parse(TEN_OPERATORS);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public FlowFilter parse10Regex() {
        return FlowFilter.parse(TEN_OPERATORS_REGEX);
    }

    static HttpFlow flow(String contentType) {
        Request request = Request.make("GET",
                "https://www.example.com/search?q=mitm4j&sourceid=chrome&ie=UTF-8",
                new byte[0], Headers.of(
                        "Connection", "keep-alive",
                        "Cache-Control", "max-age=0",
                        "Upgrade-Insecure-Requests", "1",
                        "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"
                                + " (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
                        "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                        "Sec-Fetch-Site", "same-origin",
                        "Sec-Fetch-Mode", "navigate",
                        "Sec-Fetch-Dest", "document",
                        "Referer", "https://www.example.com/",
                        "Accept-Encoding", "gzip, deflate, br, zstd",
                        "Accept-Language", "en-US,en;q=0.9,de;q=0.8"));
        HttpFlow flow = new HttpFlow(
                new ClientConnection(new InetSocketAddress("127.0.0.1", 50123), null),
                new ServerConnection(InetSocketAddress.createUnresolved("www.example.com", 443)),
                request, false);
        byte[] body = "<p>lorem ipsum</p>\n".repeat(16 * 1024 / 19)
                .getBytes(StandardCharsets.UTF_8);
        flow.response(Response.make(200, body, Headers.of(
                "Date", "Mon, 23 Nov 2026 01:00:00 GMT",
                "Content-Type", contentType,
                "Cache-Control", "private, max-age=0",
                "Server", "gws",
                "X-XSS-Protection", "0",
                "X-Frame-Options", "SAMEORIGIN",
                "Alt-Svc", "h3=\":443\"; ma=2592000",
                "Vary", "Accept-Encoding")));
        return flow;
    }
}
