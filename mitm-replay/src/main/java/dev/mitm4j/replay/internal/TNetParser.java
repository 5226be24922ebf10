package dev.mitm4j.replay.internal;

import dev.mitm4j.replay.FlowFileException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses tnetstrings held in memory into plain Java values: {@code ,} bytes to {@code byte[]},
 * {@code ;} (mitmproxy's UTF-8 string extension) to {@link String}, {@code #} to {@link Long},
 * {@code ^} to {@link Double}, {@code !} to {@link Boolean}, {@code ~} to null, {@code ]} to a
 * mutable {@link List} and <code>}</code> to a mutable, insertion-ordered {@link Map} whose keys
 * are strings (byte keys of old Python 2 files are decoded as UTF-8). Every error is a
 * {@link FlowFileException} naming the absolute byte offset: {@code base} plus the index.
 */
public final class TNetParser {
    private static final int MAX_LENGTH_DIGITS = 10;

    private final byte[] data;
    private final long base;
    private final int maxDepth;

    private TNetParser(byte[] data, long base, int maxDepth) {
        this.data = data;
        this.base = base;
        this.maxDepth = maxDepth;
    }

    /**
     * {@return the single value that fills {@code data} exactly}
     *
     * @param base the file offset of {@code data[0]}, for error messages
     */
    public static @Nullable Object parse(byte[] data, long base, TNetLimits limits)
            throws FlowFileException {
        TNetParser p = new TNetParser(data, base, limits.maxDepth());
        Value v = p.value(0, data.length, 0);
        if (v.end != data.length) {
            throw p.error("trailing bytes after value", v.end);
        }
        return v.value;
    }

    /** {@return a parsed tnetstring, e.g. for tests: {@code parse("5:12345#")}} */
    public static @Nullable Object parse(String tnetstring) throws FlowFileException {
        return parse(tnetstring.getBytes(StandardCharsets.UTF_8), 0, TNetLimits.DEFAULT);
    }

    private record Value(@Nullable Object value, int end) {}

    private Value value(int at, int limit, int depth) throws FlowFileException {
        long length = 0;
        int colon = at;
        while (colon < limit && data[colon] != ':') {
            byte b = data[colon];
            if (b < '0' || b > '9') {
                throw error("invalid length character 0x" + Integer.toHexString(b & 0xff),
                        colon);
            }
            if (colon - at >= MAX_LENGTH_DIGITS) {
                throw error("length prefix longer than " + MAX_LENGTH_DIGITS + " digits", at);
            }
            length = length * 10 + (b - '0');
            colon++;
        }
        if (colon == at || colon >= limit) {
            throw error(colon == at ? "missing length prefix" : "length prefix without ':'", at);
        }
        int start = colon + 1;
        if (length >= limit - start) {
            throw error("value of length " + length + " overruns its container", at);
        }
        int tag = start + (int) length;
        Object v = switch (data[tag]) {
            case ',' -> copy(start, tag);
            case ';' -> new String(data, start, tag - start, StandardCharsets.UTF_8);
            case '#' -> integer(start, tag);
            case '^' -> floating(start, tag);
            case '!' -> bool(start, tag);
            case '~' -> nothing(start, tag);
            case ']' -> list(start, tag, depth + 1);
            case '}' -> dict(start, tag, depth + 1);
            default -> throw error("unknown type tag 0x" + Integer.toHexString(data[tag] & 0xff),
                    tag);
        };
        return new Value(v, tag + 1);
    }

    private byte[] copy(int from, int to) {
        byte[] b = new byte[to - from];
        System.arraycopy(data, from, b, 0, b.length);
        return b;
    }

    private Long integer(int from, int to) throws FlowFileException {
        String s = ascii(from, to);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error("invalid or too large integer", from);
        }
    }

    private Double floating(int from, int to) throws FlowFileException {
        String s = ascii(from, to);
        switch (s) {
            case "inf", "+inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw error("invalid float", from);
                }
            }
        }
    }

    private Boolean bool(int from, int to) throws FlowFileException {
        String s = ascii(from, to);
        if (s.equals("true")) {
            return Boolean.TRUE;
        }
        if (s.equals("false")) {
            return Boolean.FALSE;
        }
        throw error("invalid boolean", from);
    }

    private @Nullable Object nothing(int from, int to) throws FlowFileException {
        if (from != to) {
            throw error("null with a non-empty payload", from);
        }
        return null;
    }

    private List<@Nullable Object> list(int from, int to, int depth) throws FlowFileException {
        checkDepth(depth, from);
        List<@Nullable Object> list = new ArrayList<>();
        int i = from;
        while (i < to) {
            Value v = value(i, to, depth);
            list.add(v.value);
            i = v.end;
        }
        return list;
    }

    private Map<String, @Nullable Object> dict(int from, int to, int depth)
            throws FlowFileException {
        checkDepth(depth, from);
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        int i = from;
        while (i < to) {
            int keyAt = i;
            Value k = value(i, to, depth);
            if (k.end >= to) {
                throw error("dict key without value", keyAt);
            }
            Value v = value(k.end, to, depth);
            map.put(key(k.value, keyAt), v.value);
            i = v.end;
        }
        return map;
    }

    private String key(@Nullable Object key, int at) throws FlowFileException {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        throw error("dict key is not a string", at);
    }

    private void checkDepth(int depth, int at) throws FlowFileException {
        if (depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth, at);
        }
    }

    private String ascii(int from, int to) {
        return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private FlowFileException error(String message, int index) {
        return new FlowFileException(message, base + index);
    }
}
