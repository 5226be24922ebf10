package dev.mitm4j.http.internal.http1;

import static dev.mitm4j.http.HttpParseException.hex;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.InvalidHeaderNameException;
import dev.mitm4j.http.InvalidHeaderValueException;
import dev.mitm4j.http.InvalidLineEndingException;
import dev.mitm4j.http.LimitExceededException;
import dev.mitm4j.http.ObsFoldException;
import dev.mitm4j.http.internal.TrustedHeaders;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Parses a header (or trailer) block from the bytes copied out of the connection's buffer: field
 * lines, then the empty line. One validating pass with plain array indexing; values are skimmed
 * eight bytes at a time. {@code b[len]} is an LF sentinel that stops every loop; reaching it
 * means the block is incomplete and {@link #parse} returns null.
 */
final class FieldParser {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    /** Field-value bytes: VCHAR, obs-text, SP and HTAB (RFC 9110 section 5.5). */
    private static final boolean[] VALUE = new boolean[256];

    static {
        for (int c = 0x20; c < 0x100; c++) {
            VALUE[c] = c != 0x7f;
        }
        VALUE['\t'] = true;
    }

    private final byte[] b;
    private final int len;
    private final long base;
    private final int blockStart;
    private final Http1Limits limits;
    private final ArrayList<Headers.Field> fields = new ArrayList<>(20);
    private int[] lineStarts = new int[20];
    private boolean normalized;
    private int pos;

    private FieldParser(byte[] b, int from, int len, long base, Http1Limits limits) {
        this.b = b;
        this.len = len;
        this.base = base;
        this.blockStart = from;
        this.limits = limits;
        this.pos = from;
    }

    /**
     * The parsed block.
     *
     * @param headers the fields, keeping the raw block unless lenience normalised it
     * @param lineStarts the index in the array of each field's line
     * @param count the number of fields
     * @param end the index just after the block's empty line
     */
    record Result(Headers headers, int[] lineStarts, int count, int end) {}

    /**
     * Parses the block starting at {@code b[from]}; {@code b[0]} is at stream offset {@code base}
     * and {@code b[len]} must be an LF sentinel.
     *
     * @return the block, or null when the data ends before it does
     * @throws HttpParseException on a syntax error or an exceeded limit
     */
    static @Nullable Result parse(byte[] b, int from, int len, long base, Http1Limits limits)
            throws HttpParseException {
        FieldParser parser = new FieldParser(b, from, len, base, limits);
        int end = parser.parseLines();
        if (end < 0) {
            if (len - from >= limits.maxHeaderBlock()) {
                throw parser.tooLarge();
            }
            return null;
        }
        if (end - from > limits.maxHeaderBlock()) {
            throw parser.tooLarge();
        }
        // A leniently tolerated deviation (bare LF, obs-fold) must not be forwarded as received:
        // the next hop may read it differently. Dropping the raw block re-serialises in normal form.
        byte[] raw = parser.normalized ? null : Arrays.copyOfRange(b, from, end);
        return new Result(TrustedHeaders.of(parser.fields, raw), parser.lineStarts,
                parser.fields.size(), end);
    }

    /** {@return the index after the block, or -1 when incomplete} */
    private int parseLines() throws HttpParseException {
        while (true) {
            if (pos >= len) {
                return -1;
            }
            byte c = b[pos];
            if (c == '\r') {
                if (pos + 1 >= len) {
                    return -1;
                }
                if (b[pos + 1] != '\n') {
                    throw bareCr(pos);
                }
                return pos + 2;
            }
            if (c == '\n') {
                lenientBareLf(pos, "HEADER_NAME");
                return pos + 1;
            }
            if (fields.size() == limits.maxHeaderCount()) {
                throw new LimitExceededException("more than " + limits.maxHeaderCount()
                        + " header fields", base + pos, "HEADER_NAME");
            }
            boolean complete = (c == ' ' || c == '\t') ? unfold() : field();
            if (!complete) {
                return -1;
            }
        }
    }

    private boolean field() throws HttpParseException {
        int start = pos;
        int i = pos;
        while (Chars.TCHAR[b[i] & 0xff]) {
            i++;
        }
        if (i >= len) {
            return false;
        }
        if (b[i] != ':') {
            if (i > start && (b[i] == ' ' || b[i] == '\t')) {
                throw new InvalidHeaderNameException(
                        "whitespace before colon in header name", base + i, "HEADER_NAME");
            }
            throw new InvalidHeaderNameException(
                    "invalid header name char " + hex(b[i]), base + i, "HEADER_NAME");
        }
        if (i == start) {
            throw new InvalidHeaderNameException("empty header name", base + i, "HEADER_NAME");
        }
        pos = i + 1;
        String value = value();
        if (value == null) {
            return false;
        }
        if (fields.size() == lineStarts.length) {
            lineStarts = Arrays.copyOf(lineStarts, lineStarts.length * 2);
        }
        lineStarts[fields.size()] = start;
        fields.add(new Headers.Field(Chars.name(b, start, i - start), value));
        return true;
    }

    /** Reads OWS, the value, OWS and the line ending; leaves {@code pos} at the next line. */
    private @Nullable String value() throws HttpParseException {
        int i = pos;
        while (b[i] == ' ' || b[i] == '\t') {
            i++;
        }
        int start = i;
        while (true) {
            while (i + 8 <= len && isPlain((long) LONGS.get(b, i))) {
                i += 8;
            }
            if (!VALUE[b[i] & 0xff]) {
                break;
            }
            i++;
        }
        int v = b[i] & 0xff;
        if (v == '\r') {
            if (i + 1 >= len) {
                return null;
            }
            if (b[i + 1] != '\n') {
                throw bareCr(i);
            }
            pos = i + 2;
        } else if (v == '\n') {
            if (i >= len) {
                return null;
            }
            lenientBareLf(i, "HEADER_VALUE");
            pos = i + 1;
        } else {
            throw new InvalidHeaderValueException(
                    "invalid header value char " + hex(v), base + i, "HEADER_VALUE");
        }
        int end = i;
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        return Chars.latin1(b, start, end - start);
    }

    /** {@return whether none of the eight bytes is below 0x20 (CTL, HTAB, CR, LF) or 0x7f} */
    private static boolean isPlain(long w) {
        long belowSpace = (w - 0x20 * ONES) & ~w & HIGHS;
        long x = w ^ (0x7f * ONES);
        long del = (x - ONES) & ~x & HIGHS;
        return (belowSpace | del) == 0;
    }

    private boolean unfold() throws HttpParseException {
        if (limits.strict()) {
            throw new ObsFoldException("obs-fold continuation line", base + pos, "HEADER_NAME");
        }
        if (fields.isEmpty()) {
            throw new ObsFoldException("continuation line before any field", base + pos,
                    "HEADER_NAME");
        }
        // Lenient: RFC 9112 section 5.2 lets a recipient replace each obs-fold with a space.
        // Old servers and appliances still fold long values; rejecting them breaks real sites.
        normalized = true;
        String more = value();
        if (more == null) {
            return false;
        }
        int last = fields.size() - 1;
        Headers.Field previous = fields.get(last);
        String joined = previous.value().isEmpty() ? more
                : more.isEmpty() ? previous.value() : previous.value() + " " + more;
        fields.set(last, new Headers.Field(previous.name(), joined));
        return true;
    }

    private void lenientBareLf(int at, String state) throws InvalidLineEndingException {
        if (limits.strict()) {
            throw new InvalidLineEndingException("bare LF without CR", base + at, state);
        }
        // Lenient: RFC 9112 section 2.2 lets a recipient accept a lone LF as a line terminator;
        // hand-written clients and scripts send them.
        normalized = true;
    }

    private InvalidLineEndingException bareCr(int at) {
        return new InvalidLineEndingException("bare CR not followed by LF", base + at,
                "HEADER_VALUE");
    }

    private LimitExceededException tooLarge() {
        return new LimitExceededException("header block longer than "
                + limits.maxHeaderBlock() + " bytes", base + blockStart + limits.maxHeaderBlock(),
                "HEADER_NAME");
    }
}
