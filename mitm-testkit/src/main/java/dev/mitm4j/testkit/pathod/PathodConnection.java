package dev.mitm4j.testkit.pathod;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.RequestHead;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.util.function.Function;
import okio.BufferedSource;
import okio.Okio;

/** One client connection of {@link Pathod}: read a request, answer it, until it ends. */
final class PathodConnection {
    /** A request as pathod logs it. */
    record Received(String method, String path, Headers headers, byte[] body) {}

    private final Socket socket;
    private final Function<Received, ResponseSpec> answers;
    private final CraftedMessage.Pauser pauser;

    PathodConnection(Socket socket, Function<Received, ResponseSpec> answers,
            CraftedMessage.Pauser pauser) {
        this.socket = socket;
        this.answers = answers;
        this.pauser = pauser;
    }

    void run() throws IOException, InterruptedException {
        BufferedSource in = Okio.buffer(Okio.source(socket.getInputStream()));
        Http1Reader reader = new Http1Reader(in, Http1Limits.defaults());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        while (true) {
            RequestHead head = reader.readRequestHead();
            if (head == null) {
                return;
            }
            byte[] body;
            try (BufferedSource source = Okio.buffer(reader.body(reader.requestFraming(head)))) {
                body = source.readByteArray();
            }
            ResponseSpec spec = head.method().equals("CONNECT")
                    ? connectRefused()
                    : answers.apply(new Received(head.method(), path(head.target()),
                            head.headers().copy(), body));
            boolean disconnected = spec.message().writeTo(out, spec.actions(), pauser);
            if (disconnected || endsByClose(spec) || "close".equalsIgnoreCase(
                    head.headers().get("Connection")) || head.method().equals("CONNECT")) {
                return;
            }
        }
    }

    private static ResponseSpec connectRefused() {
        return ResponseSpec.parse("800:b'pathod does not serve CONNECT tunnels'");
    }

    /** A raw response without Content-Length is delimited by closing the connection. */
    private static boolean endsByClose(ResponseSpec spec) {
        return spec.raw() && spec.headers().stream()
                .noneMatch(h -> h.name().text().equalsIgnoreCase("Content-Length"));
    }

    private static String path(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            URI uri;
            try {
                uri = URI.create(target);
            } catch (IllegalArgumentException e) {
                return target;
            }
            String p = uri.getRawPath() == null || uri.getRawPath().isEmpty()
                    ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
        }
        return target;
    }
}
