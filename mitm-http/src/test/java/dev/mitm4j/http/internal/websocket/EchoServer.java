package dev.mitm4j.http.internal.websocket;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.Http1Writer;
import dev.mitm4j.http.internal.http1.RequestHead;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket echo server on loopback built on the codec alone, for real clients to talk to: it
 * answers the opening handshake (first subprotocol offered; permessage-deflate when enabled and
 * offered), echoes every message as it was received (whole, or chunk by chunk when streamed),
 * answers pings, and answers a close with the same code and reason. It records what it saw.
 */
final class EchoServer implements AutoCloseable {
    private final ServerSocket server;
    private final WebSocketLimits limits;
    private final boolean deflate;
    private final Thread acceptor;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger largestLaterChunk = new AtomicInteger();
    private volatile @Nullable DeflateParameters agreed;

    EchoServer(WebSocketLimits limits, boolean deflate) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.limits = limits;
        this.deflate = deflate;
        this.acceptor = Thread.ofVirtual().name("echo-acceptor").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** {@return what the server saw, in order: "text 5b", "streamed binary 67108864b", ...} */
    List<String> events() {
        return new ArrayList<>(events);
    }

    /** {@return the permessage-deflate agreement of the last connection, if any} */
    Optional<DeflateParameters> agreed() {
        return Optional.ofNullable(agreed);
    }

    /** {@return the largest chunk of a streamed message after its first} */
    int largestLaterChunk() {
        return largestLaterChunk.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread.ofVirtual().name("echo-" + socket.getPort()).start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedSource in = Okio.buffer(Okio.source(socket));
            BufferedSink out = Okio.buffer(Okio.sink(socket));
            Optional<DeflateNegotiation.Agreement> agreement = handshake(in, out);
            if (agreement == null) {
                return;
            }
            agreed = agreement.map(DeflateNegotiation.Agreement::parameters).orElse(null);
            MessageInflater inflater = agreement.map(a -> a.parameters().inflater(Role.SERVER))
                    .orElse(null);
            MessageDeflater deflater = agreement.map(a -> a.parameters().deflater(Role.SERVER))
                    .orElse(null);
            try (MessageReader reader = new MessageReader(in, Role.CLIENT, limits, inflater);
                    MessageWriter writer = new MessageWriter(out, Role.SERVER, deflater)) {
                echo(reader, writer);
            }
        } catch (IOException e) {
            events.add("failed " + e.getClass().getSimpleName());
        }
    }

    /** {@return the agreement (empty without deflate), or null when the request was refused} */
    private Optional<DeflateNegotiation.@Nullable Agreement> handshake(BufferedSource in,
            BufferedSink out) throws IOException {
        RequestHead head = new Http1Reader(in, Http1Limits.defaults()).readRequestHead();
        Http1Writer http = new Http1Writer(out);
        if (head == null) {
            return null;
        }
        try {
            WebSocketHandshake.checkRequest(head.method(), head.headers());
        } catch (WebSocketHandshakeException e) {
            events.add("handshake refused: " + e.getMessage());
            http.writeResponseHead("HTTP/1.1", 400, "Bad Request",
                    Headers.of("Content-Length", "0", "Connection", "close"));
            http.flush();
            return null;
        }
        Headers response = Headers.of("Upgrade", "websocket", "Connection", "Upgrade",
                WebSocketHandshake.ACCEPT,
                WebSocketHandshake.acceptFor(head.headers().get(WebSocketHandshake.KEY).strip()));
        List<String> protocols = WebSocketHandshake.protocols(head.headers());
        if (!protocols.isEmpty()) {
            response.add(WebSocketHandshake.PROTOCOL, protocols.get(0));
        }
        Optional<DeflateNegotiation.Agreement> agreement = deflate
                ? DeflateNegotiation.accept(head.headers().getAll(Extension.HEADER))
                : Optional.empty();
        agreement.ifPresent(a -> response.add(Extension.HEADER, a.response()));
        http.writeResponseHead("HTTP/1.1", 101, "Switching Protocols", response);
        http.flush();
        return agreement;
    }

    private void echo(MessageReader reader, MessageWriter writer) throws IOException {
        MessageWriter.OutgoingMessage streaming = null;
        long streamed = 0;
        try {
            Incoming item;
            while ((item = reader.next()) != null) {
                switch (item) {
                    case Incoming.Message m -> {
                        events.add(Opcodes.name(m.opcode()) + " " + m.payload().length + "b");
                        writer.writeMessage(m.opcode(), m.payload());
                    }
                    case Incoming.Chunk c -> {
                        if (c.first()) {
                            streaming = writer.beginMessage(c.opcode());
                            streamed = 0;
                        } else {
                            largestLaterChunk.accumulateAndGet(c.data().length, Math::max);
                        }
                        streaming.write(c.data());
                        streamed += c.data().length;
                        if (c.last()) {
                            streaming.finish();
                            events.add("streamed " + Opcodes.name(c.opcode()) + " " + streamed
                                    + "b");
                        }
                    }
                    case Incoming.Ping p -> writer.writePong(p.payload());
                    case Incoming.Pong p -> events.add("pong " + p.payload().length + "b");
                    case Incoming.Close c -> {
                        events.add("close " + c.code() + " " + c.reason());
                        writer.writeClose(c.code(), c.reason());
                        return;
                    }
                }
            }
            events.add("end without close");
        } catch (WebSocketProtocolException e) {
            events.add("refused " + e.closeCode());
            writer.writeClose(e.closeCode(), "");
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
