package dev.mitm4j.replay.internal;

import dev.mitm4j.replay.FlowFileException;
import dev.mitm4j.replay.TruncatedFlowFileException;
import java.io.IOException;
import java.util.Objects;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads top-level tnetstring values one at a time from a stream, holding only the current
 * record in memory (bounded by {@link TNetLimits#maxRecordBytes()}). Tracks the byte offset of
 * every record for error messages. Not thread-safe.
 */
public final class TNetReader {
    private static final int MAX_LENGTH_DIGITS = 10;

    private final BufferedSource source;
    private final TNetLimits limits;
    private long position;

    /** A value and the byte offset of its first byte. */
    public record Record(long offset, @Nullable Object value) {}

    /** Creates a reader; {@code startOffset} is the offset of the source's next byte. */
    public TNetReader(BufferedSource source, TNetLimits limits, long startOffset) {
        this.source = Objects.requireNonNull(source, "source");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.position = startOffset;
    }

    /** {@return the offset of the next unread byte} */
    public long position() {
        return position;
    }

    /**
     * {@return the next value, or null at a clean end of the stream (between records)}
     *
     * @throws TruncatedFlowFileException when the stream ends inside a record
     * @throws FlowFileException when the record is malformed or exceeds a limit
     */
    public @Nullable Record next() throws IOException {
        if (source.exhausted()) {
            return null;
        }
        long start = position;
        byte[] prefix = readPrefix(start);
        long length = parseLength(prefix, start);
        if (length + 1 + prefix.length > limits.maxRecordBytes()) {
            throw new FlowFileException("record of " + length + " bytes exceeds the limit of "
                    + limits.maxRecordBytes(), start);
        }
        int total = prefix.length + (int) length + 1;
        if (!source.request(length + 1)) {
            long missing = length + 1 - source.getBuffer().size();
            throw new TruncatedFlowFileException(start, missing);
        }
        byte[] data = new byte[total];
        System.arraycopy(prefix, 0, data, 0, prefix.length);
        int at = prefix.length;
        while (at < total) {
            at += source.getBuffer().read(data, at, total - at);
        }
        position += length + 1;
        return new Record(start, TNetParser.parse(data, start, limits));
    }

    /** Reads "digits:" (consuming it); the result includes the colon. */
    private byte[] readPrefix(long start) throws IOException {
        byte[] digits = new byte[MAX_LENGTH_DIGITS + 1];
        int n = 0;
        while (true) {
            if (!source.request(1)) {
                throw new TruncatedFlowFileException(start, 1);
            }
            byte b = source.readByte();
            position++;
            digits[n++] = b;
            if (b == ':') {
                break;
            }
            if (b < '0' || b > '9') {
                throw new FlowFileException("not a tnetstring: invalid length character 0x"
                        + Integer.toHexString(b & 0xff), position - 1);
            }
            if (n > MAX_LENGTH_DIGITS) {
                throw new FlowFileException("not a tnetstring: length prefix longer than "
                        + MAX_LENGTH_DIGITS + " digits", start);
            }
        }
        byte[] result = new byte[n];
        System.arraycopy(digits, 0, result, 0, n);
        return result;
    }

    private static long parseLength(byte[] prefix, long start) throws FlowFileException {
        if (prefix.length == 1) {
            throw new FlowFileException("not a tnetstring: missing length prefix", start);
        }
        long length = 0;
        for (int i = 0; i < prefix.length - 1; i++) {
            length = length * 10 + (prefix[i] - '0');
        }
        return length;
    }
}
