package dev.mitm4j.http.internal.websocket;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.Http1Writer;
import dev.mitm4j.http.internal.http1.ResponseHead;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * The codec in the client role over a loopback socket: sends the opening handshake (with a
 * permessage-deflate offer when given), checks the answer as a client must, then reads and writes
 * messages masked as a client.
 */
final class CodecClient implements AutoCloseable {
    final Socket socket;
    final MessageReader reader;
    final MessageWriter writer;
    final Optional<DeflateParameters> agreed;
    final @Nullable String protocol;

    CodecClient(int port, @Nullable String deflateOffer, List<String> protocols,
            WebSocketLimits limits) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(60_000);
        BufferedSource in = Okio.buffer(Okio.source(socket));
        BufferedSink out = Okio.buffer(Okio.sink(socket));
        String key = WebSocketHandshake.newKey(new SecureRandom());
        Headers request = Headers.of("Host", "127.0.0.1:" + port, "Upgrade", "websocket",
                "Connection", "Upgrade", WebSocketHandshake.KEY, key,
                WebSocketHandshake.VERSION_HEADER, WebSocketHandshake.VERSION);
        if (!protocols.isEmpty()) {
            request.add(WebSocketHandshake.PROTOCOL, String.join(", ", protocols));
        }
        if (deflateOffer != null) {
            request.add(Extension.HEADER, deflateOffer);
        }
        Http1Writer http = new Http1Writer(out);
        http.writeRequestHead("GET", "/echo", "HTTP/1.1", request);
        http.flush();
        ResponseHead head = new Http1Reader(in, Http1Limits.defaults()).readResponseHead();
        protocol = WebSocketHandshake.checkResponse(head.code(), head.headers(), key, protocols);
        agreed = DeflateNegotiation.confirm(
                deflateOffer == null ? List.of() : List.of(deflateOffer),
                head.headers().getAll(Extension.HEADER));
        reader = new MessageReader(in, Role.SERVER, limits,
                agreed.map(p -> p.inflater(Role.CLIENT)).orElse(null));
        writer = new MessageWriter(out, Role.CLIENT,
                agreed.map(p -> p.deflater(Role.CLIENT)).orElse(null));
    }

    /** {@return the next data message, answering nothing and skipping pongs} */
    Incoming.Message nextMessage() throws IOException {
        while (true) {
            Incoming item = reader.next();
            if (item instanceof Incoming.Message m) {
                return m;
            }
            if (!(item instanceof Incoming.Pong)) {
                throw new AssertionError("expected a message, got " + item);
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
        writer.close();
        socket.close();
    }
}
