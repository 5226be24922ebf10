package dev.mitm4j.http.internal.http1;

import static dev.mitm4j.http.HttpParseException.hex;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.InvalidHeaderNameException;
import dev.mitm4j.http.InvalidHeaderValueException;
import dev.mitm4j.http.InvalidLineEndingException;
import dev.mitm4j.http.ObsFoldException;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * Parses a complete header (or trailer) block already read into a byte array: field lines, then
 * the empty line. One pass, plain array indexing, one String per name and value (common names
 * interned). The block is known to end with LF, which stops every scan loop.
 */
final class FieldParser {
    private final byte[] b;
    private final long base;
    private final boolean strict;
    private final ArrayList<Headers.Field> fields;
    private int[] lineStarts;
    private boolean normalized;
    private int pos;

    private FieldParser(byte[] block, long base, boolean strict, int expectedFields) {
        this.b = block;
        this.base = base;
        this.strict = strict;
        this.fields = new ArrayList<>(expectedFields);
        this.lineStarts = new int[Math.max(expectedFields, 1)];
    }

    /** The parsed fields, where each line starts in the block, and whether lenience changed it. */
    record Result(Headers headers, int[] lineStarts, int count) {}

    /**
     * Parses {@code block}, whose first byte is at stream offset {@code base}.
     *
     * @throws dev.mitm4j.http.HttpParseException on any syntax error
     */
    static Result parse(byte[] block, long base, boolean strict, int expectedFields)
            throws InvalidHeaderNameException, InvalidHeaderValueException,
                    InvalidLineEndingException, ObsFoldException {
        FieldParser parser = new FieldParser(block, base, strict, expectedFields);
        parser.parseLines();
        // A leniently tolerated deviation (bare LF, obs-fold) must not be forwarded as received:
        // the next hop may read it differently. Dropping the raw block re-serialises in normal form.
        byte[] raw = parser.normalized ? null : block;
        return new Result(Headers.parsed(parser.fields, raw), parser.lineStarts,
                parser.fields.size());
    }

    private void parseLines() throws InvalidHeaderNameException, InvalidHeaderValueException,
            InvalidLineEndingException, ObsFoldException {
        while (true) {
            byte c = b[pos];
            if (c == '\r') {
                if (b[pos + 1] != '\n') {
                    throw bareCr(pos);
                }
                return;
            }
            if (c == '\n') {
                lenientBareLf(pos, "HEADER_NAME");
                return;
            }
            if (c == ' ' || c == '\t') {
                unfold();
            } else {
                field();
            }
        }
    }

    private void field() throws InvalidHeaderNameException, InvalidHeaderValueException,
            InvalidLineEndingException {
        int start = pos;
        int i = pos;
        while (Chars.TCHAR[b[i] & 0xff]) {
            i++;
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
        String name = Chars.name(b, start, i - start);
        pos = i + 1;
        String value = value();
        if (fields.size() == lineStarts.length) {
            lineStarts = Arrays.copyOf(lineStarts, lineStarts.length * 2);
        }
        lineStarts[fields.size()] = start;
        fields.add(new Headers.Field(name, value));
    }

    /** Reads OWS, the value, OWS and the line ending; leaves {@code pos} at the next line. */
    private String value() throws InvalidHeaderValueException, InvalidLineEndingException {
        int i = pos;
        while (b[i] == ' ' || b[i] == '\t') {
            i++;
        }
        int start = i;
        int end = i;
        while (true) {
            int v = b[i] & 0xff;
            if (v > 0x20 && v != 0x7f) {
                end = ++i; // VCHAR or obs-text: the common case first
            } else if (v == ' ' || v == '\t') {
                i++;
            } else if (v == '\r') {
                if (b[i + 1] != '\n') {
                    throw bareCr(i);
                }
                pos = i + 2;
                break;
            } else if (v == '\n') {
                lenientBareLf(i, "HEADER_VALUE");
                pos = i + 1;
                break;
            } else {
                throw new InvalidHeaderValueException(
                        "invalid header value char " + hex(v), base + i, "HEADER_VALUE");
            }
        }
        return Chars.latin1(b, start, end - start);
    }

    private void unfold() throws ObsFoldException, InvalidHeaderValueException,
            InvalidLineEndingException {
        if (strict) {
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
        int last = fields.size() - 1;
        Headers.Field previous = fields.get(last);
        String joined = previous.value().isEmpty() ? more
                : more.isEmpty() ? previous.value() : previous.value() + " " + more;
        fields.set(last, new Headers.Field(previous.name(), joined));
    }

    private void lenientBareLf(int at, String state) throws InvalidLineEndingException {
        if (strict) {
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
}
