package dev.mitm4j.core.internal;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of bodies the flows in progress on one server may hold in memory together: the
 * option {@code body_memory_budget}, by default a quarter of the maximum heap. A body is buffered
 * only while its bytes fit in what is left; one that does not fit (or would outgrow a Java array)
 * is streamed instead, so that no body size can exhaust the heap or be dropped.
 *
 * <p>Each flow in progress holds a {@link Reservation}: the bytes its buffered bodies took, given
 * back when the flow ends. Thread-safe.
 */
public final class BodyBudget {
    /** The largest body one flow can hold: the longest byte array a JVM allocates. */
    public static final long LARGEST_BODY = Integer.MAX_VALUE - 8;
    /** The default budget is the maximum heap divided by this. */
    static final int HEAP_SHARE = 4;
    /** The default in words, for the option's help. */
    public static final String DEFAULT_FORMULA = "a quarter of the maximum heap (-Xmx)";

    private final long budget;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("body_memory_budget < 0: " + budget);
        }
        this.budget = budget;
    }

    /** {@return the budget for {@code body_memory_budget} (empty: the default)} */
    public static BodyBudget of(OptionalLong option) {
        return new BodyBudget(option.isPresent() ? option.getAsLong()
                : Runtime.getRuntime().maxMemory() / HEAP_SHARE);
    }

    /** {@return the budget in bytes} */
    public long budget() {
        return budget;
    }

    /** {@return the bytes held by buffered bodies now} */
    public long used() {
        return used.get();
    }

    /** {@return a new, empty reservation for one flow} */
    public Reservation reservation() {
        return new Reservation();
    }

    private boolean tryTake(long bytes) {
        while (true) {
            long now = used.get();
            if (bytes > budget - now) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /**
     * The bytes one flow's buffered bodies hold. Used by the flow's connection thread; only
     * {@link #close()} may come from another thread (it is idempotent).
     */
    public final class Reservation implements AutoCloseable {
        private final AtomicLong held = new AtomicLong();

        private Reservation() {}

        /**
         * Takes {@code bytes} more for this flow.
         *
         * @return false, taking nothing, when they do not fit in the budget's free part
         */
        public boolean tryTake(long bytes) {
            if (!BodyBudget.this.tryTake(bytes)) {
                return false;
            }
            held.addAndGet(bytes);
            return true;
        }

        /** Gives back {@code bytes} taken before (a buffered prefix that is streamed after all). */
        public void giveBack(long bytes) {
            held.addAndGet(-bytes);
            used.addAndGet(-bytes);
        }

        /** {@return the budget this reservation draws from, in bytes} */
        public long budget() {
            return budget;
        }

        /** Gives back everything this flow took. */
        @Override
        public void close() {
            used.addAndGet(-held.getAndSet(0));
        }
    }
}
