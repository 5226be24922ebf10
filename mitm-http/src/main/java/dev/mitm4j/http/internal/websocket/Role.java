package dev.mitm4j.http.internal.websocket;

/**
 * Which endpoint sends the frames a reader reads or a writer writes. It decides masking
 * (RFC 6455 §5.1): a client masks every frame with a fresh key, a server never masks, and a reader
 * refuses frames that break that rule. A proxy reads frames sent by the {@link #CLIENT} on its
 * client leg and writes frames as the {@link #CLIENT} on its server leg.
 */
public enum Role {
    /** The endpoint that opened the connection: its frames are masked. */
    CLIENT,
    /** The endpoint that accepted the connection: its frames are not masked. */
    SERVER;

    /** {@return the other endpoint} */
    public Role peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
