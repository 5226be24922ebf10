package dev.mitm4j.http.internal.websocket;

import java.net.ProtocolException;

/**
 * An opening handshake that RFC 6455 §4 or RFC 7692 §5 says to refuse: a missing or malformed
 * header, a wrong accept value, a subprotocol or extension that was not offered. The message names
 * the header, never its value, so it is safe to log. Immutable and thread-safe.
 */
public final class WebSocketHandshakeException extends ProtocolException {
    /** @param problem what is wrong, naming the header but not its value */
    public WebSocketHandshakeException(String problem) {
        super(problem);
    }
}
