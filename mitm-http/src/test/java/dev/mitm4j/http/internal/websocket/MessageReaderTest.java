package dev.mitm4j.http.internal.websocket;

import static dev.mitm4j.http.internal.websocket.Raw.concat;
import static dev.mitm4j.http.internal.websocket.Raw.server;
import static dev.mitm4j.http.internal.websocket.Raw.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import okio.Buffer;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

class MessageReaderTest {
    private static MessageReader reader(byte[] input, WebSocketLimits limits) {
        return new MessageReader(new Buffer().write(input), Role.SERVER, limits, null);
    }

    @Test
    void aMessageLargerThanTheThresholdIsStreamedInOrderAndReassemblesToTheSameBytes()
            throws IOException {
        byte[] payload = new byte[300_000];
        new Random(1).nextBytes(payload);
        byte[] input = concat(server(0x02, java.util.Arrays.copyOf(payload, 100)),
                server(0x89, utf8("mid")),
                server(0x80, java.util.Arrays.copyOfRange(payload, 100, payload.length)),
                server(0x81, utf8("after")));
        WebSocketLimits limits = WebSocketLimits.builder().streamLargeMessages(1000).build();
        MessageReader reader = reader(input, limits);
        assertInstanceOf(Incoming.Ping.class, reader.next(), "the ping arrives before the rest");
        Buffer reassembled = new Buffer();
        List<Incoming.Chunk> chunks = new ArrayList<>();
        Incoming item;
        while ((item = reader.next()) instanceof Incoming.Chunk c) {
            chunks.add(c);
            reassembled.write(c.data());
            assertTrue(reader.bufferedBytes() == 0);
            if (c.last()) {
                break;
            }
        }
        assertTrue(chunks.get(0).first());
        assertTrue(chunks.stream().skip(1).allMatch(c -> !c.first()
                && c.data().length <= MessageReader.CHUNK_SIZE));
        assertTrue(chunks.size() > 3);
        assertArrayEquals(payload, reassembled.readByteArray());
        Incoming.Message after = assertInstanceOf(Incoming.Message.class, reader.next());
        assertEquals("after", after.text());
        assertNull(reader.next());
    }

    @Test
    void aMessageExactlyAtTheLimitsPassesWhole() throws IOException {
        WebSocketLimits limits = WebSocketLimits.builder().maxFrameSize(100).maxMessageSize(200)
                .streamLargeMessages(200).build();
        MessageReader reader = reader(concat(server(0x02, new byte[100]),
                server(0x80, new byte[100])), limits);
        assertEquals(200, assertInstanceOf(Incoming.Message.class, reader.next()).payload().length);
    }

    @Test
    void aSixtyFourMebibyteMessageStreamsThroughInBoundedPieces() throws IOException {
        long size = 64L * 1024 * 1024;
        GeneratedFrame frame = new GeneratedFrame(size);
        WebSocketLimits limits = WebSocketLimits.builder().streamLargeMessages(0).build();
        MessageReader reader = new MessageReader(Okio.buffer(frame), Role.CLIENT, limits, null);
        CRC32 crc = new CRC32();
        long total = 0;
        int largest = 0;
        Incoming item;
        while ((item = reader.next()) instanceof Incoming.Chunk c) {
            crc.update(c.data());
            total += c.data().length;
            largest = Math.max(largest, c.data().length);
            assertEquals(0, reader.bufferedBytes(), "nothing of the message is held");
            if (c.last()) {
                break;
            }
        }
        assertEquals(size, total);
        assertTrue(largest <= MessageReader.CHUNK_SIZE, "largest chunk " + largest);
        assertEquals(frame.payloadCrc(), crc.getValue());
        assertNull(reader.next());
    }

    @Test
    void nothingIsReadAfterACloseFrame() throws IOException {
        MessageReader reader = reader(concat(server(0x88, new byte[0]), server(0x81, utf8("x"))),
                WebSocketLimits.defaults());
        assertInstanceOf(Incoming.Close.class, reader.next());
        assertEquals(MessageReader.State.CLOSED, reader.state());
        assertThrows(IllegalStateException.class, reader::next);
    }

    @Test
    void aStreamEndingInsideAFragmentedMessageIsAnEof() throws IOException {
        MessageReader reader = reader(server(0x01, utf8("half")), WebSocketLimits.defaults());
        EOFException e = assertThrows(EOFException.class, reader::next);
        assertEquals("stream ended inside a fragmented message at offset 6, reader state [MESSAGE]",
                e.getMessage());
    }

    @Test
    void errorMessagesNameTheProblemOffsetAndStateButNoPayload() {
        MessageReader reader = reader(concat(server(0x81, utf8("fine")),
                server(0x81, utf8("secret\u00ff")), server(0x81, new byte[] {(byte) 0xff})),
                WebSocketLimits.defaults());
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class, () -> {
            reader.next();
            reader.next();
            reader.next();
        });
        assertEquals("text message is not valid UTF-8 at offset 18, reader state [MESSAGE], "
                + "close code 1007", e.getMessage());
        assertEquals(18, e.offset());
        assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
    }

    /** One masked binary frame of {@code size} pseudo-random bytes, made as it is read. */
    static final class GeneratedFrame implements Source {
        private final byte[] header;
        private final long size;
        private final Random random = new Random(64);
        private final CRC32 crc = new CRC32();
        private final byte[] block = new byte[8192];
        private long headerSent;
        private long payloadSent;

        GeneratedFrame(long size) {
            this.size = size;
            this.header = java.util.Arrays.copyOf(Raw.frame(0x82, true, size, 8, new byte[0]), 14);
        }

        @Override
        public long read(Buffer sink, long byteCount) {
            if (headerSent < header.length) {
                int n = (int) Math.min(byteCount, header.length - headerSent);
                sink.write(header, (int) headerSent, n);
                headerSent += n;
                return n;
            }
            if (payloadSent == size) {
                return -1;
            }
            int n = (int) Math.min(Math.min(byteCount, block.length), size - payloadSent);
            random.nextBytes(block);
            crc.update(block, 0, n);
            byte[] masked = java.util.Arrays.copyOf(block, n);
            Masking.apply(masked, 0, n, Raw.KEY, payloadSent);
            sink.write(masked);
            payloadSent += n;
            return n;
        }

        long payloadCrc() {
            return crc.getValue();
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() {}
    }
}
