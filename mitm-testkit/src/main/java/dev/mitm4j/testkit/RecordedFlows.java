package dev.mitm4j.testkit;

import dev.mitm4j.core.Addon;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.testkit.internal.FlowLines;
import dev.mitm4j.testkit.internal.Recorder;
import dev.mitm4j.replay.FlowWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP flows a proxy finished (with a response or an error), oldest first, in a bounded ring.
 *
 * <p>A flow is recorded when the proxy fires {@code response} or {@code error} for it, after the
 * addons configured before the recorder ran, so a client that got its response will find the flow.
 * When the ring is full the oldest flow is evicted and counted; an assertion whose answer could
 * depend on an evicted flow fails and says so instead of passing. {@link #clear()} empties the ring
 * and resets that count.
 *
 * <p>Failures are {@link AssertionError}s listing the retained flows, one line each.
 *
 * <p>Threads: safe for concurrent use; the proxy records from its connection threads while tests
 * query. The flows returned are the live objects: read them, do not change them.
 */
public final class RecordedFlows {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final ArrayDeque<HttpFlow> ring;
    private long evicted;

    /**
     * Creates an empty ring.
     *
     * @param capacity how many flows to keep
     * @throws IllegalArgumentException when {@code capacity < 1}
     */
    public RecordedFlows(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity < 1: " + capacity);
        }
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** {@return an addon that records into this ring; add it last so it sees the final flow} */
    public Addon addon() {
        return Recorder.of(this::record);
    }

    /** Appends {@code flow}, evicting the oldest when full. */
    public void record(HttpFlow flow) {
        lock.lock();
        try {
            if (ring.size() == capacity) {
                ring.removeFirst();
                evicted++;
            }
            ring.addLast(flow);
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** {@return the retained flows, oldest first (a snapshot)} */
    public List<HttpFlow> all() {
        lock.lock();
        try {
            return List.copyOf(ring);
        } finally {
            lock.unlock();
        }
    }

    /** {@return how many flows were evicted since creation or the last {@link #clear()}} */
    public long evicted() {
        lock.lock();
        try {
            return evicted;
        } finally {
            lock.unlock();
        }
    }

    /** {@return the ring's capacity} */
    public int capacity() {
        return capacity;
    }

    /**
     * {@return the most recently finished flow}
     *
     * @throws AssertionError when no flow was recorded
     */
    public HttpFlow last() {
        lock.lock();
        try {
            if (ring.isEmpty()) {
                throw failure("expected a flow, but none was recorded");
            }
            return ring.getLast();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return the retained flows matching a mitmproxy filter expression, oldest first}
     *
     * @throws dev.mitm4j.filter.FilterSyntaxException when the expression is malformed
     */
    public List<HttpFlow> matching(String filter) {
        return matching(FlowFilter.parse(filter));
    }

    /** {@return the retained flows matching {@code filter}, oldest first} */
    public List<HttpFlow> matching(FlowFilter filter) {
        return all().stream().filter(filter).toList();
    }

    /**
     * Asserts that no flow matches. Fails when flows were evicted, since absence cannot be proven.
     *
     * @throws AssertionError listing the flows when one matches or flows were evicted
     */
    public void assertNone(String filter) {
        FlowFilter f = FlowFilter.parse(filter);
        lock.lock();
        try {
            if (evicted > 0) {
                throw failure("cannot prove that no flow matches " + f.expression() + ": "
                        + evictedNote());
            }
            if (ring.stream().anyMatch(f)) {
                throw failure("expected no flow matching " + f.expression());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #await(FlowFilter, Duration)} with a parsed expression. */
    public HttpFlow await(String filter, Duration timeout) throws InterruptedException {
        return await(FlowFilter.parse(filter), timeout);
    }

    /**
     * Waits until a flow matching {@code filter} is recorded and returns the first (oldest) one.
     * Returns at once when a retained flow matches already.
     *
     * @throws AssertionError when none matches within {@code timeout}, or when none of the retained
     *     flows matches but flows were evicted (the first match may be among them)
     * @throws InterruptedException when interrupted while waiting
     */
    public HttpFlow await(FlowFilter filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                HttpFlow hit = firstMatch(filter);
                if (hit != null) {
                    return hit;
                }
                if (evicted > 0) {
                    throw failure("no retained flow matches " + filter.expression()
                            + " and the first match may have been evicted: " + evictedNote());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw failure("no flow matching " + filter.expression() + " within "
                            + timeout);
                }
                added.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private @Nullable HttpFlow firstMatch(FlowFilter filter) {
        for (HttpFlow flow : ring) {
            if (filter.test(flow)) {
                return flow;
            }
        }
        return null;
    }

    /**
     * Writes the retained flows to {@code file} in mitmproxy's flow format version
     * {@value FlowWriter#CURRENT_VERSION}, which mitmproxy 10.2 and later read
     * ({@code mitmproxy -r}) as does {@code FlowReader}, replacing the file; handy to keep the
     * traffic of a failing test.
     *
     * @throws IOException when the file cannot be written
     */
    public void save(Path file) throws IOException {
        save(file, FlowWriter.CURRENT_VERSION);
    }

    /**
     * Like {@link #save(Path)} in format {@code formatVersion}: {@value FlowWriter#CURRENT_VERSION}
     * or {@value FlowWriter#MITMPROXY_8_VERSION}, which mitmproxy 8.1 (Debian 12) and later read.
     *
     * @throws IllegalArgumentException for any other version, naming the accepted ones (before
     *     the file is touched)
     * @throws IOException when the file cannot be written
     */
    public void save(Path file, int formatVersion) throws IOException {
        try (FlowWriter writer = FlowWriter.open(file, false, formatVersion)) {
            for (HttpFlow flow : all()) {
                writer.add(flow);
            }
        }
    }

    /** Forgets every retained flow and the evicted count. */
    public void clear() {
        lock.lock();
        try {
            ring.clear();
            evicted = 0;
        } finally {
            lock.unlock();
        }
    }

    private String evictedNote() {
        return evicted + " flow(s) evicted from a ring of " + capacity
                + " (raise maxFlows or call clear() before the traffic)";
    }

    private AssertionError failure(String message) {
        return new AssertionError(message + "\n" + FlowLines.describe(List.copyOf(ring), evicted));
    }

    @Override
    public String toString() {
        return "RecordedFlows[" + all().size() + " of " + capacity + ", evicted " + evicted() + "]";
    }
}
