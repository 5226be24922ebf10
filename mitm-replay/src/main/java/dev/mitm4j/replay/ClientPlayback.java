package dev.mitm4j.replay;

import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.Http1Writer;
import dev.mitm4j.http.internal.http1.ResponseHead;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLSocketFactory;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;

/**
 * Client-side replay ({@code client_replay}): sends the recorded requests again to their
 * servers over HTTP/1.1 (TLS with the JDK's default trust for https) and stores each new
 * response in a copy of the flow marked {@code isReplay = "request"}; a failure becomes the
 * copy's error. One request at a time ({@code client_replay_concurrency} 1) or all at once on
 * virtual threads (-1).
 *
 * <p><b>Limitation:</b> unlike mitmproxy, the replayed requests do not pass through a running
 * proxy's addon chain: mitm-core has no API yet to inject a flow into it, so this class talks
 * to the servers directly and runs no addons. HTTP/2 and upstream-proxy modes are not used.
 */
public final class ClientPlayback {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ClientPlayback() {}

    /**
     * {@return copies of {@code flows} with fresh responses (or errors), in the same order}
     *
     * @param concurrency 1 (serial) or -1 (all at once)
     * @throws IllegalArgumentException for another concurrency
     */
    public static List<HttpFlow> replay(List<HttpFlow> flows, int concurrency)
            throws InterruptedException {
        if (concurrency != 1 && concurrency != -1) {
            throw new IllegalArgumentException("client_replay_concurrency must be 1 or -1: "
                    + concurrency);
        }
        List<HttpFlow> copies = new ArrayList<>();
        for (HttpFlow f : flows) {
            HttpFlow c = f.copy();
            c.response(null);
            c.error(null);
            c.isReplay("request");
            copies.add(c);
        }
        if (concurrency == 1) {
            copies.forEach(ClientPlayback::send);
            return copies;
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            copies.forEach(c -> done.add(pool.submit(() -> send(c))));
            for (Future<?> d : done) {
                try {
                    d.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        return copies;
    }

    /** Sends one request; its response or error is stored in the flow. */
    static void send(HttpFlow flow) {
        Request r = flow.request();
        try (Socket socket = connect(r)) {
            BufferedSink sink = Okio.buffer(Okio.sink(socket));
            BufferedSource source = Okio.buffer(Okio.source(socket));
            Request sent = r.copy();
            sent.httpVersion("HTTP/1.1");
            if (!sent.headers().contains("host")) {
                sent.headers().insert(0, "Host", sent.prettyHost()
                        + (defaultPort(sent) ? "" : ":" + sent.port()));
            }
            byte[] body = sent.rawContent() == null ? new byte[0] : sent.rawContent();
            sent.headers().remove("transfer-encoding");
            if (body.length > 0 || sent.headers().contains("content-length")) {
                sent.headers().set("Content-Length", Integer.toString(body.length));
            }
            Http1Writer writer = new Http1Writer(sink);
            writer.writeRequestHead(sent.method(), sent.path(), "HTTP/1.1", sent.headers());
            try (okio.Sink out = writer.body(body.length == 0 ? BodyFraming.NONE
                    : BodyFraming.contentLength(body.length))) {
                out.write(new Buffer().write(body), body.length);
            }
            writer.flush();
            flow.response(read(new Http1Reader(source, Http1Limits.defaults()), sent.method()));
        } catch (IOException | RuntimeException e) {
            flow.error(FlowError.of(e.toString()));
        }
    }

    private static Response read(Http1Reader reader, String method) throws IOException {
        Instant start = Instant.now();
        ResponseHead head = reader.readResponseHead();
        while (head.isInterim()) {
            head = reader.readResponseHead();
        }
        Buffer body = new Buffer();
        try (okio.Source in = reader.body(reader.responseFraming(method, head))) {
            while (in.read(body, 8192) != -1) {
                // drain
            }
        }
        return Response.builder().httpVersion(head.version()).statusCode(head.code())
                .reason(head.reason()).headers(head.headers()).content(body.readByteArray())
                .trailers(reader.trailers()).timestampStart(start).timestampEnd(Instant.now())
                .build();
    }

    private static Socket connect(Request r) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(r.host(), r.port()), (int) TIMEOUT.toMillis());
        plain.setSoTimeout((int) TIMEOUT.toMillis());
        if (!r.scheme().equals("https")) {
            return plain;
        }
        return ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, r.host(),
                r.port(), true);
    }

    private static boolean defaultPort(Request r) {
        return r.port() == (r.scheme().equals("https") ? 443 : 80);
    }
}
