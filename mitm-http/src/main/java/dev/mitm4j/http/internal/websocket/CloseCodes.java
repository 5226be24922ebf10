package dev.mitm4j.http.internal.websocket;

/**
 * Close status codes (RFC 6455 §7.4 and the IANA registry) and which of them may travel in a close
 * frame.
 *
 * <p>On the wire: 1000-1003 and 1007-1014 (registered), and 3000-4999 (libraries, frameworks and
 * applications). Never on the wire: 1004 (reserved), 1005 (no status: the close frame had no
 * code), 1006 (abnormal: no close frame at all) and 1015 (TLS failure); 0-999, 1016-2999 and
 * 5000 up are refused too. A close frame carrying a refused code is a protocol error (1002).
 */
public final class CloseCodes {
    /** 1000: the purpose of the connection was fulfilled. */
    public static final int NORMAL = 1000;
    /** 1001: the endpoint goes away (server shutdown, page navigated away). */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: a data type the endpoint cannot accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: never sent; stands for a close frame without a code. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** 1006: never sent; stands for a connection closed without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** 1007: message data inconsistent with its type (bad UTF-8 in text, bad DEFLATE data). */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1008: a message that violates the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a message or frame too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: the client expected an extension the server did not negotiate. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: the server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;
    /** 1015: never sent; stands for a failed TLS handshake. */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCodes() {}

    /** {@return whether {@code code} may appear in a close frame} */
    public static boolean isValidOnWire(int code) {
        if (code >= 3000 && code <= 4999) {
            return true;
        }
        return code >= 1000 && code <= 1014 && code != 1004 && code != NO_STATUS_RECEIVED
                && code != ABNORMAL_CLOSURE;
    }
}
