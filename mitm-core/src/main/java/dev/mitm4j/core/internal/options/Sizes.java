package dev.mitm4j.core.internal.options;

import java.util.Locale;

/**
 * mitmproxy's size syntax ({@code human.parse_size}): a plain byte count, or a count followed by one
 * of {@code b k m g t} in <em>binary</em> units ({@code "3m"} is 3 × 1024 × 1024 bytes).
 */
public final class Sizes {
    /** The accepted form, for error messages. */
    public static final String FORM = "a size such as 1024, 512k, 3m or 1g (binary units: k = 1024)";

    private Sizes() {}

    /** {@return {@code bytes} in the largest binary unit that divides it, e.g. "64k"} */
    public static String format(long bytes) {
        String[] units = {"k", "m", "g", "t"};
        String unit = "";
        long value = bytes;
        for (int i = 0; value != 0 && value % 1024 == 0 && i < units.length; i++) {
            value /= 1024;
            unit = units[i];
        }
        return value + unit;
    }

    /**
     * {@return the number of bytes {@code text} stands for}
     *
     * @throws IllegalArgumentException when the text is not a non-negative size
     */
    public static long parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'b' -> 1L;
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 0L;
        };
        String digits = unit == 0 ? s : s.substring(0, s.length() - 1);
        long count;
        try {
            count = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        if (count < 0) {
            throw new IllegalArgumentException("negative size: " + text);
        }
        return Math.multiplyExact(count, unit == 0 ? 1 : unit);
    }
}
