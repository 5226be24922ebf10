package dev.mitm4j.http.internal.websocket;

import static dev.mitm4j.http.internal.websocket.Raw.bytes;
import static dev.mitm4j.http.internal.websocket.Raw.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {
    private static final long NO_LIMIT = Long.MAX_VALUE;

    private static byte[] written(Role sender, int key, boolean fin, int opcode, byte[] payload)
            throws IOException {
        Buffer out = new Buffer();
        FrameWriter writer = new FrameWriter(out, sender, () -> key);
        writer.writeFrame(fin, false, opcode, payload);
        writer.flush();
        return out.readByteArray();
    }

    @Test
    void writerProducesTheRfc6455SectionFiveSevenExamples() throws IOException {
        assertArrayEquals(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),
                written(Role.SERVER, 0, true, Opcodes.TEXT, utf8("Hello")));
        assertArrayEquals(bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
                written(Role.CLIENT, Raw.KEY, true, Opcodes.TEXT, utf8("Hello")));
        assertArrayEquals(bytes(0x01, 0x03, 0x48, 0x65, 0x6c),
                written(Role.SERVER, 0, false, Opcodes.TEXT, utf8("Hel")));
        assertArrayEquals(bytes(0x80, 0x02, 0x6c, 0x6f),
                written(Role.SERVER, 0, true, Opcodes.CONTINUATION, utf8("lo")));
        assertArrayEquals(bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
                written(Role.CLIENT, Raw.KEY, true, Opcodes.PONG, utf8("Hello")));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 70000})
    void lengthsAreWrittenInTheShortestEncodingAndReadBack(int length) throws IOException {
        byte[] payload = new byte[length];
        new Random(length).nextBytes(payload);
        byte[] frame = written(Role.SERVER, 0, true, Opcodes.BINARY, payload);
        int header = length <= 125 ? 2 : length <= 65535 ? 4 : 10;
        assertEquals(header + length, frame.length);
        assertArrayEquals(Raw.server(0x82, payload), frame);
        assertArrayEquals(payload, readOne(frame, Role.SERVER, false));
        assertArrayEquals(payload, readOne(frame, Role.SERVER, true));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 3, 7, 8, 9, 125, 126, 8191, 8192, 8193, 65536, 100_003})
    void aClientMasksAndTheReaderUnmasksAtEveryLengthAndAlignment(int length) throws IOException {
        byte[] payload = new byte[length];
        new Random(length).nextBytes(payload);
        byte[] original = payload.clone();
        byte[] frame = written(Role.CLIENT, Raw.KEY, true, Opcodes.BINARY, payload);
        assertArrayEquals(original, payload, "the caller's array is left alone");
        assertArrayEquals(Raw.client(0x82, payload), frame);
        assertArrayEquals(payload, readOne(frame, Role.CLIENT, false));
        assertArrayEquals(payload, readOne(frame, Role.CLIENT, true));
    }

    @Test
    void aClientWritesAFreshRandomKeyForEveryFrame() throws IOException {
        Buffer out = new Buffer();
        FrameWriter writer = new FrameWriter(out, Role.CLIENT);
        writer.writeFrame(true, false, Opcodes.TEXT, utf8("same"));
        writer.writeFrame(true, false, Opcodes.TEXT, utf8("same"));
        byte[] both = out.readByteArray();
        byte[] first = Arrays.copyOfRange(both, 0, 10);
        byte[] second = Arrays.copyOfRange(both, 10, 20);
        assertEquals(0x84, first[1] & 0xff, "masked, 4 bytes");
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 2, 6),
                Arrays.copyOfRange(second, 2, 6)), "two frames, two keys");
        assertNotEquals(Arrays.toString(Arrays.copyOfRange(first, 6, 10)),
                Arrays.toString(Arrays.copyOfRange(second, 6, 10)));
    }

    @Test
    void nonMinimalLengthEncodingsAreAccepted() throws IOException {
        byte[] payload = utf8("Hello");
        byte[] sixteen = Raw.frame(0x81, false, 5, 2, payload);
        byte[] sixtyFour = Raw.frame(0x81, false, 5, 8, payload);
        assertArrayEquals(payload, readOne(sixteen, Role.SERVER, false));
        assertArrayEquals(payload, readOne(sixtyFour, Role.SERVER, true));
    }

    @Test
    void theHeaderReportsBitsKeyLengthAndOffset() throws IOException {
        byte[] stream = Raw.concat(Raw.client(0x02, utf8("ab")), Raw.client(0x80, utf8("c")));
        FrameReader reader = new FrameReader(new Buffer().write(stream), Role.CLIENT, NO_LIMIT,
                false);
        FrameHeader first = reader.readHeader();
        assertEquals(new FrameHeader(false, false, Opcodes.BINARY, true, Raw.KEY, 2, 0), first);
        assertEquals(FrameReader.State.PAYLOAD, reader.state());
        reader.readPayload(new byte[2], 0, 2);
        FrameHeader second = reader.readHeader();
        assertEquals(8, second.offset());
        assertTrue(second.fin());
        assertEquals(Opcodes.CONTINUATION, second.opcode());
        reader.readPayload(new byte[1], 0, 1);
        assertNull(reader.readHeader(), "a clean end between frames");
        assertEquals(FrameReader.State.CLOSED, reader.state());
    }

    @Test
    void aStreamThatEndsInsideAFrameIsAnEofWithItsOffset() {
        byte[] frame = Raw.server(0x82, new byte[300]);
        byte[] headerOnly = Arrays.copyOf(frame, 3);
        EOFException header = assertThrows(EOFException.class,
                () -> readOne(headerOnly, Role.SERVER, false));
        assertEquals("stream ended inside frame header at offset 0, reader state [FRAME_HEADER]",
                header.getMessage());
        byte[] truncated = Arrays.copyOf(frame, 100);
        EOFException payload = assertThrows(EOFException.class,
                () -> readOne(truncated, Role.SERVER, true));
        assertTrue(payload.getMessage().startsWith("stream ended inside frame payload"),
                payload.getMessage());
    }

    @Test
    void theWriterRefusesFramesThatWouldBreakTheProtocol() {
        FrameWriter writer = new FrameWriter(new Buffer(), Role.SERVER);
        assertThrows(IllegalArgumentException.class,
                () -> writer.writeFrame(true, false, 0x3, new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> writer.writeFrame(false, false, Opcodes.PING, new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> writer.writeFrame(true, false, Opcodes.PING, new byte[126]));
        assertThrows(IllegalArgumentException.class,
                () -> writer.writeFrame(true, true, Opcodes.CLOSE, new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> writer.writeFrame(true, true, Opcodes.CONTINUATION, new byte[0]));
    }

    @Test
    void readingStateIsEnforced() throws IOException {
        FrameReader reader = new FrameReader(new Buffer().write(Raw.server(0x81, utf8("x"))),
                Role.SERVER, NO_LIMIT, false);
        assertThrows(IllegalStateException.class, () -> reader.readPayload(new byte[1], 0, 1));
        reader.readHeader();
        assertThrows(IllegalStateException.class, reader::readHeader);
    }

    private static byte[] readOne(byte[] frame, Role sender, boolean oneByte) throws IOException {
        BufferedSource source = oneByte
                ? Okio.buffer(new OneByteSource(frame)) : new Buffer().write(frame);
        FrameReader reader = new FrameReader(source, sender, NO_LIMIT, false);
        FrameHeader header = reader.readHeader();
        byte[] payload = new byte[(int) header.length()];
        int at = 0;
        while (reader.remaining() > 0) {
            at += reader.readPayload(payload, at, Math.min(7, payload.length - at));
        }
        assertEquals(payload.length, at);
        assertEquals(FrameReader.State.FRAME_HEADER, reader.state());
        return payload;
    }
}
