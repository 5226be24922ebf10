package dev.mitm4j.http;

/**
 * A message on the wire broke HTTP/1 syntax or a configured limit. The subtype names the problem;
 * {@link #offset()} is the byte offset in the stream (counted from the first byte the reader
 * consumed) and {@link #state()} the parser state in which it was found.
 *
 * <p>The message has the form {@code "invalid header name char 0x0b at offset 37, parser state
 * [HEADER_NAME]"}. It never contains a header value or body bytes, so it is safe to log; it may
 * contain a header name, the request method or a single offending byte in hex.
 *
 * <p>Immutable and thread-safe. The connection that produced it can no longer be trusted to be in
 * sync and must be closed after (optionally) answering with 400.
 */
public class HttpParseException extends java.net.ProtocolException {
    private final long offset;
    private final String state;

    /**
     * @param problem what is wrong, without any header value or body byte
     * @param offset the byte offset in the stream where it was found
     * @param state the parser state's name
     */
    public HttpParseException(String problem, long offset, String state) {
        super(problem + " at offset " + offset + ", parser state [" + state + "]");
        this.offset = offset;
        this.state = state;
    }

    /** {@return the byte offset in the stream at which the problem was found} */
    public long offset() {
        return offset;
    }

    /** {@return the name of the parser state in which the problem was found} */
    public String state() {
        return state;
    }

    /** {@return a byte formatted as {@code 0x0b}, for messages} */
    public static String hex(int b) {
        String digits = Integer.toHexString(b & 0xff);
        return digits.length() == 1 ? "0x0" + digits : "0x" + digits;
    }
}
