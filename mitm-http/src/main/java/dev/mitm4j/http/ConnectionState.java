package dev.mitm4j.http;

/**
 * Which directions of a connection are still open, as mitmproxy's {@code ConnectionState}
 * flags: a half-closed connection can still read or still write.
 */
public enum ConnectionState {
    /** Neither direction is open (also the state before connecting). */
    CLOSED,
    /** Only reading is possible: the peer may still send, we have shut down output. */
    CAN_READ,
    /** Only writing is possible: the peer has shut down its output. */
    CAN_WRITE,
    /** Both directions are open. */
    OPEN
}
