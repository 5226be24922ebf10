package dev.mitm4j.core.internal.tls;

import dev.mitm4j.tls.ClientHello;
import java.io.EOFException;
import java.io.IOException;
import okio.BufferedSource;

/**
 * Reads a ClientHello from the client's stream without consuming it: the bytes stay in the
 * stream's buffer, so the TLS engine (or a passthrough relay) reads them again from the start.
 * Asks the parser how many bytes are still missing instead of guessing, so a hello split across
 * records or TCP segments is read whole and a malformed one fails at once, never hangs (a client
 * that stops sending runs into the connection's idle timeout).
 */
final class HelloPeek {
    private static final int RECORD_HEADER = 5;

    private HelloPeek() {}

    /**
     * {@return the hello at the start of {@code source}}
     *
     * @throws dev.mitm4j.tls.ClientHelloException when the bytes are not a valid ClientHello
     * @throws EOFException when the client closes before its hello is complete
     */
    static ClientHello read(BufferedSource source) throws IOException {
        long want = RECORD_HEADER;
        while (true) {
            if (!source.request(want)) {
                throw new EOFException("the client closed the connection during its ClientHello");
            }
            byte[] peeked = source.getBuffer().snapshot().toByteArray();
            int need = ClientHello.bytesNeeded(peeked, peeked.length);
            if (need == 0) {
                return ClientHello.parse(peeked);
            }
            want = (long) peeked.length + need;
        }
    }
}
