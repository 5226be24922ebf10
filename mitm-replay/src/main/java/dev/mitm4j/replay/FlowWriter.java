package dev.mitm4j.replay;

import dev.mitm4j.http.Flow;
import dev.mitm4j.replay.internal.Downgrades;
import dev.mitm4j.replay.internal.FlowStates;
import dev.mitm4j.replay.internal.RecordFile;
import dev.mitm4j.replay.internal.TNetWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes flows to a mitmproxy flow file, one tnetstring record per flow, in format version
 * {@value #CURRENT_VERSION} (mitmproxy 10.2 and later) or {@value #MITMPROXY_8_VERSION}
 * (mitmproxy 8.1, as Debian 12 ships it).
 *
 * <p><b>Durability.</b> {@link #add(Flow)} encodes the whole flow first, then writes it with
 * one call and flushes, so a killed process leaves a file whose complete records all read back
 * (at worst the last one is truncated, which {@link FlowReader} tolerates). Nothing is fsynced.
 *
 * <p><b>Failed writes.</b> A writer {@linkplain #open opened on a file} never leaves a partial
 * record in the middle of it: when a write fails part way (a full disk), {@link #add(Flow)}
 * throws after truncating the file back to the end of the last whole record (or, if truncating
 * fails too, before the next record is written), so the writer can go on once space returns
 * and the whole file still reads back. Opened to append, it first removes a record that a
 * killed writer left cut short at the end. A writer over an {@link OutputStream} cannot take
 * bytes back: after a failed write its stream should be abandoned.
 *
 * <p><b>Threads.</b> Safe for concurrent use: records never interleave (guarded by a
 * {@link ReentrantLock}, so virtual threads do not pin). Metadata values without a tnetstring
 * encoding (anything but strings, bytes, numbers, booleans, null, lists and string-keyed maps)
 * are left out with a warning; the WebSocket data of {@link dev.mitm4j.http.HttpFlow#websocket()} is written as the
 * flow's {@code websocket} field.
 */
public final class FlowWriter implements Closeable, Flushable {
    /** The format version mitmproxy 10.2 and later write: {@value}. */
    public static final int CURRENT_VERSION = FlowStates.VERSION;
    /** The format version of mitmproxy 8.1 (Debian 12): {@value}. */
    public static final int MITMPROXY_8_VERSION = 17;

    private static final Logger LOG = LoggerFactory.getLogger(FlowWriter.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final @Nullable OutputStream out;
    private final @Nullable RecordFile file;
    private final int version;

    /** Creates a writer of the current format over {@code out}, closed by {@link #close()}. */
    public FlowWriter(OutputStream out) {
        this(out, CURRENT_VERSION);
    }

    /**
     * Creates a writer of format {@code version} over {@code out}.
     *
     * @throws IllegalArgumentException unless version is 17 or 21, naming both
     */
    public FlowWriter(OutputStream out, int version) {
        this(Objects.requireNonNull(out, "out"), null, version);
    }

    private FlowWriter(@Nullable OutputStream out, @Nullable RecordFile file, int version) {
        Downgrades.checked(version);
        this.out = out;
        this.file = file;
        this.version = version;
    }

    /**
     * {@return a writer of the file at {@code path}, created if missing; appended to when
     * {@code append} (after its last whole record), else truncated}
     *
     * @throws IllegalArgumentException unless version is 17 or 21, naming both
     */
    public static FlowWriter open(Path path, boolean append, int version) throws IOException {
        Downgrades.checked(version);
        return new FlowWriter(null, RecordFile.open(path, append), version);
    }

    /** Tests: a writer over a record file whose channel may fail on purpose. */
    static FlowWriter over(RecordFile file, int version) {
        return new FlowWriter(null, file, version);
    }

    /** {@return the format version written} */
    public int version() {
        return version;
    }

    /** {@return the record bytes of {@code flow} in format {@code version}} */
    public static byte[] encode(Flow flow, int version) {
        Map<String, @Nullable Object> state = FlowStates.toState(flow, key -> LOG.warn(
                "flow {}: metadata '{}' has no tnetstring encoding and is not written",
                flow.id(), key));
        return TNetWriter.dump(Downgrades.to(version, state));
    }

    /**
     * Writes {@code flow} as one record and flushes.
     *
     * @throws IOException when the record could not be written whole (see "Failed writes")
     * @throws IllegalArgumentException for a flow type that cannot be written
     */
    public void add(Flow flow) throws IOException {
        byte[] record = encode(flow, version);
        lock.lock();
        try {
            if (file != null) {
                file.append(record);
            } else if (out != null) {
                out.write(record);
                out.flush();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        lock.lock();
        try {
            if (out != null) {
                out.flush();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (file != null) {
                file.close();
            } else if (out != null) {
                out.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
