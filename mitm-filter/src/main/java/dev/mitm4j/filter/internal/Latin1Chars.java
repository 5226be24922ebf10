package dev.mitm4j.filter.internal;

import java.nio.charset.StandardCharsets;

/**
 * A zero-copy {@link CharSequence} view of bytes, one ISO-8859-1 char per byte, so that byte
 * regexes (see {@link PythonRegex}) search bodies and messages without decoding or copying them.
 * Immutable as long as nobody changes the array while a match runs.
 */
final class Latin1Chars implements CharSequence {
    private final byte[] bytes;
    private final int start;
    private final int end;

    Latin1Chars(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private Latin1Chars(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes[start + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        if (from < 0 || from > to || to > length()) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + length());
        }
        return new Latin1Chars(bytes, start + from, start + to);
    }

    @Override
    public String toString() {
        return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
