package dev.mitm4j.http.internal.http2;

import java.util.Arrays;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of one SETTINGS frame (RFC 9113 section 6.5.2, RFC 8441 section 3): only the
 * settings present in the frame, each a 32-bit unsigned value. Settings with identifiers this
 * implementation does not know are dropped when read, as section 6.5.2 requires. Values are
 * checked by {@link FrameReader} when read (out-of-range values are connection errors) and by
 * {@link #with} when set.
 *
 * <p>Immutable and thread-safe.
 */
public final class Http2Settings {
    /** SETTINGS_HEADER_TABLE_SIZE: the most the peer's HPACK encoder may use for its table. */
    public static final int HEADER_TABLE_SIZE = 0x1;
    /** SETTINGS_ENABLE_PUSH: 0 refuses server push. */
    public static final int ENABLE_PUSH = 0x2;
    /** SETTINGS_MAX_CONCURRENT_STREAMS: the most streams the peer may open at once. */
    public static final int MAX_CONCURRENT_STREAMS = 0x3;
    /** SETTINGS_INITIAL_WINDOW_SIZE: each stream's initial flow-control window. */
    public static final int INITIAL_WINDOW_SIZE = 0x4;
    /** SETTINGS_MAX_FRAME_SIZE: the largest frame payload accepted. */
    public static final int MAX_FRAME_SIZE = 0x5;
    /** SETTINGS_MAX_HEADER_LIST_SIZE: the largest field section accepted (advisory). */
    public static final int MAX_HEADER_LIST_SIZE = 0x6;
    /** SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441): 1 allows extended CONNECT. */
    public static final int ENABLE_CONNECT_PROTOCOL = 0x8;

    /** The protocol's initial table size, window size and frame size (section 6.5.2). */
    public static final int DEFAULT_HEADER_TABLE_SIZE = 4096;
    /** The initial flow-control window of streams and of the connection (section 6.9.2). */
    public static final int DEFAULT_INITIAL_WINDOW_SIZE = 65_535;
    /** The smallest SETTINGS_MAX_FRAME_SIZE and its initial value. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16_384;
    /** The largest SETTINGS_MAX_FRAME_SIZE allowed. */
    public static final int MAX_MAX_FRAME_SIZE = 16_777_215;
    /** The largest flow-control window. */
    public static final int MAX_WINDOW_SIZE = Integer.MAX_VALUE;

    private static final int SLOTS = 9;
    private static final Http2Settings EMPTY = new Http2Settings(new long[SLOTS]);

    static {
        Arrays.fill(EMPTY.values, -1);
    }

    private final long[] values; // -1: absent

    private Http2Settings(long[] values) {
        this.values = values;
    }

    /** {@return settings with none present} */
    public static Http2Settings empty() {
        return EMPTY;
    }

    /**
     * {@return these settings with {@code id} set to {@code value}}
     *
     * @throws IllegalArgumentException for an unknown id or a value out of its range
     */
    public Http2Settings with(int id, long value) {
        if (!known(id)) {
            throw new IllegalArgumentException("unknown setting id: " + id);
        }
        @Nullable String problem = problem(id, value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        long[] copy = values.clone();
        copy[id] = value;
        return new Http2Settings(copy);
    }

    /** {@return these settings without {@code id}} */
    public Http2Settings without(int id) {
        if (!has(id)) {
            return this;
        }
        long[] copy = values.clone();
        copy[id] = -1;
        return new Http2Settings(copy);
    }

    /** {@return whether the setting {@code id} is present} */
    public boolean has(int id) {
        return known(id) && values[id] >= 0;
    }

    /** {@return the value of {@code id}, or {@code otherwise} when absent} */
    public long value(int id, long otherwise) {
        return has(id) ? values[id] : otherwise;
    }

    /** {@return these settings with every setting present in {@code update} replaced} */
    public Http2Settings merge(Http2Settings update) {
        long[] copy = values.clone();
        for (int id = 0; id < SLOTS; id++) {
            if (update.values[id] >= 0) {
                copy[id] = update.values[id];
            }
        }
        return new Http2Settings(copy);
    }

    /** {@return the number of settings present} */
    public int size() {
        int n = 0;
        for (long v : values) {
            n += v >= 0 ? 1 : 0;
        }
        return n;
    }

    /** {@return the ids present, in ascending order} */
    int[] ids() {
        int[] ids = new int[size()];
        for (int id = 0, i = 0; id < SLOTS; id++) {
            if (values[id] >= 0) {
                ids[i++] = id;
            }
        }
        return ids;
    }

    static boolean known(int id) {
        return id >= HEADER_TABLE_SIZE && id <= ENABLE_CONNECT_PROTOCOL && id != 7;
    }

    /** {@return what is wrong with {@code value} for {@code id}, or null when it is valid} */
    static @Nullable String problem(int id, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            return "setting " + id + " out of 32 bits: " + value;
        }
        return switch (id) {
            case ENABLE_PUSH, ENABLE_CONNECT_PROTOCOL -> value > 1
                    ? "setting " + id + " must be 0 or 1: " + value : null;
            case INITIAL_WINDOW_SIZE -> value > MAX_WINDOW_SIZE
                    ? "SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1: " + value : null;
            case MAX_FRAME_SIZE -> value < DEFAULT_MAX_FRAME_SIZE || value > MAX_MAX_FRAME_SIZE
                    ? "SETTINGS_MAX_FRAME_SIZE outside [16384, 16777215]: " + value : null;
            default -> null;
        };
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Http2Settings s && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "Http2Settings{", "}");
        for (int id : ids()) {
            j.add(id + "=" + values[id]);
        }
        return j.toString();
    }
}
