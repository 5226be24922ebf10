package dev.mitm4j.http.internal.http2;

import dev.mitm4j.http.Headers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * A misbehaving HTTP/2 client for tests: writes frames as told, unchecked (its own HPACK encoder
 * validates nothing), and reads back what the server answers.
 */
final class RawPeer implements AutoCloseable {
    final Socket socket;
    final FrameWriter out;
    final FrameReader in;
    final HpackEncoder encoder = new HpackEncoder(4096);

    RawPeer(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5000);
        out = new FrameWriter(Okio.buffer(Okio.sink(socket)));
        BufferedSource source = Okio.buffer(Okio.source(socket));
        in = new FrameReader(source, Http2Settings.MAX_MAX_FRAME_SIZE, Integer.MAX_VALUE);
    }

    /** Writes the preface and an empty SETTINGS frame. */
    RawPeer handshake() throws IOException {
        out.clientPreface();
        out.settings(Http2Settings.empty());
        out.flush();
        return this;
    }

    /** {@return an HPACK block of the fields, given as name/value pairs, unvalidated} */
    Buffer block(String... namesAndValues) {
        List<Headers.Field> fields = Http2FieldsTest.f(namesAndValues); // unchecked
        Buffer block = new Buffer();
        encoder.encode(fields, Set.of(), block);
        return block;
    }

    void headers(int stream, boolean endStream, String... namesAndValues) throws IOException {
        out.headers(stream, endStream, block(namesAndValues), 16_384);
        out.flush();
    }

    void raw(int type, int flags, int stream, String hexPayload) throws IOException {
        out.rawFrame(type, flags, stream, ByteString.decodeHex(hexPayload));
        out.flush();
    }

    /**
     * {@return the first RST_STREAM or GOAWAY the server sends, or a HEADERS it answers with;
     * null when the connection ends or stays silent for 5 s}
     */
    @Nullable Http2Frame awaitVerdict() throws IOException {
        try {
            for (Http2Frame f; (f = in.readFrame()) != null; ) {
                if (f instanceof Http2Frame.RstStreamFrame || f instanceof Http2Frame.GoAwayFrame
                        || f instanceof Http2Frame.HeadersFrame) {
                    return f;
                }
                if (f instanceof Http2Frame.SettingsFrame s && !s.ack()) {
                    try {
                        out.settingsAck();
                        out.flush();
                    } catch (java.net.SocketException e) {
                        // the server already closed its side; what it sent is still readable
                    }
                }
            }
        } catch (SocketTimeoutException | java.io.EOFException e) {
            return null;
        }
        return null;
    }

    /**
     * {@return the GOAWAY the server sends, reading (and acknowledging SETTINGS) past any other
     * frame; null when the connection ends or stays silent for 5 s}
     */
    Http2Frame.@Nullable GoAwayFrame awaitGoAway() throws IOException {
        for (Http2Frame f; (f = next()) != null; ) {
            if (f instanceof Http2Frame.GoAwayFrame g) {
                return g;
            }
        }
        return null;
    }

    /**
     * {@return the HEADERS the server answers on {@code stream}, reading past any other frame;
     * null when a GOAWAY comes first, or the connection ends or stays silent for 5 s}
     */
    Http2Frame.@Nullable HeadersFrame awaitHeaders(int stream) throws IOException {
        for (Http2Frame f; (f = next()) != null; ) {
            if (f instanceof Http2Frame.HeadersFrame h && h.streamId() == stream) {
                return h;
            }
            if (f instanceof Http2Frame.GoAwayFrame) {
                return null;
            }
        }
        return null;
    }

    /**
     * Sends a PING and reads until its acknowledgement: every frame the server sent before it,
     * so everything this peer sent before was read by the server.
     *
     * @return the frames read before the acknowledgement
     * @throws AssertionError when the connection ends first
     */
    List<Http2Frame> pingRoundTrip() throws IOException {
        long payload = System.nanoTime();
        out.ping(false, payload);
        out.flush();
        List<Http2Frame> before = new java.util.ArrayList<>();
        for (Http2Frame f; (f = next()) != null; ) {
            if (f instanceof Http2Frame.PingFrame p && p.ack() && p.payload() == payload) {
                return before;
            }
            before.add(f);
            if (f instanceof Http2Frame.GoAwayFrame) {
                return before;
            }
        }
        throw new AssertionError("connection ended before the PING ACK; read " + before);
    }

    /** {@return the next frame, SETTINGS acknowledged; null at the end or after 5 s} */
    private @Nullable Http2Frame next() throws IOException {
        try {
            Http2Frame f = in.readFrame();
            if (f instanceof Http2Frame.SettingsFrame s && !s.ack()) {
                try {
                    out.settingsAck();
                    out.flush();
                } catch (java.net.SocketException e) {
                    // the server already closed its side; what it sent is still readable
                }
            }
            return f;
        } catch (SocketTimeoutException | java.io.EOFException | java.net.SocketException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
