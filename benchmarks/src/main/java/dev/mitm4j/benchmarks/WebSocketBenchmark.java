package dev.mitm4j.benchmarks;

import dev.mitm4j.http.internal.websocket.FrameWriter;
import dev.mitm4j.http.internal.websocket.Incoming;
import dev.mitm4j.http.internal.websocket.MessageDeflater;
import dev.mitm4j.http.internal.websocket.MessageInflater;
import dev.mitm4j.http.internal.websocket.MessageReader;
import dev.mitm4j.http.internal.websocket.MessageWriter;
import dev.mitm4j.http.internal.websocket.Opcodes;
import dev.mitm4j.http.internal.websocket.Role;
import dev.mitm4j.http.internal.websocket.WebSocketLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The WebSocket codec's throughput. Every operation handles 1 MiB of message payload, so ops/s
 * reads as MiB/s on one thread:
 *
 * <ul>
 *   <li>{@code readMasked}: parse and unmask client frames (binary messages of
 *       {@code messageSize} bytes, one frame each) with {@link MessageReader}, the work on the
 *       proxy's client leg before any decompression;
 *   <li>{@code writeMasked}: the reverse on the server leg: frame and mask with a fresh
 *       {@code SecureRandom} key per frame;
 *   <li>{@code inflate}: read permessage-deflate messages (JSON-like text, context takeover),
 *       decompressing and checking UTF-8;
 *   <li>{@code deflate}: compress and frame the same messages as a server.
 * </ul>
 *
 * The 1 MiB is cut into consecutive, different messages (random bytes for binary, a stream of
 * JSON records for text), so that compression meets real work rather than repeats. The wire
 * bytes are built once; each read copies them into a fresh okio {@link Buffer} (as a socket read
 * would) and reads them with a new reader. State per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WebSocketBenchmark {
    private static final int MIB = 1024 * 1024;

    /** The size of each message (and frame): small chat-like frames or bulk frames. */
    @Param({"128", "16384", "1048576"})
    public int messageSize;

    private byte[] masked;
    private byte[] compressed;
    private byte[][] binary;
    private byte[][] text;
    private Buffer sink;
    private MessageWriter maskingWriter;
    private MessageWriter deflatingWriter;

    @Setup(Level.Trial)
    public void build() throws IOException {
        byte[] noise = new byte[MIB];
        new Random(1).nextBytes(noise);
        binary = slices(noise, messageSize);
        text = slices(jsonLike(MIB), messageSize);
        Buffer wire = new Buffer();
        MessageWriter client = new MessageWriter(wire, Role.CLIENT, null, MIB,
                FrameWriter.secureKeys());
        for (byte[] message : binary) {
            client.writeMessage(Opcodes.BINARY, message);
        }
        masked = wire.readByteArray();
        MessageWriter server = new MessageWriter(wire, Role.SERVER,
                new MessageDeflater(false, 15), MIB, FrameWriter.secureKeys());
        for (byte[] message : text) {
            server.writeMessage(Opcodes.TEXT, message);
        }
        compressed = wire.readByteArray();
        sink = new Buffer();
        maskingWriter = new MessageWriter(sink, Role.CLIENT, null, MIB, FrameWriter.secureKeys());
        deflatingWriter = new MessageWriter(sink, Role.SERVER, new MessageDeflater(false, 15),
                MIB, FrameWriter.secureKeys());
        if (readMasked() != MIB || inflate() != MIB) {
            throw new IllegalStateException("the benchmark data does not read back");
        }
    }

    /** {@return the payload bytes read (1 MiB)} */
    @Benchmark
    public long readMasked() throws IOException {
        return readAll(masked, Role.CLIENT, null);
    }

    /** {@return the wire bytes written} */
    @Benchmark
    public long writeMasked() throws IOException {
        sink.clear();
        for (byte[] message : binary) {
            maskingWriter.writeMessage(Opcodes.BINARY, message);
        }
        return sink.size();
    }

    /** {@return the decompressed payload bytes read (1 MiB)} */
    @Benchmark
    public long inflate() throws IOException {
        return readAll(compressed, Role.SERVER, new MessageInflater(false));
    }

    /** {@return the compressed wire bytes written} */
    @Benchmark
    public long deflate() throws IOException {
        sink.clear();
        for (byte[] message : text) {
            deflatingWriter.writeMessage(Opcodes.TEXT, message);
        }
        return sink.size();
    }

    private static long readAll(byte[] wire, Role sender, MessageInflater inflater)
            throws IOException {
        long total = 0;
        try (MessageReader reader = new MessageReader(new Buffer().write(wire), sender,
                WebSocketLimits.defaults(), inflater)) {
            Incoming item;
            while ((item = reader.next()) != null) {
                total += ((Incoming.Message) item).payload().length;
            }
        }
        return total;
    }

    /** {@return consecutive pieces of {@code size} bytes: every message differs} */
    private static byte[][] slices(byte[] all, int size) {
        byte[][] out = new byte[all.length / size][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(all, i * size, (i + 1) * size);
        }
        return out;
    }

    /** JSON records with varying numbers and words: compresses about 3:1, like real traffic. */
    private static byte[] jsonLike(int size) {
        Random random = new Random(2);
        String[] words = {"price", "ticker", "volume", "bid", "ask", "time", "venue", "side"};
        StringBuilder s = new StringBuilder(size + 64);
        while (s.length() < size) {
            s.append("{\"").append(words[random.nextInt(words.length)]).append("\":")
                    .append(random.nextInt(100_000)).append(",\"id\":\"")
                    .append(Long.toHexString(random.nextLong())).append("\"}\n");
        }
        s.setLength(size);
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
