package dev.mitm4j.core.internal.socks5;

import java.net.ProtocolException;

/**
 * A SOCKS5 client broke the protocol or asked for something unsupported. {@link #reply()} is the
 * reply that was (or should be) sent before closing; messages never contain credentials.
 */
public final class Socks5Exception extends ProtocolException {
    private final Socks5Reply reply;

    public Socks5Exception(Socks5Reply reply, String message) {
        super(message);
        this.reply = reply;
    }

    /** {@return the reply code that tells the client what went wrong} */
    public Socks5Reply reply() {
        return reply;
    }
}
