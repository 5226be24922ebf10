package dev.mitm4j.core.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import okio.BufferedSink;
import okio.BufferedSource;
import org.junit.jupiter.api.Test;

/**
 * The large-read and large-write adapters: every byte through, 64 KiB per call while bytes
 * stream in, and only 2 KiB for a read that may wait: one after a read that brought little, or
 * any while the source's waiting flag is up.
 */
class SocketStreamsTest {
    private static final int K = 1024;

    @Test
    void aFirstReadTakes2KibAndReadsTake64KibWhileBytesStreamIn() throws IOException {
        byte[] data = bytes(300 * K);
        RecordingInput in = new RecordingInput(data, Integer.MAX_VALUE);
        BufferedSource source = SocketStreams.source(in);

        assertArrayEquals(data, source.readByteArray(data.length));
        // 2 KiB, then 4 x 64 KiB full and a last 42 KiB.
        assertEquals(List.of(2 * K, 64 * K, 64 * K, 64 * K, 64 * K, 64 * K), in.asked);
    }

    @Test
    void whileWaitingForThePeerAReadTakes2KibEvenAfterLargeOnes() throws IOException {
        byte[] data = bytes(100 * K);
        RecordingInput in = new RecordingInput(data, Integer.MAX_VALUE);
        AtomicBoolean waiting = new AtomicBoolean();
        BufferedSource source = SocketStreams.source(in, waiting::get);
        assertArrayEquals(data, source.readByteArray(data.length));
        assertEquals(List.of(2 * K, 64 * K, 64 * K), in.asked);   // the last brought 34 KiB

        waiting.set(true);
        assertFalse(source.request(1));
        assertEquals(2 * K, in.asked.getLast());
    }

    @Test
    void whileWaitingAFilledReadIsFollowedByALargeOne() throws IOException {
        byte[] data = bytes(10 * K);
        RecordingInput in = new RecordingInput(data, Integer.MAX_VALUE);
        BufferedSource source = SocketStreams.source(in, () -> true);

        assertArrayEquals(data, source.readByteArray(data.length));
        assertEquals(List.of(2 * K, 64 * K), in.asked);
    }

    @Test
    void aPeerThatSendsLittleIsReadIn2KibArrays() throws IOException {
        byte[] data = bytes(10 * K);
        RecordingInput in = new RecordingInput(data, 1000);
        BufferedSource source = SocketStreams.source(in);

        assertArrayEquals(data, source.readByteArray(data.length));
        assertEquals(List.of(2 * K), in.asked.stream().distinct().toList());
    }

    @Test
    void aMessageThatFitsIn2KibArrivesInOneRead() throws IOException {
        byte[] head = "HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
        byte[] data = new byte[head.length + K];
        System.arraycopy(head, 0, data, 0, head.length);
        RecordingInput in = new RecordingInput(data, Integer.MAX_VALUE);
        BufferedSource source = SocketStreams.source(in);

        assertArrayEquals(data, source.readByteArray(data.length));
        assertEquals(List.of(2 * K), in.asked);
    }

    @Test
    void writesGatherUpTo64KibPerCall() throws IOException {
        byte[] data = bytes(200 * K);
        RecordingOutput out = new RecordingOutput();
        BufferedSink sink = SocketStreams.sink(out);
        sink.write(data).flush();

        assertArrayEquals(data, out.bytes.toByteArray());
        assertEquals(List.of(64 * K, 64 * K, 64 * K, 8 * K), out.writes);
    }

    @Test
    void aSmallMessageIsWrittenInOneCall() throws IOException {
        RecordingOutput out = new RecordingOutput();
        BufferedSink sink = SocketStreams.sink(out);
        sink.writeUtf8("GET / HTTP/1.1\r\nHost: a\r\n\r\n").write(bytes(K)).flush();

        assertEquals(List.of(27 + K), out.writes);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Serves {@code data} at most {@code perRead} bytes at a time; records each length asked. */
    private static final class RecordingInput extends InputStream {
        final List<Integer> asked = new ArrayList<>();
        private final byte[] data;
        private final int perRead;
        private int pos;

        RecordingInput(byte[] data, int perRead) {
            this.data = data;
            this.perRead = perRead;
        }

        @Override
        public int read() {
            throw new AssertionError("single-byte reads are not expected");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            asked.add(len);
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, perRead), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static final class RecordingOutput extends OutputStream {
        final List<Integer> writes = new ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            throw new AssertionError("single-byte writes are not expected");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(len);
            bytes.write(b, off, len);
        }
    }
}
