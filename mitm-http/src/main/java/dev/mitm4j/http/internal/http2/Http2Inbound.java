package dev.mitm4j.http.internal.http2;

import static dev.mitm4j.http.internal.http2.Http2ErrorCode.FLOW_CONTROL_ERROR;
import static dev.mitm4j.http.internal.http2.Http2ErrorCode.PROTOCOL_ERROR;
import static dev.mitm4j.http.internal.http2.Http2ErrorCode.REFUSED_STREAM;
import static dev.mitm4j.http.internal.http2.Http2ErrorCode.STREAM_CLOSED;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.internal.http2.Http2Frame.DataFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.GoAwayFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.HeadersFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.PingFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.PriorityFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.PushPromiseFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.RstStreamFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.SettingsFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.UnknownFrame;
import dev.mitm4j.http.internal.http2.Http2Frame.WindowUpdateFrame;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okio.BufferedSource;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * The reader thread of one {@link Http2Connection}: reads frames and applies them, in order, to
 * the connection and its streams (RFC 9113 sections 5 and 6). It never waits for a stream's user:
 * inbound data is bounded by the windows this endpoint granted, so buffering it cannot block. It
 * writes only short control frames (ACKs, RST_STREAM, WINDOW_UPDATE, GOAWAY).
 *
 * <p>A stream error resets the stream and reading goes on; a connection error, a failed read or
 * the end of input ends the connection through {@link Http2Connection#fail}.
 */
final class Http2Inbound {
    /** How long to drain input after a connection error. */
    static final long LINGER_MILLIS = 500;
    /** How much input to drain after a connection error. */
    static final long LINGER_BYTES = 1024 * 1024;

    private final Http2Connection c;
    private final BufferedSource source;
    private final FrameReader reader;
    private final HpackDecoder decoder;
    private boolean firstFrame = true;

    Http2Inbound(Http2Connection connection, BufferedSource source, FrameReader reader) {
        this.c = connection;
        this.source = source;
        this.reader = reader;
        this.decoder = new HpackDecoder(Http2Settings.DEFAULT_HEADER_TABLE_SIZE,
                connection.limits.maxHeaderListSize());
    }

    void run() {
        try {
            while (true) {
                try {
                    Http2Frame frame = reader.readFrame();
                    if (frame == null) {
                        break;
                    }
                    if (c.failure() != null) {
                        // ended by another thread (a SETTINGS timeout): drop the peer's input
                        // until the socket closes, so that it can read our GOAWAY
                        drain();
                        c.closeSocket();
                        return;
                    }
                    dispatch(frame);
                } catch (Http2StreamException e) {
                    resetStream(e); // the frame was consumed: reading goes on
                    c.guard.streamReset(reader.offset()); // the reset flood of CVE-2019-9514
                }
            }
            c.inputEnded(reader.offset());
        } catch (Http2ConnectionException e) {
            c.failKeepingSocket(e);
            drain();
            c.fail(e);
        } catch (IOException e) {
            c.fail(e);
        } catch (RuntimeException | Error e) {
            c.fail(new Http2ConnectionException(Http2ErrorCode.INTERNAL_ERROR,
                    "reader failed: " + e, reader.offset()));
            throw e;
        }
    }

    /**
     * After a connection error's GOAWAY, reads and drops what the peer still sends for up to
     * {@link #LINGER_MILLIS} or {@link #LINGER_BYTES}: closing a socket with unread input makes
     * TCP reset the connection, which can destroy the GOAWAY before the peer reads it.
     */
    private void drain() {
        try {
            source.timeout().timeout(LINGER_MILLIS, TimeUnit.MILLISECONDS);
            for (long n = 0; n < LINGER_BYTES && source.request(1); ) {
                long size = source.getBuffer().size();
                source.skip(size);
                n += size;
            }
        } catch (IOException ignored) {
            // timed out or reset: either way the socket is closed next
        }
    }

    private void dispatch(Http2Frame frame) throws IOException {
        if (firstFrame) {
            firstFrame = false;
            if (!(frame instanceof SettingsFrame s) || s.ack()) {
                throw connectionError("first frame is not SETTINGS");
            }
        }
        switch (frame) {
            case DataFrame f -> data(f);
            case HeadersFrame f -> headers(f);
            case PriorityFrame f -> {
                c.guard.controlFrame("PRIORITY", reader.offset());
                priority(f.streamId(), f.priority());
            }
            case RstStreamFrame f -> rstStream(f);
            case SettingsFrame f -> settings(f);
            case PushPromiseFrame f -> throw connectionError(
                    "PUSH_PROMISE while SETTINGS_ENABLE_PUSH is 0");
            case PingFrame f -> ping(f);
            case GoAwayFrame f -> goAway(f);
            case WindowUpdateFrame f -> windowUpdate(f);
            case UnknownFrame f -> c.guard.controlFrame("frame of type " + f.type(),
                    reader.offset()); // otherwise ignored (section 4.1)
        }
    }

    // ---- HEADERS ----

    private void headers(HeadersFrame f) throws IOException {
        HpackDecoder.Block block = decoder.decode(f.block().toByteArray()); // always: HPACK sync
        int id = f.streamId();
        boolean selfDependent = f.priority() != null && f.priority().dependency() == id;
        Http2Stream stream;
        c.lock.lock();
        try {
            stream = c.streams.get(id);
        } finally {
            c.lock.unlock();
        }
        if (stream == null) {
            openedByPeer(f, block, selfDependent);
            return;
        }
        if (selfDependent) {
            throw new Http2StreamException(id, PROTOCOL_ERROR, "stream depends on itself");
        }
        if (stream.isLocal()) {
            responseHeaders(stream, f, block);
        } else {
            requestTrailers(stream, f, block);
        }
    }

    private void openedByPeer(HeadersFrame f, HpackDecoder.Block block, boolean selfDependent)
            throws IOException {
        int id = f.streamId();
        boolean refuse;
        c.lock.lock();
        try {
            boolean peerParity = (id % 2 == 1) == (c.role == Http2Connection.Role.SERVER);
            if (!peerParity || c.role == Http2Connection.Role.CLIENT) {
                if (!idle(id)) {
                    throw new Http2StreamException(id, STREAM_CLOSED,
                            "HEADERS on a closed stream");
                }
                throw connectionError("HEADERS opening stream " + id + " from the "
                        + (c.role == Http2Connection.Role.CLIENT ? "server" : "client"));
            }
            if (id <= c.lastPeerStreamId) {
                // section 5.1.1; also trailers on a stream already closed, which cannot be told
                // apart without remembering every closed stream
                throw connectionError("HEADERS opening stream " + id + " not above "
                        + c.lastPeerStreamId);
            }
            c.lastPeerStreamId = id;
            if (c.goAwaySent && id > c.goAwaySentLastId) {
                return; // section 6.8: streams above our GOAWAY are ignored
            }
            refuse = c.activePeer >= c.limits.maxConcurrentStreams();
        } finally {
            c.lock.unlock();
        }
        if (selfDependent) {
            throw new Http2StreamException(id, PROTOCOL_ERROR, "stream depends on itself");
        }
        if (refuse) {
            throw new Http2StreamException(id, REFUSED_STREAM, "SETTINGS_MAX_CONCURRENT_STREAMS "
                    + c.limits.maxConcurrentStreams() + " reached");
        }
        if (block.overLimit()) {
            answer431(id, f.endStream());
            c.guard.streamReset(reader.offset());
            return;
        }
        Http2RequestHead head = Http2Fields.request(id, block.fields(), block.neverIndexed(),
                c.limits.enableConnectProtocol());
        long declared = Http2Fields.contentLength(id, head.headers());
        if (f.endStream() && declared > 0) {
            throw new Http2StreamException(id, PROTOCOL_ERROR,
                    "content-length " + declared + " on a request without DATA");
        }
        c.lock.lock();
        try {
            long recv = c.localSettingsAcked ? c.limits.initialWindowSize()
                    : Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
            Http2Stream stream = new Http2Stream(c, id, false, recv, c.peerInitialWindow);
            stream.requestHead = head;
            stream.declaredLength = declared;
            stream.remoteEnded = f.endStream();
            c.enqueue(stream);
        } finally {
            c.lock.unlock();
        }
    }

    /** Section 10.5.1: a request whose field section is too large is answered 431. */
    private void answer431(int id, boolean requestEnded) throws IOException {
        List<Headers.Field> fields = List.of(new Headers.Field(":status", "431"),
                new Headers.Field("content-length", "0"));
        int maxFrame = c.peerMaxFrame();
        c.send(w -> {
            Buffer encoded = new Buffer();
            c.encoder().encode(fields, Set.of(), encoded);
            w.headers(id, true, encoded, maxFrame);
            if (!requestEnded) {
                w.rstStream(id, Http2ErrorCode.NO_ERROR); // section 8.1: stop the upload
            }
        });
    }

    private void requestTrailers(Http2Stream stream, HeadersFrame f, HpackDecoder.Block block)
            throws IOException {
        int id = stream.id();
        checkOpenInbound(stream);
        if (!f.endStream()) {
            throw new Http2StreamException(id, PROTOCOL_ERROR, "trailers without END_STREAM");
        }
        tooLarge(id, block);
        Headers trailers = Http2Fields.trailers(id, block.fields());
        end(stream, trailers);
    }

    private void responseHeaders(Http2Stream stream, HeadersFrame f, HpackDecoder.Block block)
            throws IOException {
        int id = stream.id();
        checkOpenInbound(stream);
        tooLarge(id, block);
        boolean finalSeen;
        c.lock.lock();
        try {
            finalSeen = stream.finalResponseHead;
        } finally {
            c.lock.unlock();
        }
        if (finalSeen) {
            if (!f.endStream()) {
                throw new Http2StreamException(id, PROTOCOL_ERROR, "trailers without END_STREAM");
            }
            end(stream, Http2Fields.trailers(id, block.fields()));
            return;
        }
        Http2ResponseHead head = Http2Fields.response(id, block.fields(), block.neverIndexed());
        if (head.isInterim() && f.endStream()) {
            throw new Http2StreamException(id, PROTOCOL_ERROR, "interim response with END_STREAM");
        }
        long declared = bodyless(stream, head) ? -1 : Http2Fields.contentLength(id, head.headers());
        c.lock.lock();
        try {
            stream.responseHeads.add(head);
            if (!head.isInterim()) {
                stream.finalResponseHead = true;
                stream.declaredLength = declared;
            }
            stream.changed.signalAll();
        } finally {
            c.lock.unlock();
        }
        if (f.endStream()) {
            end(stream, null);
        }
    }

    /** Responses to HEAD and 304s announce a length they do not carry (RFC 9110 8.6). */
    private static boolean bodyless(Http2Stream stream, Http2ResponseHead head) {
        Http2RequestHead request = stream.requestHead;
        return head.status() == 304 || (request != null && request.method().equals("HEAD"));
    }

    private void tooLarge(int id, HpackDecoder.Block block) throws Http2StreamException {
        if (block.overLimit()) {
            throw new Http2StreamException(id, PROTOCOL_ERROR, "field section of "
                    + block.listSize() + " bytes above SETTINGS_MAX_HEADER_LIST_SIZE "
                    + c.limits.maxHeaderListSize());
        }
    }

    // ---- DATA ----

    private void data(DataFrame f) throws IOException {
        int id = f.streamId();
        if (f.data().size() == 0 && !f.endStream()) {
            c.guard.controlFrame("empty DATA", reader.offset());
        }
        Http2Stream stream;
        boolean ignored;
        c.lock.lock();
        try {
            if (f.flowLength() > c.connRecvWindow) {
                throw new Http2ConnectionException(FLOW_CONTROL_ERROR, "DATA of "
                        + f.flowLength() + " bytes beyond the connection window "
                        + c.connRecvWindow, reader.offset());
            }
            c.connRecvWindow -= f.flowLength();
            stream = c.streams.get(id);
            ignored = stream == null && c.resetByUs(id);
        } finally {
            c.lock.unlock();
        }
        if (ignored) {
            credit(f.flowLength()); // sent before the peer saw our RST_STREAM: dropped
            return;
        }
        try {
            if (stream == null) {
                if (idle(id)) {
                    throw connectionError("DATA on idle stream " + id);
                }
                throw new Http2StreamException(id, STREAM_CLOSED, "DATA on a closed stream");
            }
            receive(stream, f);
        } catch (Http2StreamException e) {
            credit(f.flowLength()); // the frame was not buffered: its window comes back now
            throw e;
        }
        if (f.endStream()) {
            c.closeIfDone(stream);
        }
    }

    private void receive(Http2Stream stream, DataFrame f) throws IOException {
        int id = stream.id();
        int padding = f.flowLength() - (int) f.data().size();
        int connUpdate;
        c.lock.lock();
        try {
            if (stream.remoteEnded) {
                throw new Http2StreamException(id, STREAM_CLOSED, "DATA after END_STREAM");
            }
            if (stream.isLocal() && !stream.finalResponseHead) {
                throw new Http2StreamException(id, PROTOCOL_ERROR,
                        "DATA before the final response head");
            }
            if (f.flowLength() > stream.recvWindow) {
                throw new Http2StreamException(id, FLOW_CONTROL_ERROR, "DATA of "
                        + f.flowLength() + " bytes beyond the stream window "
                        + stream.recvWindow);
            }
            long total = stream.receivedData + f.data().size();
            if (stream.declaredLength >= 0 && total > stream.declaredLength) {
                throw new Http2StreamException(id, PROTOCOL_ERROR, "DATA beyond content-length "
                        + stream.declaredLength);
            }
            if (f.endStream() && stream.declaredLength >= 0 && total != stream.declaredLength) {
                throw new Http2StreamException(id, PROTOCOL_ERROR, "DATA of " + total
                        + " bytes, not the content-length " + stream.declaredLength);
            }
            stream.recvWindow -= f.flowLength();
            stream.receivedData = total;
            if (stream.bodyAbandoned) {
                padding = f.flowLength(); // nobody reads it: credit it at once
            } else {
                stream.received.write(f.data(), f.data().size());
            }
            stream.unacked += padding;
            connUpdate = c.creditConnection(padding);
            if (f.endStream()) {
                c.endRemotely(stream);
            }
            stream.changed.signalAll();
        } finally {
            c.lock.unlock();
        }
        c.sendWindowUpdates(0, 0, connUpdate);
    }

    private void credit(int bytes) {
        c.lock.lock();
        try {
            c.creditConnection(bytes);
        } finally {
            c.lock.unlock();
        }
        flushConnectionCredit();
    }

    /** Ends the inbound side of a stream, with trailers or not. */
    private void end(Http2Stream stream, @Nullable Headers trailers) throws IOException {
        c.lock.lock();
        try {
            if (stream.declaredLength >= 0 && stream.receivedData != stream.declaredLength) {
                throw new Http2StreamException(stream.id(), PROTOCOL_ERROR, "DATA of "
                        + stream.receivedData + " bytes, not the content-length "
                        + stream.declaredLength);
            }
            stream.trailers = trailers;
            c.endRemotely(stream);
            stream.changed.signalAll();
        } finally {
            c.lock.unlock();
        }
        c.closeIfDone(stream);
    }

    private void checkOpenInbound(Http2Stream stream) throws Http2StreamException {
        c.lock.lock();
        try {
            if (stream.remoteEnded) {
                throw new Http2StreamException(stream.id(), STREAM_CLOSED,
                        "frame after END_STREAM");
            }
        } finally {
            c.lock.unlock();
        }
    }

    // ---- control frames ----

    private void priority(int id, Http2Frame.Priority priority) throws Http2StreamException {
        if (priority.dependency() == id) {
            throw new Http2StreamException(id, PROTOCOL_ERROR, "stream depends on itself");
        }
        // RFC 9113 deprecates priority signals: accepted and ignored
    }

    private void rstStream(RstStreamFrame f) throws IOException {
        int id = f.streamId();
        @Nullable Http2Stream stream;
        c.lock.lock();
        try {
            stream = c.streams.get(id);
            if (stream == null) {
                if (idle(id)) {
                    throw connectionError("RST_STREAM on idle stream " + id);
                }
            } else {
                c.failStream(stream, Http2StreamException.remote(id, f.errorCode(),
                        "RST_STREAM from the peer"));
            }
        } finally {
            c.lock.unlock();
        }
        if (stream == null) {
            c.guard.controlFrame("RST_STREAM on a closed stream", reader.offset());
        } else if (!stream.isLocal()) {
            c.guard.streamReset(reader.offset()); // opened and reset: CVE-2023-44487
        }
        flushConnectionCredit();
        c.closeIfDrained();
    }

    private void settings(SettingsFrame f) throws IOException {
        c.guard.controlFrame("SETTINGS", reader.offset());
        if (f.ack()) {
            settingsAcked();
            return;
        }
        Http2Settings s = f.settings();
        c.lock.lock();
        try {
            if (c.role == Http2Connection.Role.CLIENT
                    && s.value(Http2Settings.ENABLE_PUSH, 0) == 1) {
                throw connectionError("SETTINGS_ENABLE_PUSH 1 from a server");
            }
            if (s.has(Http2Settings.ENABLE_CONNECT_PROTOCOL)) {
                boolean on = s.value(Http2Settings.ENABLE_CONNECT_PROTOCOL, 0) == 1;
                if (c.peerExtendedConnect && !on) {
                    throw connectionError("SETTINGS_ENABLE_CONNECT_PROTOCOL back to 0");
                }
                c.peerExtendedConnect = on;
            }
            if (s.has(Http2Settings.INITIAL_WINDOW_SIZE)) {
                long value = s.value(Http2Settings.INITIAL_WINDOW_SIZE, 0);
                long delta = value - c.peerInitialWindow;
                for (Http2Stream stream : c.streams.values()) {
                    stream.sendWindow += delta;
                    if (stream.sendWindow > Http2Settings.MAX_WINDOW_SIZE) {
                        throw new Http2ConnectionException(FLOW_CONTROL_ERROR,
                                "SETTINGS_INITIAL_WINDOW_SIZE overflows stream "
                                        + stream.id(), -1);
                    }
                }
                c.peerInitialWindow = value;
            }
            if (s.has(Http2Settings.MAX_CONCURRENT_STREAMS)) {
                c.peerMaxConcurrent = (int) Math.min(Integer.MAX_VALUE,
                        s.value(Http2Settings.MAX_CONCURRENT_STREAMS, 0));
            }
            if (s.has(Http2Settings.MAX_FRAME_SIZE)) {
                c.peerMaxFrame = (int) s.value(Http2Settings.MAX_FRAME_SIZE, 0);
            }
            c.peerSettings = c.peerSettings.merge(s);
            c.peerSpoke = true;
            c.signalAll();
        } finally {
            c.lock.unlock();
        }
        c.send(w -> {
            if (s.has(Http2Settings.HEADER_TABLE_SIZE)) {
                c.encoder().tableSizeSetting((int) Math.min(Integer.MAX_VALUE,
                        s.value(Http2Settings.HEADER_TABLE_SIZE, 0)));
            }
            w.settingsAck();
        });
    }

    /** Our SETTINGS are in force: the HPACK limit and, for streams opened before, the window. */
    private void settingsAcked() {
        c.lock.lock();
        try {
            if (c.localSettingsAcked) {
                return;
            }
            c.localSettingsAcked = true;
            c.signalAll(); // wakes the SETTINGS timer
            long delta = c.limits.initialWindowSize() - Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
            for (Http2Stream stream : c.streams.values()) {
                stream.recvWindow += delta;
            }
        } finally {
            c.lock.unlock();
        }
        decoder.tableSizeSetting(c.limits.headerTableSize());
    }

    private void ping(PingFrame f) throws IOException {
        if (f.ack()) {
            c.guard.controlFrame("PING ACK", reader.offset());
            c.pingAcked(f.payload());
        } else {
            c.guard.ping(reader.offset());
            c.send(w -> w.ping(true, f.payload()));
        }
    }

    private void goAway(GoAwayFrame f) {
        c.lock.lock();
        try {
            c.goAwayReceived = true;
            for (Http2Stream stream : List.copyOf(c.streams.values())) {
                if (stream.isLocal() && stream.id() > f.lastStreamId()) {
                    c.failStream(stream, Http2StreamException.remote(stream.id(),
                            REFUSED_STREAM.code(), "above the last stream id "
                                    + f.lastStreamId() + " of the peer's GOAWAY ("
                                    + Http2Exception.codeName(f.errorCode()) + ")"));
                }
            }
            c.signalAll();
        } finally {
            c.lock.unlock();
        }
        c.closeIfDrained();
    }

    private void windowUpdate(WindowUpdateFrame f) throws IOException {
        int id = f.streamId();
        c.lock.lock();
        try {
            if (id == 0) {
                if (f.increment() == 0) {
                    throw connectionError("WINDOW_UPDATE of 0 on the connection");
                }
                c.connSendWindow += f.increment();
                if (c.connSendWindow > Http2Settings.MAX_WINDOW_SIZE) {
                    throw new Http2ConnectionException(FLOW_CONTROL_ERROR,
                            "connection window above 2^31-1", reader.offset() - 13);
                }
                c.signalAll();
                return;
            }
            Http2Stream stream = c.streams.get(id);
            if (stream == null) {
                if (idle(id)) {
                    throw connectionError("WINDOW_UPDATE on idle stream " + id);
                }
                return;
            }
            if (f.increment() == 0) {
                throw new Http2StreamException(id, PROTOCOL_ERROR, "WINDOW_UPDATE of 0");
            }
            stream.sendWindow += f.increment();
            if (stream.sendWindow > Http2Settings.MAX_WINDOW_SIZE) {
                throw new Http2StreamException(id, FLOW_CONTROL_ERROR, "window above 2^31-1");
            }
            stream.changed.signalAll();
        } finally {
            c.lock.unlock();
        }
    }

    // ---- helpers ----

    /** Resets the stream of a stream error (if still open) and sends RST_STREAM. */
    private void resetStream(Http2StreamException e) {
        Http2Stream stream;
        c.lock.lock();
        try {
            stream = c.streams.get(e.streamId());
        } finally {
            c.lock.unlock();
        }
        if (stream != null) {
            c.resetLocally(stream, e.errorCode(), e);
        } else {
            try {
                c.send(w -> w.rstStream(e.streamId(), e.errorCode()));
            } catch (IOException ignored) {
                // the connection failed; the reader ends on its next read
            }
        }
        flushConnectionCredit();
    }

    /** Sends connection credit that resets or dropped data accumulated. */
    private void flushConnectionCredit() {
        int update;
        c.lock.lock();
        try {
            update = c.creditConnection(0);
        } finally {
            c.lock.unlock();
        }
        try {
            c.sendWindowUpdates(0, 0, update);
        } catch (IOException ignored) {
            // the connection failed; the reader ends on its next read
        }
    }

    /** {@return whether no frame could have opened stream {@code id} yet} */
    private boolean idle(int id) {
        c.lock.lock();
        try {
            boolean peerInitiated = (id % 2 == 1) == (c.role == Http2Connection.Role.SERVER);
            return peerInitiated ? id > c.lastPeerStreamId : idleLocal(id);
        } finally {
            c.lock.unlock();
        }
    }

    private boolean idleLocal(int id) {
        // a server never opens streams: all of its ids are idle
        return c.role == Http2Connection.Role.SERVER || id >= c.nextLocalStreamId();
    }

    private Http2ConnectionException connectionError(String problem) {
        return new Http2ConnectionException(PROTOCOL_ERROR, problem, reader.offset());
    }
}
