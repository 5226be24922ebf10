package dev.mitm4j.replay.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to one dict of a flow state, as decoded by {@link TNetParser}; every accessor
 * throws {@link BadStateException} naming the key (with the dict's path) when the value has the
 * wrong type. Byte strings and str are accepted interchangeably where mitmproxy changed one into
 * the other over the versions: bytes are read as ISO-8859-1 for wire fields (one char per byte,
 * the model's convention) and UTF-8 for text fields.
 */
public final class State {
    private final Map<String, @Nullable Object> map;
    private final String path;

    /** Wraps {@code map}, which is known as {@code path} in messages ("client_conn"). */
    public State(Map<String, @Nullable Object> map, String path) {
        this.map = map;
        this.path = path;
    }

    /** {@return a wrapper of {@code value}, which must be a dict} */
    @SuppressWarnings("unchecked")
    public static State of(@Nullable Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            return new State((Map<String, @Nullable Object>) m, path);
        }
        throw new BadStateException(path + " is not a dict");
    }

    /** {@return the underlying map} */
    public Map<String, @Nullable Object> map() {
        return map;
    }

    /** {@return whether the key is present (even with a null value)} */
    public boolean has(String key) {
        return map.containsKey(key);
    }

    /** {@return the raw value, null when absent or null} */
    public @Nullable Object raw(String key) {
        return map.get(key);
    }

    /** {@return the nested dict at {@code key}, or null when absent or null} */
    public @Nullable State dict(String key) {
        Object v = map.get(key);
        return v == null ? null : of(v, path + "." + key);
    }

    /** {@return the nested dict at {@code key}, which must be present} */
    public State requireDict(String key) {
        State s = dict(key);
        if (s == null) {
            throw missing(key);
        }
        return s;
    }

    /** {@return the list at {@code key}, or null} */
    public @Nullable List<@Nullable Object> list(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<@Nullable Object> list = (List<@Nullable Object>) l;
            return list;
        }
        throw wrong(key, "a list");
    }

    /** {@return a text field (str, or bytes as UTF-8), or null} */
    public @Nullable String text(String key) {
        return text(map.get(key), key);
    }

    /** {@return a text field that must be present} */
    public String requireText(String key) {
        String s = text(key);
        if (s == null) {
            throw missing(key);
        }
        return s;
    }

    /** {@return a wire field (bytes as ISO-8859-1, or str), or null} */
    public @Nullable String latin1(String key) {
        Object v = map.get(key);
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        return text(v, key);
    }

    /** {@return a wire field that must be present} */
    public String requireLatin1(String key) {
        String s = latin1(key);
        if (s == null) {
            throw missing(key);
        }
        return s;
    }

    /** {@return a bytes field (str as UTF-8), or null} */
    public byte @Nullable [] bytes(String key) {
        Object v = map.get(key);
        if (v == null || v instanceof byte[]) {
            return (byte[]) v;
        }
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        throw wrong(key, "bytes");
    }

    /** {@return an integer field, or {@code fallback} when absent or null} */
    public long integer(String key, long fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Long n) {
            return n;
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return d.longValue();
        }
        throw wrong(key, "an integer");
    }

    /** {@return a boolean field (Python truthiness for numbers), or {@code fallback}} */
    public boolean bool(String key, boolean fallback) {
        Object v = map.get(key);
        return switch (v) {
            case null -> fallback;
            case Boolean b -> b;
            case Long n -> n != 0;
            default -> throw wrong(key, "a boolean");
        };
    }

    /** {@return a timestamp (float seconds, microsecond precision), or null} */
    public @Nullable Instant instant(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return instant(n.doubleValue());
        }
        throw wrong(key, "a timestamp");
    }

    /** {@return {@code seconds} since the epoch rounded to the microsecond} */
    public static Instant instant(double seconds) {
        long micros = Math.round(seconds * 1e6);
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** {@return {@code instant} as float seconds, the file format's timestamps} */
    public static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private @Nullable String text(@Nullable Object v, String key) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case byte[] b -> new String(b, StandardCharsets.UTF_8);
            default -> throw wrong(key, "a string");
        };
    }

    /** {@return an exception for a missing key} */
    public BadStateException missing(String key) {
        return new BadStateException(path + "." + key + " is missing");
    }

    /** {@return an exception for a value of the wrong type} */
    public BadStateException wrong(String key, String expected) {
        return new BadStateException(path + "." + key + " is not " + expected);
    }
}
