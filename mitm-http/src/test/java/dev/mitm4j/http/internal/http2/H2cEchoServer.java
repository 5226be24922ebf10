package dev.mitm4j.http.internal.http2;

import dev.mitm4j.http.Headers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;

/**
 * A test-only h2c server (prior knowledge) built on {@link Http2Connection}: each stream is echoed
 * by its own virtual thread. The response carries {@code x-method}, {@code x-path}, {@code
 * x-authority} and {@code x-request-trailers}, the request body as its body and, when the request
 * had trailers, the same trailers back. Paths change the behaviour:
 * <ul>
 *   <li>{@code /hold}: read nothing until {@link #release()}, to test backpressure;
 *   <li>{@code /reset-h11}: reset the stream with HTTP_1_1_REQUIRED;
 *   <li>{@code /early}: answer "early" at once and abandon the request body;
 *   <li>{@code /slow}: answer only after {@link #release()}.
 * </ul>
 */
final class H2cEchoServer implements AutoCloseable {
    final ServerSocket serverSocket;
    final Http2Limits limits;
    final ConcurrentLinkedQueue<Http2Connection> connections = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Http2RequestHead> requests = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Throwable> streamErrors = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Http2Stream> held = new ConcurrentLinkedQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread acceptor;

    H2cEchoServer(Http2Limits limits) throws IOException {
        this.limits = limits;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("h2c-echo-acceptor").start(this::acceptLoop);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    void release() {
        released.countDown();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                Thread.ofVirtual().name("h2c-echo-conn").start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try {
            Http2Connection connection = Http2Connection.builder(Http2Connection.Role.SERVER,
                    Okio.buffer(Okio.source(socket)), Okio.buffer(Okio.sink(socket)), socket)
                    .limits(limits).name("echo-" + socket.getPort()).build();
            connections.add(connection);
            connection.start();
            for (Http2Stream stream; (stream = connection.accept()) != null; ) {
                Http2Stream s = stream;
                Thread.ofVirtual().name("h2c-echo-stream-" + s.id()).start(() -> exchange(s));
            }
        } catch (IOException e) {
            streamErrors.add(e);
        }
    }

    private void exchange(Http2Stream stream) {
        try {
            Http2RequestHead request = stream.requestHead();
            requests.add(request);
            String path = String.valueOf(request.path());
            if (path.equals("/reset-h11")) {
                stream.cancel(Http2ErrorCode.HTTP_1_1_REQUIRED);
                return;
            }
            if (path.equals("/early")) {
                answerEarly(stream);
                return;
            }
            if (path.equals("/hold") || path.equals("/slow")) {
                held.add(stream);
                released.await(30, TimeUnit.SECONDS);
            }
            Buffer body = new Buffer();
            Okio.buffer(stream.body()).readAll(body);
            Headers trailers = stream.trailers();
            Headers response = Headers.of("x-method", request.method(), "x-path", path,
                    "x-authority", String.valueOf(request.authority()),
                    "x-request-trailers", String.valueOf(trailers != null),
                    "content-type", "application/octet-stream");
            if (trailers == null) {
                response.add("content-length", Long.toString(body.size()));
            }
            stream.writeResponseHead(Http2ResponseHead.of(200, response),
                    body.size() == 0 && trailers == null);
            if (body.size() == 0 && trailers == null) {
                return;
            }
            BufferedSink sink = Okio.buffer(stream.bodySink());
            sink.writeAll(body);
            sink.flush();
            if (trailers != null) {
                stream.writeTrailers(trailers);
            } else {
                sink.close();
            }
        } catch (IOException | RuntimeException e) {
            streamErrors.add(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers without reading the request body, then abandons it (RFC 9113 section 8.1). */
    private static void answerEarly(Http2Stream stream) throws IOException {
        stream.writeResponseHead(Http2ResponseHead.of(200, Headers.of("content-length", "5")),
                false);
        try (BufferedSink sink = Okio.buffer(stream.bodySink())) {
            sink.writeUtf8("early");
        }
        stream.body().close();
    }

    /** {@return the one connection accepted so far, waiting up to 5 s for it} */
    Http2Connection onlyConnection() throws InterruptedException {
        for (int i = 0; i < 500 && connections.isEmpty(); i++) {
            Thread.sleep(10);
        }
        List<Http2Connection> all = List.copyOf(connections);
        if (all.size() != 1) {
            throw new AssertionError("expected one connection, got " + all.size());
        }
        return all.get(0);
    }

    @Override
    public void close() throws IOException {
        release();
        serverSocket.close();
        for (Http2Connection c : connections) {
            c.close();
        }
        acceptor.interrupt();
    }
}
