package dev.mitm4j.tls;

import java.net.ProtocolException;

/**
 * Bytes that were supposed to start a TLS connection are not a well-formed ClientHello, or stop
 * before it ends. The message gives the offset in the input and what was expected there, e.g.
 * {@code "expected a handshake record (type 22) at offset 0, found 0x47"}; it never contains the
 * input itself.
 */
public final class ClientHelloException extends ProtocolException {
    private final int offset;
    private final boolean truncated;

    public ClientHelloException(String message, int offset, boolean truncated) {
        super(message);
        this.offset = offset;
        this.truncated = truncated;
    }

    /** {@return the offset in the input (counting record headers) where parsing stopped} */
    public int offset() {
        return offset;
    }

    /**
     * {@return true when the input was cut short: a longer input could still be a valid hello
     * (use {@link ClientHello#bytesNeeded} while reading from a stream)}
     */
    public boolean truncated() {
        return truncated;
    }
}
