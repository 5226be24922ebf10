package dev.mitm4j.http.internal.websocket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF) incrementally: a sequence may be split across any number of calls, so a text
 * message is checked fragment by fragment and refused at its first bad byte, as RFC 6455 §8.1 asks.
 * Not thread-safe; one instance per direction, {@link #reset()} between messages.
 */
final class Utf8Validator {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Continuation bytes still expected in the current sequence. */
    private int needed;
    /** Bounds of the next continuation byte (narrower after E0, ED, F0, F4). */
    private int lower = 0x80;
    private int upper = 0xbf;

    /** {@return whether the whole of {@code b} is well-formed, complete UTF-8} */
    static boolean isValid(byte[] b, int off, int len) {
        Utf8Validator v = new Utf8Validator();
        return v.validate(b, off, len) < 0 && v.isComplete();
    }

    /**
     * Checks the next {@code len} bytes.
     *
     * @return -1 when they are well-formed so far, else the index in {@code b} of the first
     *     invalid byte (the validator is then unusable until {@link #reset()})
     */
    int validate(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (needed == 0) {
                while (i <= end - 8 && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                if (i == end) {
                    break;
                }
                int c = b[i] & 0xff;
                if (c < 0x80) {
                    i++;
                    continue;
                }
                if (!lead(c)) {
                    return i;
                }
            } else {
                int c = b[i] & 0xff;
                if (c < lower || c > upper) {
                    return i;
                }
                lower = 0x80;
                upper = 0xbf;
                needed--;
            }
            i++;
        }
        return -1;
    }

    /** {@return whether no sequence is left unfinished} */
    boolean isComplete() {
        return needed == 0;
    }

    /** Forgets any unfinished sequence, for the next message. */
    void reset() {
        needed = 0;
        lower = 0x80;
        upper = 0xbf;
    }

    private boolean lead(int c) {
        if (c >= 0xc2 && c <= 0xdf) {
            needed = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            needed = 2;
            if (c == 0xe0) {
                lower = 0xa0; // overlong
            } else if (c == 0xed) {
                upper = 0x9f; // surrogates
            }
        } else if (c >= 0xf0 && c <= 0xf4) {
            needed = 3;
            if (c == 0xf0) {
                lower = 0x90; // overlong
            } else if (c == 0xf4) {
                upper = 0x8f; // above U+10FFFF
            }
        } else {
            return false;
        }
        return true;
    }
}
