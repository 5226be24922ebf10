package dev.mitm4j.examples.proxyprotocol;

import java.net.ProtocolException;

/**
 * A PROXY protocol header that breaks the specification or a limit. The message names the
 * version, the offset of the offending byte from the start of the header and what is wrong;
 * it never repeats the header's bytes.
 */
public final class ProxyProtocolException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final int version;
    private final int offset;

    ProxyProtocolException(int version, int offset, String reason) {
        super("PROXY protocol v" + version + " header, offset " + offset + ": " + reason);
        this.version = version;
        this.offset = offset;
    }

    /** {@return the header's version, 1 or 2} */
    public int version() {
        return version;
    }

    /** {@return where the fault lies, in bytes from the start of the header} */
    public int offset() {
        return offset;
    }
}
