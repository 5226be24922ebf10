package dev.mitm4j.http.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.ByteString;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {
    private final Buffer wire = new Buffer();
    private final FrameWriter writer = new FrameWriter(wire);

    /** Reads every frame of {@code bytes}, whole or one byte per read. */
    private static List<Http2Frame> readAll(byte[] bytes, boolean oneByte) throws IOException {
        Source source = oneByte ? new Trickle(bytes) : new Buffer().write(bytes);
        FrameReader reader = new FrameReader(Okio.buffer(source), 16_384, 64 * 1024);
        List<Http2Frame> frames = new ArrayList<>();
        for (Http2Frame f; (f = reader.readFrame()) != null; ) {
            frames.add(f);
        }
        assertEquals(bytes.length, reader.offset());
        return frames;
    }

    @ParameterizedTest(name = "one byte at a time: {0}")
    @ValueSource(booleans = {false, true})
    void everyFrameTypeWrittenIsReadBackAlike(boolean oneByte) throws IOException {
        writer.data(1, false, new Buffer().writeUtf8("hello"), 5, 0);
        writer.data(1, true, new Buffer().writeUtf8("padded"), 6, 4);
        writer.headers(3, true, new Buffer().writeUtf8("block"), 16_384);
        writer.priority(3, 1, true, 256);
        writer.rstStream(3, Http2ErrorCode.CANCEL);
        writer.settings(Http2Settings.empty().with(Http2Settings.ENABLE_PUSH, 0)
                .with(Http2Settings.INITIAL_WINDOW_SIZE, 1 << 20));
        writer.settingsAck();
        writer.pushPromise(3, 2, new Buffer().writeUtf8("promise"), 16_384);
        writer.ping(true, 0x0102030405060708L);
        writer.goAway(7, Http2ErrorCode.ENHANCE_YOUR_CALM, ByteString.encodeUtf8("bye"));
        writer.windowUpdate(0, 1000);
        writer.rawFrame(0xfa, 0xff, 9, ByteString.encodeUtf8("ignored"));
        List<Http2Frame> frames = readAll(wire.readByteArray(), oneByte);

        assertEquals(12, frames.size());
        DataFrame d = (DataFrame) frames.get(0);
        assertEquals("hello", d.data().readUtf8());
        DataFrame padded = (DataFrame) frames.get(1);
        assertEquals("padded", padded.data().readUtf8());
        assertEquals(10, padded.flowLength());
        assertTrue(padded.endStream());
        assertEquals(new HeadersFrame(3, true, ByteString.encodeUtf8("block"), null),
                frames.get(2));
        assertEquals(new PriorityFrame(3, new Http2Frame.Priority(1, true, 256)), frames.get(3));
        assertEquals(new RstStreamFrame(3, 8), frames.get(4));
        SettingsFrame s = (SettingsFrame) frames.get(5);
        assertEquals(1 << 20, s.settings().value(Http2Settings.INITIAL_WINDOW_SIZE, -1));
        assertEquals(0, s.settings().value(Http2Settings.ENABLE_PUSH, -1));
        assertEquals(new SettingsFrame(true, Http2Settings.empty()), frames.get(6));
        assertEquals(new PushPromiseFrame(3, 2, ByteString.encodeUtf8("promise")),
                frames.get(7));
        assertEquals(new PingFrame(true, 0x0102030405060708L), frames.get(8));
        assertEquals(new GoAwayFrame(7, 0xb, ByteString.encodeUtf8("bye")), frames.get(9));
        assertEquals(new WindowUpdateFrame(0, 1000), frames.get(10));
        assertEquals(new UnknownFrame(0xfa, 0xff, 9, 7), frames.get(11));
    }

    @Test
    void aFieldBlockLargerThanTheFrameSizeGoesOutInContinuationsAndComesBackWhole()
            throws IOException {
        String block = "x".repeat(40_000);
        writer.headers(5, false, new Buffer().writeUtf8(block), 16_384);
        byte[] bytes = wire.readByteArray();
        assertEquals(40_000 + 3 * 9, bytes.length, "HEADERS and two CONTINUATION frames");
        List<Http2Frame> frames = readAll(bytes, false);
        assertEquals(List.of(new HeadersFrame(5, false, ByteString.encodeUtf8(block), null)),
                frames);
    }

    @Test
    void paddedHeadersWithPriorityLoseTheirPaddingAndKeepThePriority() throws IOException {
        // HEADERS, PADDED|PRIORITY|END_HEADERS, stream 1: pad 2, dep 0 weight 16, "ab", 00 00
        byte[] bytes = HpackStories.hex("00000a012c00000001" + "02" + "000000000f" + "6162"
                + "0000");
        HeadersFrame h = (HeadersFrame) readAll(bytes, false).get(0);
        assertEquals(ByteString.encodeUtf8("ab"), h.block());
        assertEquals(new Http2Frame.Priority(0, false, 16), h.priority());
    }

    @Test
    void theClientPrefaceIsCheckedByteForByte() throws IOException {
        FrameReader ok = new FrameReader(new Buffer().write(FrameReader.CLIENT_PREFACE), 16_384, 1);
        ok.readClientPreface();
        assertNull(ok.readFrame());
        FrameReader http1 = new FrameReader(
                new Buffer().writeUtf8("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 16_384, 1);
        Http2ConnectionException e = assertThrows(Http2ConnectionException.class,
                http1::readClientPreface);
        assertEquals(0, e.offset());
        assertEquals(Http2ErrorCode.PROTOCOL_ERROR, e.errorCode());
    }

    @Test
    void anInputEndingInsideAFrameIsAnEofNotACleanEnd() {
        byte[] bytes = HpackStories.hex("00000806000000000000");
        assertThrows(EOFException.class, () -> readAll(bytes, false));
    }

    @Test
    void aPriorityFrameOfTheWrongLengthIsAStreamErrorAndReadingGoesOn() throws IOException {
        FrameReader reader = new FrameReader(new Buffer().write(HpackStories.hex(
                "000004020000000003" + "00000000" + "000008060000000000" + "0000000000000001")),
                16_384, 1024);
        Http2StreamException e = assertThrows(Http2StreamException.class, reader::readFrame);
        assertEquals(3, e.streamId());
        assertEquals(Http2ErrorCode.FRAME_SIZE_ERROR, e.errorCode());
        assertInstanceOf(PingFrame.class, reader.readFrame());
    }

    /** Yields at most one byte per read, to prove the reader never assumes a whole frame. */
    private static final class Trickle implements Source {
        private final Buffer data;

        Trickle(byte[] bytes) {
            this.data = new Buffer().write(bytes);
        }

        @Override
        public long read(Buffer sink, long byteCount) {
            return data.read(sink, Math.min(1, byteCount));
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() {}
    }
}
