package dev.mitm4j.testkit.pathod;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A VALUE of the language: a quoted literal ({@code "foo"}, {@code 'a\r\nb'}) or generated data
 * ({@code @100}, {@code @1k,ascii}). Generated data is produced while writing, in chunks, so a
 * gigabyte value costs no memory; each write produces fresh random bytes. Immutable.
 */
public sealed interface Value {

    /** {@return the length in bytes} */
    long length();

    /** Writes bytes {@code [from, to)} of this value. */
    void writeTo(OutputStream out, long from, long to) throws IOException;

    /** {@return all bytes (for small values: headers, methods, paths)} */
    default byte[] bytes() {
        if (length() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("value too large for memory: " + length());
        }
        var out = new java.io.ByteArrayOutputStream((int) length());
        try {
            writeTo(out, 0, length());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** {@return the value as ISO-8859-1 text, one char per byte} */
    default String text() {
        return new String(bytes(), StandardCharsets.ISO_8859_1);
    }

    /** {@return a literal of {@code text}'s ISO-8859-1 bytes} */
    static Value literal(String text) {
        return new Literal(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A literal value; {@link #toString()} is its quoted, escaped spec form. */
    record Literal(byte[] data) implements Value {
        public Literal {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public long length() {
            return data.length;
        }

        @Override
        public void writeTo(OutputStream out, long from, long to) throws IOException {
            out.write(data, (int) from, (int) (to - from));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Literal l && Arrays.equals(data, l.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("\"");
            for (byte b : data) {
                int c = b & 0xff;
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\r' -> sb.append("\\r");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append(c >= 0x20 && c < 0x7f
                            ? String.valueOf((char) c) : String.format("\\x%02x", c));
                }
            }
            return sb.append('"').toString();
        }
    }

    /** Generated data: {@code size} bytes drawn from the alphabet named {@code type}. */
    record Generated(long size, String type) implements Value {
        static final Map<String, String> ALPHABETS = Map.of(
                "ascii", ascii(),
                "ascii_letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                "ascii_lowercase", "abcdefghijklmnopqrstuvwxyz",
                "ascii_uppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                "digits", "0123456789",
                "hexdigits", "0123456789abcdefABCDEF",
                "octdigits", "01234567",
                "punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
                "whitespace", " \t\n\r\u000b\u000c");

        public Generated {
            if (size < 0) {
                throw new IllegalArgumentException("size < 0: " + size);
            }
            if (!type.equals("bytes") && !ALPHABETS.containsKey(type)) {
                throw new IllegalArgumentException("unknown data type: " + type);
            }
        }

        @Override
        public long length() {
            return size;
        }

        @Override
        public void writeTo(OutputStream out, long from, long to) throws IOException {
            byte[] chunk = new byte[(int) Math.min(64 * 1024, Math.max(0, to - from))];
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String alphabet = ALPHABETS.get(type);
            for (long left = to - from; left > 0; ) {
                int n = (int) Math.min(chunk.length, left);
                if (alphabet == null) {
                    random.nextBytes(chunk);
                } else {
                    for (int i = 0; i < n; i++) {
                        chunk[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
                    }
                }
                out.write(chunk, 0, n);
                left -= n;
            }
        }

        @Override
        public String toString() {
            return "@" + size + (type.equals("bytes") ? "" : "," + type);
        }

        private static String ascii() {
            StringBuilder sb = new StringBuilder();
            for (char c = 0; c < 128; c++) {
                sb.append(c);
            }
            return sb.toString();
        }
    }

    /** {@return the size of {@code digits} with an optional b/k/m/g/t suffix (powers of 1024)} */
    static long size(String digitsAndSuffix) {
        String s = digitsAndSuffix.toLowerCase(Locale.ROOT);
        char last = s.charAt(s.length() - 1);
        int shift = switch (last) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        String digits = Character.isDigit(last) ? s : s.substring(0, s.length() - 1);
        return Math.multiplyExact(Long.parseLong(digits), 1L << shift);
    }
}
