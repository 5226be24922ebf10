package dev.mitm4j.replay;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.TcpFlow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code save_stream_file} ({@code -w}) addon: every flow that ends (an HTTP response or
 * error, a TCP connection's end or error) and matches {@code save_stream_filter} is appended
 * to the file as one record, written whole and flushed, so the file is readable at any moment
 * and after a crash. A leading {@code +} appends to an existing file; otherwise the file is
 * truncated when the option is set. The format is {@code flow_format_version} (21 by default,
 * 17 for mitmproxy 8.1) unless a version is given to the constructor. Not supported:
 * mitmproxy's strftime patterns in the file name. Thread-safe.
 */
public final class SaveStream implements Addon {
    private static final Logger LOG = LoggerFactory.getLogger(SaveStream.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final int fixedVersion;
    private @Nullable FlowWriter writer;
    private @Nullable String file;
    private @Nullable FlowFilter filter;

    /** Creates the addon writing the format {@code flow_format_version} names. */
    public SaveStream() {
        this.fixedVersion = 0;
    }

    /**
     * Creates the addon writing format {@code version} whatever the options say.
     *
     * @throws IllegalArgumentException unless 17 or 21
     */
    public SaveStream(int version) {
        if (version != 17 && version != FlowWriter.CURRENT_VERSION) {
            throw new IllegalArgumentException("flow format version must be 17 or 21: "
                    + version);
        }
        this.fixedVersion = version;
    }

    /**
     * Opens (or closes) the file named by {@code save_stream_file}.
     *
     * @throws UncheckedIOException when the file cannot be opened
     * @throws dev.mitm4j.filter.FilterSyntaxException when the filter does not parse
     */
    @Override
    public void configure(Options options) {
        String wanted = options.saveStreamFile();
        String expr = options.saveStreamFilter();
        FlowFilter f = expr == null || expr.isBlank() ? null : FlowFilter.parse(expr);
        lock.lock();
        try {
            filter = f;
            if (Objects.equals(wanted, file)) {
                return;
            }
            closeWriter();
            file = wanted;
            if (wanted != null && !wanted.isEmpty()) {
                boolean append = wanted.startsWith("+");
                Path path = Path.of(append ? wanted.substring(1) : wanted);
                writer = FlowWriter.open(path, append,
                        fixedVersion != 0 ? fixedVersion : options.flowFormatVersion());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("save_stream_file: cannot open " + wanted, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void response(HttpFlow flow) {
        save(flow);
    }

    @Override
    public void error(HttpFlow flow) {
        if (flow.response() == null) {
            save(flow);
        }
    }

    @Override
    public void tcpEnd(TcpFlow flow) {
        save(flow);
    }

    @Override
    public void tcpError(TcpFlow flow) {
        save(flow);
    }

    @Override
    public void done() {
        lock.lock();
        try {
            closeWriter();
            file = null;
        } finally {
            lock.unlock();
        }
    }

    private void save(Flow flow) {
        FlowWriter w;
        FlowFilter f;
        lock.lock();
        try {
            w = writer;
            f = filter;
        } finally {
            lock.unlock();
        }
        if (w == null || (f != null && !f.test(flow))) {
            return;
        }
        try {
            w.add(flow);
        } catch (IOException e) {
            LOG.error("save_stream_file: cannot write flow {}: {}", flow.id(), e.toString());
        }
    }

    private void closeWriter() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("save_stream_file: error closing {}: {}", file, e.toString());
            }
            writer = null;
        }
    }
}
