package dev.mitm4j.replay;

import java.io.IOException;

/**
 * A flow file (mitmproxy's tnetstring format) or HAR file that cannot be read: malformed
 * framing, an unknown type tag, a limit exceeded, an unsupported format version or a record
 * that does not describe a flow. {@link #offset()} is the byte offset in the file (counted from
 * where the reader started) at which the problem was found, or -1 when it is not about one
 * position. Messages never contain body bytes.
 */
public class FlowFileException extends IOException {
    private final long offset;

    /** Creates an exception for a problem at byte {@code offset} (-1 when unknown). */
    public FlowFileException(String message, long offset) {
        super(atOffset(message, offset));
        this.offset = offset;
    }

    /** Creates an exception for a problem at byte {@code offset}, caused by {@code cause}. */
    public FlowFileException(String message, long offset, Throwable cause) {
        super(atOffset(message, offset), cause);
        this.offset = offset;
    }

    private static String atOffset(String message, long offset) {
        return offset >= 0 ? message + " at byte offset " + offset : message;
    }

    /** {@return the byte offset of the problem, or -1 when it is not about one position} */
    public long offset() {
        return offset;
    }
}
