package dev.mitm4j.replay;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.HttpFlow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/**
 * The {@code hardump} addon: remembers every HTTP flow that ends (response or error) and
 * matches {@code save_stream_filter}, and writes them as one HAR file when the server is done.
 * A name ending in {@code .zhar} is zlib-compressed; {@code -} writes to standard output.
 * Memory grows with the number of flows, as in mitmproxy. Thread-safe.
 *
 * <p>As with {@link SaveStream}, a flow that failed after its response head arrived is kept (with
 * that head), a flow is written once even when an {@code error} follows its {@code response},
 * and flows still in progress when the server is done come last, as they are.
 */
public final class HarDump implements Addon {
    private final ReentrantLock lock = new ReentrantLock();
    /** Ended flows, each once (flows compare by identity), in the order they ended. */
    private final Set<HttpFlow> flows = new LinkedHashSet<>();
    private final Set<HttpFlow> inProgress = new LinkedHashSet<>();
    private String path = "";
    private @Nullable FlowFilter filter;

    /** Creates the addon; it does nothing until {@code hardump} is set. */
    public HarDump() {}

    @Override
    public void configure(Options options) {
        String expr = options.saveStreamFilter();
        lock.lock();
        try {
            path = options.hardump();
            filter = expr == null || expr.isBlank() ? null : FlowFilter.parse(expr);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void requestHeaders(HttpFlow flow) {
        lock.lock();
        try {
            if (!path.isEmpty() && flow.live()) {
                inProgress.add(flow);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void response(HttpFlow flow) {
        remember(flow);
    }

    @Override
    public void error(HttpFlow flow) {
        remember(flow);
    }

    /** Keeps {@code flow} once, in the order flows ended. */
    private void remember(HttpFlow flow) {
        lock.lock();
        try {
            inProgress.remove(flow);
            if (!path.isEmpty() && (filter == null || filter.test(flow))) {
                flows.add(flow);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the HAR file.
     *
     * @throws UncheckedIOException when it cannot be written
     */
    @Override
    public void done() {
        List<HttpFlow> snapshot;
        String target;
        lock.lock();
        try {
            for (HttpFlow flow : inProgress) {
                if (filter == null || filter.test(flow)) {
                    flows.add(flow);
                }
            }
            inProgress.clear();
            snapshot = List.copyOf(flows);
            target = path;
        } finally {
            lock.unlock();
        }
        if (target.isEmpty()) {
            return;
        }
        try {
            if (target.equals("-")) {
                HarFiles.write(snapshot, new NonClosing(System.out));
                return;
            }
            try (OutputStream out = open(Path.of(target))) {
                HarFiles.write(snapshot, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("hardump: cannot write " + target, e);
        }
    }

    private static OutputStream open(Path path) throws IOException {
        OutputStream out = Files.newOutputStream(path);
        return path.toString().endsWith(".zhar")
                ? new DeflaterOutputStream(out, new Deflater(9)) : out;
    }

    /** Standard output must stay open after the HAR is written. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
