package dev.mitm4j.core.internal;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cap on client connections open at once, shared by every listener of one server: the
 * option {@code connection_limit}, or a default derived from the limit of open files and the
 * heap. A connection accepted over the cap is closed at once, before any byte is read or
 * written, so that a flood of connections costs a descriptor for a moment instead of the heap.
 *
 * <p>The refusals are logged at WARN once per streak (the first refusal after a time under the
 * cap), and at INFO how many were refused when a connection is admitted again. Thread-safe.
 */
public final class ConnectionLimit {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);

    /** Descriptors kept free for everything but client connections, at most. */
    static final int RESERVED_DESCRIPTORS = 128;
    /** Heap set aside per connection in the default: its buffers, thread and flow objects. */
    static final long HEAP_PER_CONNECTION = 128 * 1024;
    /** The default in words, for the option's help. */
    public static final String DEFAULT_FORMULA = "the smaller of (open-file limit - "
            + RESERVED_DESCRIPTORS + ") / 2, as each connection may hold an upstream socket too, "
            + "and max heap / " + HEAP_PER_CONNECTION / 1024 + " KiB";

    private final int limit;
    private final long descriptors;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refusedInStreak = new AtomicLong();

    ConnectionLimit(int limit, long descriptors) {
        if (limit < 1) {
            throw new IllegalArgumentException("connection_limit < 1: " + limit);
        }
        this.limit = limit;
        this.descriptors = descriptors;
    }

    /** {@return the cap for {@code connection_limit} (empty: derived from this process)} */
    static ConnectionLimit of(java.util.OptionalInt option) {
        long descriptors = descriptorLimit();
        return new ConnectionLimit(option.isPresent() ? option.getAsInt()
                : defaultFor(descriptors, Runtime.getRuntime().maxMemory()), descriptors);
    }

    /**
     * {@return the default cap for a process that may open {@code descriptors} files (-1:
     * unknown) and has {@code maxHeap} bytes of heap}: half of the descriptors left after a
     * reserve (a quarter of them, at most {@value #RESERVED_DESCRIPTORS}), since a client
     * connection usually holds a server connection too, and no more than the heap carries at
     * {@value #HEAP_PER_CONNECTION} bytes each; at least 1
     */
    static int defaultFor(long descriptors, long maxHeap) {
        long byHeap = maxHeap / HEAP_PER_CONNECTION;
        long byDescriptors = descriptors < 0 ? Long.MAX_VALUE
                : (descriptors - Math.min(RESERVED_DESCRIPTORS, descriptors / 4)) / 2;
        return (int) Math.clamp(Math.min(byHeap, byDescriptors), 1, 1 << 30);
    }

    /** {@return this process's limit of open files (RLIMIT_NOFILE), or -1 when unknown} */
    static long descriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** {@return the cap} */
    public int limit() {
        return limit;
    }

    /** {@return the open-file limit of this process when the server was built, -1: unknown} */
    public long descriptors() {
        return descriptors;
    }

    /** {@return the number of admitted connections not yet released} */
    public int open() {
        return open.get();
    }

    /**
     * Takes a slot for a new connection; pair a true answer with {@link #release()}.
     *
     * @return false when the cap is reached (the caller closes the connection)
     */
    public boolean tryAcquire() {
        int now = open.incrementAndGet();
        if (now <= limit) {
            long refused = refusedInStreak.getAndSet(0);
            if (refused > 0) {
                LOG.info("under connection_limit again: accepting connections; {} refused "
                        + "meanwhile", refused);
            }
            return true;
        }
        open.decrementAndGet();
        if (refusedInStreak.getAndIncrement() == 0) {
            LOG.warn("connection_limit reached: {} client connections are open; new connections "
                    + "are closed at once until some end (raise the option connection_limit, "
                    + "or the open-file limit it is derived from)", limit);
        }
        return false;
    }

    /** Gives back the slot of a connection that ended. */
    public void release() {
        open.decrementAndGet();
    }
}
