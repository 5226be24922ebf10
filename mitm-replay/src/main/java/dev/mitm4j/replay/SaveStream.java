package dev.mitm4j.replay;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.TcpFlow;
import dev.mitm4j.replay.internal.Downgrades;
import dev.mitm4j.replay.internal.Strftime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code save_stream_file} ({@code -w}) addon: every flow that ends (an HTTP response or
 * error, a TCP connection's end or error) and matches {@code save_stream_filter} is appended
 * to the file as one record, written whole and flushed, so the file is readable at any moment
 * and after a crash. A leading {@code +} appends to an existing file; otherwise the file is
 * truncated when it is opened. The format is {@code flow_format_version} (21 by default, 17 for
 * mitmproxy 8.1) unless a version is given to the constructor.
 *
 * <p><b>Every flow is saved</b>, as by mitmproxy's save addon:
 * <ul>
 *   <li>A flow that fails after its response head arrived (a reset, bad chunking, a short or
 *       stalled body) is saved at its {@code error} event, with that head and the error. A flow
 *       saved at {@code response} is not saved again by a later {@code error}.
 *   <li>Flows still in progress when the server is {@linkplain #done() done} (after the
 *       {@code shutdown_timeout} of {@code ProxyServer.close()}) are saved as they are.
 *   <li>A flow that is not {@linkplain Flow#live() live} (read from a file, as mitmdump's
 *       {@code -r} hands them over) is saved at whichever event it comes with, {@code request}
 *       included, so {@code -n -r in -w out} keeps flows without a response.
 * </ul>
 *
 * <p><b>A full disk</b> (or any failed write) loses the flows that end meanwhile, never the
 * file: the partial record is cut off again (see {@link FlowWriter}), the failure is logged once
 * per streak at ERROR, proxying goes on, and once writing works again the next flows are
 * appended and the number of flows lost is logged at WARN.
 *
 * <p>As in mitmproxy, the path may start with {@code ~} (the user's home) and may hold Python
 * strftime directives ({@code %Y-%m-%d}, {@code %H}, ...; local time): the name is expanded when
 * the option is set and again before each flow is written, and when it changes the current
 * file is closed and the new one opened (with the same {@code +} rule), so
 * {@code flows-%Y-%m-%d.mitm} rotates daily. Missing parent directories are created.
 *
 * <p>Thread-safe: flows ending on many connections are written one at a time.
 */
public final class SaveStream implements Addon {
    private static final Logger LOG = LoggerFactory.getLogger(SaveStream.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final int fixedVersion;
    private final Clock clock;
    private @Nullable FlowWriter writer;
    private @Nullable String file;
    private @Nullable Path currentPath;
    private @Nullable FlowFilter filter;
    private int version = FlowWriter.CURRENT_VERSION;
    /** Live flows that started and have not been saved yet, in the order they started. */
    private final Set<Flow> inProgress = new LinkedHashSet<>();
    /** Flows not saved since the current failure streak began; 0 while writing works. */
    private long lost;

    /** Creates the addon writing the format {@code flow_format_version} names. */
    public SaveStream() {
        this(0, Clock.systemDefaultZone());
    }

    /**
     * Creates the addon writing format {@code version} whatever the options say.
     *
     * @throws IllegalArgumentException unless 17 or 21
     */
    public SaveStream(int version) {
        this(checked(version), Clock.systemDefaultZone());
    }

    /** Tests: {@code clock} gives the time (and zone) that strftime patterns expand with. */
    SaveStream(int version, Clock clock) {
        this.fixedVersion = version;
        this.clock = clock;
    }

    private static int checked(int version) {
        return Downgrades.checked(version);
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
            version = fixedVersion != 0 ? fixedVersion : options.flowFormatVersion();
            if (wanted != null && !wanted.isEmpty()) {
                rotate(wanted);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("save_stream_file: cannot open " + wanted, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void requestHeaders(HttpFlow flow) {
        started(flow);
    }

    /** Saves a flow read from a file at once; a live one is in progress from now on. */
    @Override
    public void request(HttpFlow flow) {
        if (flow.live()) {
            started(flow);
        } else {
            ended(flow, true);
        }
    }

    @Override
    public void response(HttpFlow flow) {
        ended(flow, true);
    }

    /**
     * Saves the flow unless its {@code response} event saved it already: a flow that failed
     * after its response head arrived is saved here, head and error.
     */
    @Override
    public void error(HttpFlow flow) {
        ended(flow, false);
    }

    @Override
    public void tcpStart(TcpFlow flow) {
        started(flow);
    }

    @Override
    public void tcpEnd(TcpFlow flow) {
        ended(flow, true);
    }

    @Override
    public void tcpError(TcpFlow flow) {
        ended(flow, true);
    }

    /** Saves the flows still in progress, as they are, then closes the file. */
    @Override
    public void done() {
        lock.lock();
        try {
            List<Flow> unfinished = List.copyOf(inProgress);
            inProgress.clear();
            if (!unfinished.isEmpty() && writer != null) {
                LOG.info("save_stream_file: saving {} flow(s) still in progress",
                        unfinished.size());
            }
            unfinished.forEach(this::save);
            closeWriter();
            file = null;
        } finally {
            lock.unlock();
        }
    }

    private void started(Flow flow) {
        lock.lock();
        try {
            if (writer != null && flow.live()) {
                inProgress.add(flow);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A flow ended: saved when {@code always}, when it was in progress (not saved yet), or when
     * it has no response (an error before any response, or a flow read from a file).
     */
    private void ended(Flow flow, boolean always) {
        lock.lock();
        try {
            boolean wasInProgress = inProgress.remove(flow);
            if (always || wasInProgress || !(flow instanceof HttpFlow h) || h.response() == null) {
                save(flow);
            }
        } finally {
            lock.unlock();
        }
    }

    private void save(Flow flow) {
        lock.lock();
        try {
            String spec = file;
            if (writer == null || spec == null || (filter != null && !filter.test(flow))) {
                return;
            }
            rotate(spec);
            writer.add(flow);
            recovered();
        } catch (IOException e) {
            failed(flow, e);
        } catch (RuntimeException e) {
            // this flow cannot be encoded (or changed while it was): the file is untouched
            LOG.error("save_stream_file: cannot save flow {}: {}", flow.id(), e.toString());
        } finally {
            lock.unlock();
        }
    }

    /** The first failure of a streak is logged at ERROR, the others at DEBUG and counted. */
    private void failed(Flow flow, IOException e) {
        lost++;
        if (lost == 1) {
            LOG.error("save_stream_file: cannot write flow {} to {}: {}; flows that end until "
                    + "writing works again are not saved, proxying goes on", flow.id(),
                    currentPath, e.toString());
        } else {
            LOG.debug("save_stream_file: flow {} not saved: {}", flow.id(), e.toString());
        }
    }

    private void recovered() {
        if (lost > 0) {
            LOG.warn("save_stream_file: writing to {} works again; {} flow(s) were not saved",
                    currentPath, lost);
            lost = 0;
        }
    }

    /** Opens the file {@code spec} names now, unless it is the one open already. */
    private void rotate(String spec) throws IOException {
        if (writer != null && spec.indexOf('%') < 0) {
            return;   // no strftime directive: the name cannot change between flows
        }
        boolean append = spec.startsWith("+");
        Path path = path(append ? spec.substring(1) : spec, ZonedDateTime.now(clock));
        if (writer != null && path.equals(currentPath)) {
            return;
        }
        closeWriter();
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        writer = FlowWriter.open(path, append, version);
        currentPath = path;
    }

    /** {@return {@code spec} with {@code ~} and strftime directives expanded at {@code now}} */
    static Path path(String spec, ZonedDateTime now) {
        String expanded = spec;
        if (expanded.equals("~") || expanded.startsWith("~/")) {
            expanded = System.getProperty("user.home") + expanded.substring(1);
        }
        return Path.of(Strftime.format(expanded, now));
    }

    private void closeWriter() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("save_stream_file: error closing {}: {}", file, e.toString());
            }
            writer = null;
            currentPath = null;
        }
    }
}
