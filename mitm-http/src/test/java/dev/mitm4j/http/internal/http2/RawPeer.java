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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
