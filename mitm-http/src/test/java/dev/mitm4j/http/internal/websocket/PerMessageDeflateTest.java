package dev.mitm4j.http.internal.websocket;

import static dev.mitm4j.http.internal.websocket.Raw.server;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Pipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PerMessageDeflateTest {
    @Test
    void anInflateBombIsRefusedWith1009AfterAtMostTheMessageLimitAndBoundedMemory()
            throws IOException {
        byte[] bomb = Deflate.message(new byte[1024 * 1024], 80, 9); // 80 MiB of zeros
        assertTrue(bomb.length < 100 * 1024, "bomb of " + bomb.length + " bytes");
        MessageReader reader = new MessageReader(new Buffer().write(server(0xc2, bomb)),
                Role.SERVER, WebSocketLimits.defaults(), new MessageInflater(false));
        long delivered = 0;
        WebSocketProtocolException refused = null;
        try {
            while (true) {
                Incoming.Chunk chunk = assertInstanceOf(Incoming.Chunk.class, reader.next());
                delivered += chunk.data().length;
                assertTrue(reader.bufferedBytes() <= WebSocketLimits.DEFAULT_STREAM_LARGE_MESSAGES);
            }
        } catch (WebSocketProtocolException e) {
            refused = e;
        }
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, refused.closeCode());
        assertTrue(delivered <= WebSocketLimits.DEFAULT_MAX_MESSAGE_SIZE, "" + delivered);
    }

    @ParameterizedTest(name = "no context takeover: {0}")
    @ValueSource(booleans = {false, true})
    void messagesOfEverySizeRoundTripThroughWriterAndReaderBothWays(boolean noContext)
            throws IOException {
        Random random = new Random(7);
        for (Role sender : Role.values()) {
            Buffer wire = new Buffer();
            MessageWriter writer = new MessageWriter(wire, sender,
                    new MessageDeflater(noContext, 15), 4096, FrameWriter.secureKeys());
            MessageReader reader = new MessageReader(wire, sender, WebSocketLimits.defaults(),
                    new MessageInflater(noContext));
            for (int size : new int[] {0, 1, 5, 100, 4095, 4096, 4097, 70_000, 300_000}) {
                byte[] payload = new byte[size];
                for (int i = 0; i < size; i++) {
                    payload[i] = (byte) ('a' + random.nextInt(random.nextBoolean() ? 3 : 26));
                }
                writer.writeMessage(Opcodes.TEXT, payload);
                writer.writeMessage(Opcodes.BINARY, payload);
                for (int opcode : new int[] {Opcodes.TEXT, Opcodes.BINARY}) {
                    Incoming.Message m = assertInstanceOf(Incoming.Message.class, reader.next());
                    assertEquals(opcode, m.opcode());
                    assertArrayEquals(payload, m.payload());
                }
            }
        }
    }

    @Test
    void underASmallWindowOnlyMessagesThatFitItAreCompressedAndEachStandsAlone()
            throws IOException {
        Buffer wire = new Buffer();
        MessageDeflater deflater = new MessageDeflater(false, 9);
        MessageWriter writer = new MessageWriter(wire, Role.SERVER, deflater);
        byte[] fits = "abcabcabc".repeat(56).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tooLong = new byte[513];
        writer.writeMessage(Opcodes.BINARY, java.util.Arrays.copyOf(fits, 512));
        writer.writeMessage(Opcodes.BINARY, java.util.Arrays.copyOf(fits, 512));
        writer.writeMessage(Opcodes.BINARY, tooLong);
        FrameReader frames = new FrameReader(wire, Role.SERVER, Long.MAX_VALUE, true);
        for (int i = 0; i < 2; i++) {
            FrameHeader h = frames.readHeader();
            assertTrue(h.rsv1(), "a 512-byte message fits a 9-bit window");
            byte[] payload = new byte[(int) h.length()];
            frames.readPayload(payload, 0, payload.length);
            assertArrayEquals(java.util.Arrays.copyOf(fits, 512), inflateAlone(payload),
                    "decodable without any earlier message");
        }
        FrameHeader last = frames.readHeader();
        assertFalse(last.rsv1(), "513 bytes are sent uncompressed");
        assertEquals(513, last.length());
        assertFalse(deflater.compresses(-1), "a streamed message has no known length");
        assertTrue(new MessageDeflater(false, 15).compresses(-1));
    }

    @Test
    void aSixtyFourMebibyteCompressedMessageStreamsThroughAOneMebibytePipe() throws Exception {
        long size = 64L * 1024 * 1024;
        Pipe pipe = new Pipe(1024 * 1024);
        CRC32 sent = new CRC32();
        Thread sender = Thread.ofVirtual().start(() -> {
            try (BufferedSink sink = Okio.buffer(pipe.sink());
                    MessageWriter writer = new MessageWriter(sink, Role.CLIENT,
                            new MessageDeflater(false, 15, 1))) {
                MessageWriter.OutgoingMessage out = writer.beginMessage(Opcodes.BINARY);
                byte[] block = new byte[64 * 1024];
                Random random = new Random(9);
                for (long at = 0; at < size; at += block.length) {
                    random.nextBytes(block);
                    for (int i = 0; i < block.length; i++) {
                        block[i] &= 0x0f; // compressible, not trivially
                    }
                    sent.update(block);
                    out.write(block);
                }
                out.finish();
                writer.writeClose(CloseCodes.NORMAL, "done");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        WebSocketLimits limits = WebSocketLimits.builder().streamLargeMessages(0).build();
        CRC32 received = new CRC32();
        long total = 0;
        try (MessageReader reader = new MessageReader(Okio.buffer(pipe.source()), Role.CLIENT,
                limits, new MessageInflater(false))) {
            Incoming item;
            while ((item = reader.next()) instanceof Incoming.Chunk c) {
                assertTrue(c.data().length <= MessageReader.CHUNK_SIZE);
                assertEquals(0, reader.bufferedBytes());
                received.update(c.data());
                total += c.data().length;
            }
            assertEquals(new Incoming.Close(CloseCodes.NORMAL, "done"), item);
        }
        sender.join(60_000);
        assertEquals(size, total);
        assertEquals(sent.getValue(), received.getValue());
    }

    @Test
    void aPeerThatBreaksItsNoContextTakeoverPromiseIsRefused() throws IOException {
        byte[] stream = Raw.bytes(0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00,
                0xc1, 0x05, 0xf2, 0x00, 0x11, 0x00, 0x00);
        MessageReader reader = new MessageReader(new Buffer().write(stream), Role.SERVER,
                WebSocketLimits.defaults(), new MessageInflater(true));
        assertEquals("Hello", assertInstanceOf(Incoming.Message.class, reader.next()).text());
        WebSocketProtocolException e =
                assertThrows(WebSocketProtocolException.class, reader::next);
        assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
    }

    @Test
    void windowBitsOutsideEightToFifteenAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MessageDeflater(false, 7));
        assertThrows(IllegalArgumentException.class, () -> new MessageDeflater(false, 16));
        assertThrows(IllegalArgumentException.class,
                () -> new DeflateParameters(false, false, 15, 7));
    }

    private static byte[] inflateAlone(byte[] payload) {
        Inflater inflater = new Inflater(true);
        inflater.setInput(Raw.concat(payload, Raw.bytes(0, 0, 0xff, 0xff)));
        byte[] out = new byte[4096];
        try {
            int n = inflater.inflate(out);
            return java.util.Arrays.copyOf(out, n);
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
    }
}
