package dev.mitm4j.testkit.pathod;

import java.util.concurrent.ThreadLocalRandom;

/**
 * An OFFSET into the base message (before injections): a byte index, {@code r} (random) or
 * {@code a} (the end). Immutable.
 *
 * @param kind which flavour
 * @param index the byte index for {@link Kind#INDEX}, else 0
 */
public record Offset(Kind kind, long index) {
    /** The three flavours of the language. */
    public enum Kind { INDEX, RANDOM, END }

    /** {@return the absolute offset in a message of {@code length} bytes (clamped to it)} */
    public long resolve(long length) {
        return switch (kind) {
            case INDEX -> Math.min(index, length);
            case RANDOM -> ThreadLocalRandom.current().nextLong(length + 1);
            case END -> length;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case INDEX -> Long.toString(index);
            case RANDOM -> "r";
            case END -> "a";
        };
    }
}
