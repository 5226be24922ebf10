package dev.mitm4j.replay.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes plain Java values as one tnetstring, the inverse of {@link TNetParser}: {@code byte[]}
 * as bytes ({@code ,}), {@link String} as mitmproxy's UTF-8 string ({@code ;}), integral
 * numbers ({@code #}), {@link Double}/{@link Float} ({@code ^}, Python-readable decimal),
 * {@link Boolean} ({@code !}), null ({@code ~}), {@link List} ({@code ]}) and {@link Map} with
 * string keys (<code>}</code>, entries in iteration order).
 *
 * <p>The output is built back to front in one growing array, so each length prefix is known
 * when it is written and nothing is copied per nesting level.
 */
public final class TNetWriter {
    private byte[] buf = new byte[256];
    private int start = buf.length; // data lives in buf[start, buf.length)

    private TNetWriter() {}

    /**
     * {@return the tnetstring encoding of {@code value}}
     *
     * @throws IllegalArgumentException naming the type of a value that has no encoding
     */
    public static byte[] dump(@Nullable Object value) {
        TNetWriter w = new TNetWriter();
        w.value(value);
        byte[] out = new byte[w.buf.length - w.start];
        System.arraycopy(w.buf, w.start, out, 0, out.length);
        return out;
    }

    private void value(@Nullable Object v) {
        int tail = buf.length - start; // bytes after this value; stable when buf grows
        switch (v) {
            case null -> prepend('~');
            case byte[] b -> {
                prepend(',');
                prepend(b);
            }
            case String s -> {
                prepend(';');
                prepend(s.getBytes(StandardCharsets.UTF_8));
            }
            case Boolean b -> {
                prepend('!');
                prepend(ascii(b ? "true" : "false"));
            }
            case Integer n -> number('#', Long.toString(n));
            case Long n -> number('#', Long.toString(n));
            case Short n -> number('#', Long.toString(n));
            case BigInteger n -> number('#', n.toString());
            case Double d -> number('^', pythonFloat(d));
            case Float f -> number('^', pythonFloat(f.doubleValue()));
            case List<?> list -> list(list);
            case Map<?, ?> map -> map(map);
            default -> throw new IllegalArgumentException("no tnetstring encoding for "
                    + v.getClass().getName());
        }
        int payload = buf.length - start - tail - 1;
        prepend(':');
        prepend(ascii(Integer.toString(payload)));
    }

    private void number(char tag, String text) {
        prepend(tag);
        prepend(ascii(text));
    }

    private void list(List<?> list) {
        prepend(']');
        for (ListIterator<?> it = list.listIterator(list.size()); it.hasPrevious(); ) {
            value(it.previous());
        }
    }

    private void map(Map<?, ?> map) {
        prepend('}');
        Object[] entries = map.entrySet().toArray();
        for (int i = entries.length - 1; i >= 0; i--) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) entries[i];
            value(e.getValue());
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("dict key is not a String: " + e.getKey());
            }
            value(key);
        }
    }

    /** Python's float() reads this: plain decimals, "inf", "-inf", "nan". */
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String s = BigDecimal.valueOf(d).toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void prepend(char c) {
        ensure(1);
        buf[--start] = (byte) c;
    }

    private void prepend(byte[] b) {
        ensure(b.length);
        start -= b.length;
        System.arraycopy(b, 0, buf, start, b.length);
    }

    private void ensure(int n) {
        if (start >= n) {
            return;
        }
        int used = buf.length - start;
        long wanted = Math.max((long) buf.length * 2, (long) used + n);
        if (wanted > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("value too large for one tnetstring record");
        }
        byte[] bigger = new byte[(int) wanted];
        System.arraycopy(buf, start, bigger, bigger.length - used, used);
        buf = bigger;
        start = bigger.length - used;
    }
}
