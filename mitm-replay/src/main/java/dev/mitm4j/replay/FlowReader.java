package dev.mitm4j.replay;

import dev.mitm4j.http.Flow;
import dev.mitm4j.replay.internal.BadStateException;
import dev.mitm4j.replay.internal.FlowStates;
import dev.mitm4j.replay.internal.Migrations;
import dev.mitm4j.replay.internal.State;
import dev.mitm4j.replay.internal.TNetLimits;
import dev.mitm4j.replay.internal.TNetReader;
import dev.mitm4j.replay.internal.har.HarImporter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okio.BufferedSource;
import okio.ByteString;
import okio.Okio;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads flows from a mitmproxy flow file (a sequence of tnetstring records in any format that
 * mitmproxy reads: from mitmproxy 0.11's release tuples to version {@value FlowStates#VERSION},
 * migrated forward as mitmproxy does; 0.10 and older are a {@link FlowFileException}) or, when
 * the input starts with <code>{</code> (after an optional UTF-8 byte-order mark), from a HAR
 * file.
 *
 * <p><b>Streaming.</b> Flow files are read one record at a time: memory use is bounded by the
 * largest record (at most 256 MiB), not by the file. A HAR file is parsed whole.
 *
 * <p><b>Errors.</b> A file that ends inside its last record (a writer was killed) is not an
 * error: the reader logs a warning, adds it to {@link #warnings()} and ends after the last
 * complete flow. Any other damage — a malformed record, an unknown tag, a record that is not a
 * flow, an unsupported version — throws {@link FlowFileException} naming the byte offset.
 * Flows of types the model lacks ("udp", "dns") are skipped with a warning.
 *
 * <p>Not thread-safe. {@link #iterator()} and {@link #stream()} wrap I/O errors in
 * {@link UncheckedIOException}; both consume this reader.
 */
public final class FlowReader implements Closeable, Iterable<Flow> {
    private static final Logger LOG = LoggerFactory.getLogger(FlowReader.class);
    private static final ByteString BOM = ByteString.of((byte) 0xef, (byte) 0xbb, (byte) 0xbf);

    private final BufferedSource source;
    private final List<String> warnings = new ArrayList<>();
    private final Migrations migrations = new Migrations();
    private @Nullable TNetReader tnet;
    private @Nullable Iterator<Flow> har;
    private boolean started;
    private boolean done;

    /** Creates a reader over {@code in}, which it closes on {@link #close()}. */
    public FlowReader(InputStream in) {
        this.source = Okio.buffer(Okio.source(in));
    }

    /** {@return a reader of the file at {@code path}} */
    public static FlowReader open(Path path) throws IOException {
        return new FlowReader(Files.newInputStream(path));
    }

    /** {@return every flow of the file at {@code path}, in order} */
    public static List<Flow> readAll(Path path) throws IOException {
        try (FlowReader r = open(path)) {
            return r.readAll();
        }
    }

    /** {@return the remaining flows, in order} */
    public List<Flow> readAll() throws IOException {
        List<Flow> flows = new ArrayList<>();
        for (Flow f = read(); f != null; f = read()) {
            flows.add(f);
        }
        return flows;
    }

    /**
     * {@return the next flow, or null at the end (including after a truncated last record)}
     *
     * @throws FlowFileException when the file is damaged other than at its end
     */
    public @Nullable Flow read() throws IOException {
        if (!started) {
            start();
        }
        if (har != null) {
            return har.hasNext() ? har.next() : null;
        }
        while (!done) {
            Flow f = readRecord();
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private void start() throws IOException {
        started = true;
        long offset = 0;
        if (source.rangeEquals(0, BOM)) {
            source.skip(BOM.size());
            offset = BOM.size();
        }
        if (source.request(1) && source.getBuffer().getByte(0) == '{') {
            har = new ArrayList<Flow>(HarImporter.read(source.inputStream())).iterator();
            return;
        }
        tnet = new TNetReader(source, TNetLimits.DEFAULT, offset);
    }

    /** Reads one record; null when it was skipped or the end was reached. */
    private @Nullable Flow readRecord() throws IOException {
        TNetReader.Record record;
        try {
            record = tnet.next();
        } catch (TruncatedFlowFileException e) {
            warn(e.getMessage() + "; the flows before it were read");
            done = true;
            return null;
        }
        if (record == null) {
            done = true;
            return null;
        }
        try {
            State state = State.of(record.value(), "flow");
            Map<String, @Nullable Object> current = migrations.migrate(state.map());
            Flow flow = FlowStates.toFlow(new State(current, "flow"));
            if (flow == null) {
                warn("skipped a flow of type " + current.get("type") + " at byte offset "
                        + record.offset() + " (not supported by the model)");
            }
            return flow;
        } catch (BadStateException | IllegalArgumentException e) {
            throw new FlowFileException("not a valid flow: " + e.getMessage(), record.offset(),
                    e);
        }
    }

    private void warn(String message) {
        LOG.warn("{}", message);
        warnings.add(message);
    }

    /** {@return warnings so far (a truncated last record, skipped flow types), in order} */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public Iterator<Flow> iterator() {
        return new Iterator<>() {
            private @Nullable Flow next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = read();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public Flow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Flow f = next;
                next = null;
                return f;
            }
        };
    }

    /** {@return the remaining flows as a sequential, lazily read stream} */
    public Stream<Flow> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
